"""The dashboard card of the district plans: the current fiscal year's action plan and how
far its projects have come (two queries)."""

from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district import thai
from iqa_district.accounts.models import User
from iqa_district.dashboard import Card, register

from .models import ActionPlan, PlanProject


@register
def plans_cards(user: User) -> list[Card]:
    if not user.is_district_staff:
        return []
    year = thai.fiscal_year_of(timezone.localdate())
    action_plan = (
        ActionPlan.objects.visible_to(user).filter(fiscal_year=year).order_by("-plan__pk").first()
    )
    if action_plan is None:
        return []
    figures = PlanProject.objects.filter(action_plan=action_plan).aggregate(
        projects=Count("pk"), done=Count("pk", filter=Q(progress__gte=100)), mean=Avg("progress")
    )
    return [
        Card(
            title=_("แผนปฏิบัติการประจำปีงบประมาณ %(year)s") % {"year": year},
            value=figures["projects"],
            url=reverse("plans:action_plan_detail", args=[action_plan.pk]),
            note=_("โครงการแล้วเสร็จ %(done)s · ความก้าวหน้าเฉลี่ยร้อยละ %(mean)s")
            % {"done": figures["done"], "mean": round(figures["mean"] or 0)},
            order=45,
        )
    ]
