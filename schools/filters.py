"""Search and filters of the school list (django-filter)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import SIZE_BAND_LIMITS, Cluster, School, SizeBand, thai_order

LEVEL_FIELDS = {
    School.Level.ECE: "offers_ece",
    School.Level.PRIMARY: "offers_primary",
    School.Level.LOWER_SECONDARY: "offers_lower_secondary",
    School.Level.UPPER_SECONDARY: "offers_upper_secondary",
}


def size_band_q(band):
    """Schools whose student count falls in ``band``, whatever kind their office is
    (the bands differ for primary and secondary offices)."""
    query = Q()
    for kind, limits in SIZE_BAND_LIMITS.items():
        lower = 1
        bounds = {}
        for upper, limit_band in limits:
            bounds[limit_band] = (lower, upper)
            lower = upper + 1
        bounds[SizeBand.EXTRA_LARGE] = (lower, None)
        low, high = bounds[band]
        term = Q(area_office__kind=kind, students__gte=low)
        if high is not None:
            term &= Q(students__lte=high)
        query |= term
    return query


class SchoolFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("ค้นหาชื่อหรือรหัส"), method="search")
    cluster = django_filters.ModelChoiceFilter(
        label=_("สหวิทยาเขต/กลุ่มเครือข่าย"), queryset=Cluster.objects.none()
    )
    district = django_filters.ChoiceFilter(label=_("อำเภอ"), choices=[])
    level = django_filters.ChoiceFilter(
        label=_("ระดับที่เปิดสอน"), choices=School.Level.choices, method="filter_level"
    )
    size_band = django_filters.ChoiceFilter(
        label=_("ขนาดสถานศึกษา"), choices=SizeBand.choices, method="filter_size_band"
    )
    is_active = django_filters.BooleanFilter(
        label=_("สถานะ"),
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = School
        fields = ["q", "cluster", "district", "level", "size_band", "is_active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["cluster"].queryset = Cluster.objects.visible_to(user).order_by(
            thai_order("name")
        )
        districts = (
            School.objects.visible_to(user)
            .exclude(district="")
            .order_by(thai_order("district"))
            .values_list("district", flat=True)
            .distinct()
        )
        self.filters["district"].extra["choices"] = [(d, d) for d in districts]
        self.form.fields["is_active"].widget.choices = [
            ("", _("ทั้งหมด")),
            ("true", _("เปิดดำเนินการ")),
            ("false", _("ปิดดำเนินการ")),
        ]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(code__startswith=value))

    def filter_level(self, queryset, name, value):
        return queryset.filter(**{LEVEL_FIELDS[value]: True})

    def filter_size_band(self, queryset, name, value):
        return queryset.filter(size_band_q(value))
