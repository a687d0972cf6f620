"""The follow-up card of the dashboard: recommendations past their due date (registered
from SarConfig.ready, since the dashboard autodiscovers only ``sar/dashboard.py``).
One query whatever the number of schools."""

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district.dashboard import Card, Todo, register, register_todo

from .models import Recommendation

Status = Recommendation.Status


def followup_counts(user, today=None):
    """Open, overdue and awaiting the district's confirmation, of what ``user`` may see."""
    today = today or timezone.localdate()
    waiting = Q(status=Status.DONE, confirmed_at__isnull=True)
    return (
        Recommendation.objects.visible_to(user)
        .open()
        .aggregate(
            open=Count("pk"),
            overdue=Count("pk", filter=~Q(status=Status.DONE) & Q(due_on__lt=today)),
            waiting=Count("pk", filter=waiting),
        )
    )


@register
def followup_cards(user):
    if not (user.is_school_staff or user.is_district_staff):
        return []
    counts = followup_counts(user)
    url = reverse("followup:list")
    if user.is_school_staff:
        note = _("ยังไม่ปิด %(open)s รายการ รายงานสิ่งที่ดำเนินการได้ในหน้า SAR") % counts
    else:
        note = _("ยังไม่ปิด %(open)s รายการ รอเขตพื้นที่ยืนยัน %(waiting)s รายการ") % counts
    return [
        Card(
            title=_("ข้อเสนอแนะเลยกำหนด"),
            value=counts["overdue"],
            url=f"{url}?state=overdue",
            note=note,
            tone="danger" if counts["overdue"] else "success",
            order=45,
        )
    ]


@register_todo
def followup_todos(user, today):
    """The recommendations the school has not finished, due by the earliest due date."""
    if not user.is_school_staff:
        return []
    counts = (
        Recommendation.objects.visible_to(user)
        .open()
        .exclude(status=Status.DONE)
        .aggregate(n=Count("pk"), due=Min("due_on"))
    )
    if not counts["n"]:
        return []
    return [
        Todo(
            key="recommendations",
            title=_("ดำเนินการตามข้อเสนอแนะ %(n)s รายการ") % counts,
            url=reverse("followup:list"),
            due=counts["due"],
            note=_("รายงานสิ่งที่ดำเนินการได้ในหน้า SAR"),
        )
    ]
