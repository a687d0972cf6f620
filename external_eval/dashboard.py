"""Process 3's dashboard cards: evaluations due in the next 12 months, drafts awaiting
comments, and ONESQA's recommendations not closed yet. Two queries whatever the number
of schools."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district.dashboard import Card, register
from sar.followup.models import Recommendation

from .models import ExternalEvaluation

Status = ExternalEvaluation.Status


def evaluation_counts(user, today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    counts = ExternalEvaluation.objects.visible_to(user).aggregate(
        due=Count(
            "pk",
            filter=Q(
                scheduled_from__gte=today,
                scheduled_from__lte=today + datetime.timedelta(days=365),
                status__in=[Status.SCHEDULED, Status.READINESS_CHECKED],
            ),
        ),
        drafts=Count("pk", filter=Q(status=Status.DRAFT_RECEIVED)),
    )
    counts["open_recommendations"] = (
        Recommendation.objects.visible_to(user)
        .open()
        .filter(source=Recommendation.Source.ONESQA)
        .count()
    )
    return counts


@register
def onesqa_cards(user):
    if not (user.is_school_staff or user.is_district_staff):
        return []
    counts = evaluation_counts(user)
    url = reverse("external_eval:list")
    return [
        Card(
            title=_("รับการประเมินจาก สมศ. ใน 12 เดือน"),
            value=counts["due"],
            url=f"{url}?due=on",
            note=_("ตรวจสอบความพร้อมก่อนรับการประเมินภายนอก"),
            tone="info",
            order=50,
        ),
        Card(
            title=_("รายงานฉบับร่างของ สมศ. รอความเห็น"),
            value=counts["drafts"],
            url=f"{url}?status={Status.DRAFT_RECEIVED}",
            note=_("ส่งความเห็นหรือขอรับการประเมินซ้ำภายในกำหนด"),
            tone="warning" if counts["drafts"] else "success",
            order=51,
        ),
        Card(
            title=_("ข้อเสนอแนะของ สมศ. ที่ยังไม่ปิด"),
            value=counts["open_recommendations"],
            url=f"{reverse('followup:list')}?source={Recommendation.Source.ONESQA}",
            note=_("ติดตามจนดำเนินการแล้วเสร็จ"),
            tone="primary",
            order=52,
        ),
    ]
