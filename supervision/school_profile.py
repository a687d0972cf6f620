"""The supervision part of a school's whole picture: its visits with their reports and the
committees that came, its self-evaluations, and its compliance this year and over the
three-year cycle. A fixed number of queries whatever the school's history."""

from django.utils.translation import gettext as _

from iqa_district.school_profile import Section, register
from schools.models import AcademicYear, School

from .compliance import CHECKS, STATE_LABELS, compliance_rows
from .models import SelfEvaluation, Visit
from .networks import school_profile as _networks  # noqa: F401 - registers its section


@register
def visits_section(school, user, today):
    if not user.is_authenticated:
        return None
    visits = list(
        Visit.objects.visible_to(user)
        .filter(school=school)
        .select_related("committee", "template")
        .order_by("-date", "-pk")
    )
    committees = {}
    for visit in visits:
        if visit.committee_id and visit.committee_id not in committees:
            committees[visit.committee_id] = (visit.committee, visit.date)
    return Section(
        key="school-visits",
        title=_("การนิเทศ/ตรวจเยี่ยม และคณะกรรมการที่มาตรวจเยี่ยม"),
        template="supervision/school_profile/_visits.html",
        order=30,
        context={"visits": visits, "committees": list(committees.values())},
    )


@register
def self_evaluations_section(school, user, today):
    if not user.is_authenticated or user.is_committee_member:
        return None
    evaluations = SelfEvaluation.objects.visible_to(user).filter(school=school).order_by("-date")
    return Section(
        key="school-self-evaluations",
        title=_("การประเมินคุณภาพภายในของสถานศึกษา"),
        template="supervision/school_profile/_self_evaluations.html",
        order=40,
        context={"evaluations": list(evaluations)},
    )


@register
def compliance_section(school, user, today):
    if not (user.is_authenticated and (user.is_school_staff or user.is_district_staff)):
        return None
    year = AcademicYear.objects.current()
    if year is None:
        return None
    (row,) = compliance_rows(School.objects.filter(pk=school.pk), year, today)
    return Section(
        key="school-compliance",
        title=_("การดำเนินการตามเกณฑ์ ปีการศึกษา %(year)s") % {"year": year.year},
        template="supervision/school_profile/_compliance.html",
        order=50,
        context={
            "row": row,
            "year": year,
            "checks": [
                (label, row.states[key], STATE_LABELS[row.states[key]]) for key, label in CHECKS
            ],
        },
    )
