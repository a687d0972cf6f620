"""``{% open_recommendations school request.user as recommendations %}``: a school's open
recommendations, overdue first, for any page that shows the school (its SAR editor, its
registry page) without that page's app importing the follow-up."""

from django import template
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from iqa_district.accounts.models import User
from sar.followup.forms import RecommendationUpdateForm
from sar.followup.models import OnTime, Recommendation
from sar.followup.services import can_update
from schools.models import School

register = template.Library()


@register.simple_tag
def open_recommendations(school: School, user: User | AnonymousUser) -> QuerySet[Recommendation]:
    """Only what ``user`` may see: a committee member looking at a school sees none."""
    return (
        Recommendation.objects.visible_to(user)
        .filter(school=school)
        .open()
        .select_related("standard", "item")
        .order_by("due_on", "pk")
    )


@register.simple_tag
def recommendation_answer_form(
    recommendation: Recommendation, user: User | AnonymousUser
) -> RecommendationUpdateForm | None:
    """The school's answer form for one recommendation on another page (the SAR editor),
    or None for whoever may not answer it."""
    if not user.is_authenticated or not can_update(user, recommendation):
        return None
    return RecommendationUpdateForm(
        initial={
            "status": recommendation.status,
            "action": recommendation.action,
            "started_on": recommendation.started_on,
            "completed_on": recommendation.completed_on,
            "lock_version": recommendation.lock_version,
        },
        auto_id=f"id_rec{recommendation.pk}_%s",
    )


@register.simple_tag
def closed_on_time(school: School, user: User | AnonymousUser) -> OnTime | None:
    """The school's recommendations closed on time, for whoever may see them (else None)."""
    visible = Recommendation.objects.visible_to(user).filter(school=school)
    return visible.on_time_by_school().get(school.pk)
