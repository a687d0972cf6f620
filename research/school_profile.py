"""The research part of a school's whole picture: the studies it owns or takes part in,
with their state and verdict. Two queries whatever the school's history."""

import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.translation import gettext as _

from iqa_district.school_profile import Section, register

from .models import ResearchProject

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from iqa_district.accounts.models import User


@register
def research_section(
    school: Any, user: "User | AnonymousUser", today: datetime.date
) -> Section | None:
    if not user.is_authenticated or user.is_committee_member:
        return None
    taking_part = ResearchProject.schools.through.objects.filter(school=school.pk)
    projects = list(
        ResearchProject.objects.visible_to(user)
        .filter(Q(school=school.pk) | Q(pk__in=taking_part.values("researchproject")))
        .select_related("academic_year")
        .order_by("-academic_year", "title", "pk")[:50]
    )
    if not projects:
        return None  # shown where it exists, as the school page promises
    return Section(
        key="school-research",
        title=_("งานวิจัยและพัฒนาการประกันคุณภาพ"),
        template="research/school_profile/_research.html",
        order=80,
        context={"projects": projects},
    )
