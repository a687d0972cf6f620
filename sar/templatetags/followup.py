"""``{% open_recommendations school request.user as recommendations %}``: a school's open
recommendations, overdue first, for any page that shows the school (its SAR editor, its
registry page) without that page's app importing the follow-up."""

from django import template
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from iqa_district.accounts.models import User
from sar.followup.models import Recommendation
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
