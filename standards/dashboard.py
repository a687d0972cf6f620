from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from iqa_district.counts_cache import cached_counts, query_key
from iqa_district.dashboard import Card, Todo, register, register_todo
from schools.models import AcademicYear, School

from .models import Item, SchoolTarget


@register
def target_cards(user):
    """How far the year's targets (ค่าเป้าหมาย) have been set: per school for school
    staff, across the office for district staff. Three queries at most."""
    year = AcademicYear.objects.current()
    if year is None:
        return []
    if user.is_school_staff:
        school = user.school
        total = Item.objects.applicable_to(school, year.year).count()
        done = SchoolTarget.objects.filter(school=school, academic_year=year).count()
        return [
            Card(
                title=_("ค่าเป้าหมายปีการศึกษา %(year)s") % {"year": year.year},
                value=f"{done}/{total}",
                note=_("ประเด็นพิจารณาที่กำหนดค่าเป้าหมายแล้ว"),
                url=reverse("standards:targets_edit", args=[year.year]),
                tone="success" if total and done >= total else "warning",
                order=20,
            )
        ]
    if not user.is_district_staff:
        return []
    schools = School.objects.visible_to(user).active()

    def count():
        # One index probe per school (EXISTS), not a DISTINCT over every target of the
        # year (~30 a school): 83 ms at 3,000 schools before.
        with_targets = schools.filter(
            Exists(SchoolTarget.objects.filter(school=OuterRef("pk"), academic_year=year))
        ).count()
        return schools.count(), with_targets

    # Counted over every school of the office: cached until the next write.
    total, with_targets = cached_counts("target_cards", (query_key(schools), year.pk), count)
    return [
        Card(
            title=_("สถานศึกษาที่กำหนดค่าเป้าหมายปี %(year)s แล้ว") % {"year": year.year},
            value=with_targets,
            note=_("จากทั้งหมด %(total)s แห่ง") % {"total": total},
            url=reverse("standards:target_matrix"),
            tone="success" if total and with_targets == total else "info",
            order=20,
        )
    ]


@register_todo
def target_todos(user, today):
    """Targets are the year's plan: set for every applicable item by the end of the first
    semester (and before the SAR, which locks them)."""
    year = AcademicYear.objects.current()
    if year is None or not user.is_school_staff:
        return []
    school = user.school
    total = Item.objects.applicable_to(school, year.year).count()
    done = SchoolTarget.objects.filter(school=school, academic_year=year).count()
    if not total or done >= total:
        return []
    return [
        Todo(
            key="targets",
            title=_("กำหนดค่าเป้าหมายปีการศึกษา %(year)s") % {"year": year.year},
            url=reverse("standards:targets_edit", args=[year.year]),
            due=year.semester1_ends_on,
            note=_("กำหนดแล้ว %(done)s จาก %(total)s ประเด็นพิจารณา") % {"done": done, "total": total},
        )
    ]
