"""Who supervision tells what, through ``iqa_district.notifications``: a school when a
visit to it is planned and when the visit's report is published; lines of the
supervisors' weekly digest (their visits of the coming week)."""

import datetime

from django.urls import reverse

from iqa_district import thai
from iqa_district.accounts.models import User
from iqa_district.notifications.models import Kind
from iqa_district.notifications.services import digest_section, notify

from .models import Visit


def _staff(visit: Visit) -> list[User]:
    return list(
        User.objects.filter(school=visit.school_id, role=User.Role.SCHOOL_STAFF, is_active=True)
    )


def visit_planned_notify(visit: Visit) -> None:
    notify(
        recipients=_staff(visit),
        kind=Kind.VISIT_PLANNED,
        key=f"visit-planned:{visit.pk}",
        title=f"นัดหมาย{visit.get_kind_display().split(' (')[0]} "
        f"วันที่ {thai.format_date_long(visit.date, digits='arabic')}",
        body=f"{visit.school.name} ครั้งที่ {visit.visit_no}",
        link=reverse("supervision:visit_detail", args=[visit.pk]),
    )


def visit_published_notify(visit: Visit) -> None:
    notify(
        recipients=_staff(visit),
        kind=Kind.REPORT_PUBLISHED,
        key=f"visit-published:{visit.pk}",
        title=f"เผยแพร่รายงานผลการนิเทศ วันที่ {thai.format_date_long(visit.date, digits='arabic')} แล้ว",
        body=f"{visit.school.name}: โปรดอ่านรายงานและข้อเสนอแนะ แล้วบันทึกการรับทราบ",
        link=reverse("supervision:visit_detail", args=[visit.pk]),
    )


@digest_section
def visits_digest(supervisor: User, today: datetime.date) -> list[str]:
    coming = (
        Visit.objects.filter(
            supervisors=supervisor,
            date__gte=today,
            date__lt=today + datetime.timedelta(days=7),
        )
        .exclude(status=Visit.Status.PUBLISHED)
        .count()
    )
    unpublished = (
        Visit.objects.filter(supervisors=supervisor, date__lt=today)
        .exclude(status=Visit.Status.PUBLISHED)
        .count()
    )
    lines = []
    if coming:
        lines.append(f"การนิเทศของท่านใน 7 วันข้างหน้า {coming} ครั้ง")
    if unpublished:
        lines.append(f"การนิเทศที่ผ่านไปแล้วแต่ยังไม่เผยแพร่รายงาน {unpublished} ครั้ง")
    return lines
