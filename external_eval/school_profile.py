"""The ONESQA part of a school's whole picture (order 70): its external evaluations round
by round, and ONESQA's levels per standard beside its own SAR level and the district
committee's for the latest evaluation with results. A fixed number of queries."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from iqa_district.school_profile import Section, register

from .comparison import side_by_side
from .models import ExternalEvaluation, OnesqaStandardResult


@register
def onesqa_section(school, user, today):
    if not user.is_authenticated:
        return None
    evaluations = list(
        ExternalEvaluation.objects.visible_to(user)
        .filter(school=school)
        .select_related("round", "school")
        .annotate(
            has_results=Exists(OnesqaStandardResult.objects.filter(evaluation=OuterRef("pk")))
        )
        .order_by("-round__number", "-scheduled_from", "-pk")
    )
    if not evaluations:
        return None  # shown where it exists, as the school page promises
    latest = next((e for e in evaluations if e.has_results), None)
    return Section(
        key="school-onesqa",
        title=_("การประเมินคุณภาพภายนอก (สมศ.)"),
        template="external_eval/school_profile/_evaluations.html",
        order=70,
        context={
            "evaluations": evaluations,
            "latest": latest,
            "rows": side_by_side(latest) if latest else [],
        },
    )
