"""Forms of the follow-up pages: the district's filters and the school's update."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from iqa_district.accounts.models import User
from schools.models import Cluster
from standards.models import Standard

from ..forms import BEDateField
from .models import Recommendation

STATE_CHOICES = [
    ("open", _("ยังไม่ปิด")),
    ("overdue", _("เลยกำหนด")),
    ("closed", _("ปิดแล้ว")),
    ("all", _("ทั้งหมด")),
]


def _bootstrap(form: forms.Form) -> None:
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


class FollowupFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("สถานะ"), choices=STATE_CHOICES, required=False)
    source = forms.ChoiceField(
        label=_("ที่มา"),
        choices=[("", _("ทุกแหล่ง")), *Recommendation.Source.choices],
        required=False,
    )
    cluster = forms.ModelChoiceField(
        label=_("สหวิทยาเขต/กลุ่มเครือข่าย"),
        queryset=Cluster.objects.none(),
        required=False,
        empty_label=_("ทุกกลุ่ม"),
    )
    standard = forms.ModelChoiceField(
        label=_("มาตรฐาน"),
        queryset=Standard.objects.none(),
        required=False,
        empty_label=_("ทุกมาตรฐาน"),
    )
    q = forms.CharField(label=_("ค้นหา"), required=False, max_length=100)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cluster = cast(forms.ModelChoiceField, self.fields["cluster"])
        cluster.queryset = Cluster.objects.visible_to(user)
        standard = cast(forms.ModelChoiceField, self.fields["standard"])
        given = Recommendation.objects.visible_to(user).values("standard")
        standard.queryset = Standard.objects.filter(pk__in=given).select_related("standard_set")
        if user.is_school_staff:
            del self.fields["cluster"]
        _bootstrap(self)

    def clean_q(self) -> str:
        # A NUL byte never reaches the database (PostgreSQL refuses it in text).
        return str(self.cleaned_data.get("q") or "").replace("\x00", "").strip()


class RecommendationUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("สถานะ"), choices=Recommendation.Status.choices)
    action = forms.CharField(
        label=_("สิ่งที่สถานศึกษาดำเนินการ"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    started_on = BEDateField(label=_("เริ่มดำเนินการ"), required=False)
    completed_on = BEDateField(label=_("ดำเนินการแล้วเสร็จ"), required=False)
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        started, completed = cleaned.get("started_on"), cleaned.get("completed_on")
        if started and completed and completed < started:
            self.add_error("completed_on", _("วันที่แล้วเสร็จต้องไม่ก่อนวันที่เริ่มดำเนินการ"))
        return cleaned


class ReopenForm(forms.Form):
    comment = forms.CharField(
        label=_("เหตุผลที่ให้ดำเนินการต่อ"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
