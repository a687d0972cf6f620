"""The research card of the dashboard: the office's (or the school's) studies in progress,
those reported, and how many answers came in this week."""

import datetime
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district.dashboard import Card, register

from .models import ResearchProject, Response

if TYPE_CHECKING:
    from iqa_district.accounts.models import User

Status = ResearchProject.Status
IN_PROGRESS = [Status.APPROVED, Status.COLLECTING, Status.ANALYSING]
DONE = [Status.REPORTED, Status.DISSEMINATED]


@register
def research_cards(user: "User") -> list[Card]:
    if not (user.is_district_staff or user.is_school_staff):
        return []
    projects = ResearchProject.objects.visible_to(user)
    counts = projects.aggregate(
        proposals=Count("pk", filter=Q(status__in=[Status.PROPOSAL, Status.REVISE])),
        running=Count("pk", filter=Q(status__in=IN_PROGRESS)),
        done=Count("pk", filter=Q(status__in=DONE)),
    )
    week = timezone.now() - datetime.timedelta(days=7)
    answers = Response.objects.filter(
        instrument__project__in=projects.values("pk"), submitted_at__gte=week
    ).count()
    return [
        Card(
            title=_("งานวิจัยและพัฒนาการประกันคุณภาพ"),
            value=counts["running"],
            url=reverse("research:list"),
            note=_("กำลังดำเนินการ · รอพิจารณา %(proposals)s · รายงานผลแล้ว %(done)s") % counts,
            tone="warning" if counts["proposals"] and user.can_manage_quality else "primary",
            order=80,
            details=[(_("คำตอบแบบสอบถามใน 7 วัน"), answers)],
        )
    ]
