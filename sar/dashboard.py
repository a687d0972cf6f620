from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from iqa_district.counts_cache import cached_counts, query_key
from iqa_district.dashboard import Card, Todo, register, register_todo
from schools.models import AcademicYear, School

from .models import SelfAssessmentReport

Status = SelfAssessmentReport.Status


@register
def sar_cards(user):
    year = AcademicYear.objects.current()
    if year is None or not (user.is_school_staff or user.is_district_staff):
        return []
    if user.is_school_staff:
        return [_own_sar_card(user, year)]

    schools = School.objects.visible_to(user).active()
    reports = SelfAssessmentReport.objects.visible_to(user)

    def count():
        counts = reports.filter(academic_year=year, school__in=schools).aggregate(
            sent=Count("pk", filter=Q(first_submitted_at__isnull=False)),
            public=Count("pk", filter=Q(first_submitted_at__isnull=False, is_public=True)),
            accepted=Count("pk", filter=Q(status=Status.ACCEPTED)),
            returned=Count("pk", filter=Q(status=Status.RETURNED)),
        )
        # The queue's own queryset (every year, every school of the office), so the card
        # and the page it links to show the same number.
        counts["waiting"] = reports.waiting_for_review().count()
        return schools.count(), counts

    # Counted over every school of the office: cached until the next write.
    total, counts = cached_counts(
        "sar_cards", (query_key(schools), query_key(reports), year.pk), count
    )
    waiting = counts["waiting"]
    percent = round(100 * counts["sent"] / total, 1) if total else 0
    return [
        Card(
            title=_("ส่ง SAR ปีการศึกษา %(year)s แล้ว") % {"year": year.year},
            value=f"{percent}%",
            note=_("%(sent)s จาก %(total)s แห่ง") % {"sent": counts["sent"], "total": total},
            url=reverse("sar:tracker"),
            tone="success" if percent == 100 else "primary",
            order=20,
            details=[
                (_("รับรายงานแล้ว"), counts["accepted"]),
                (_("ส่งกลับให้แก้ไข"), counts["returned"]),
                (
                    _("เผยแพร่ต่อสาธารณะ"),
                    f"{round(100 * counts['public'] / total, 1) if total else 0}%",
                ),
            ],
        ),
        Card(
            title=_("SAR รอตรวจ"),
            value=waiting,
            url=reverse("sar:review_queue"),
            tone="warning" if waiting else "secondary",
            order=21,
        ),
    ]


def _own_sar_card(user, year):
    report = SelfAssessmentReport.objects.filter(school=user.school_id, academic_year=year).first()
    title = _("SAR ปีการศึกษา %(year)s") % {"year": year.year}
    if report is None:
        return Card(
            title=title,
            value=_("ยังไม่เริ่ม"),
            note=_("กำหนดส่ง %(date)s") % {"date": _deadline(year)} if year.sar_deadline else "",
            url=reverse("sar:my"),
            tone="danger",
            order=20,
        )
    tones = {
        Status.DRAFT: "warning",
        Status.SUBMITTED: "primary",
        Status.RETURNED: "danger",
        Status.ACCEPTED: "success",
    }
    return Card(
        title=title,
        value=report.get_status_display(),
        note=_("กำหนดส่ง %(date)s") % {"date": _deadline(year)} if year.sar_deadline else "",
        url=reverse("sar:my"),
        tone=tones[report.status],
        order=20,
    )


def _deadline(year):
    from iqa_district import thai

    return thai.format_date_page(year.sar_deadline)


@register_todo
def sar_todos(user, today):
    """The year's SAR, until the school has sent it (again, when it was returned)."""
    year = AcademicYear.objects.current()
    if year is None or not user.is_school_staff:
        return []
    report = SelfAssessmentReport.objects.filter(school=user.school_id, academic_year=year).first()
    if report is not None and report.status in (Status.SUBMITTED, Status.ACCEPTED):
        return []
    if report is None:
        title, note = _("จัดทำและส่ง SAR ปีการศึกษา %(year)s"), _("ยังไม่เริ่มจัดทำ")
    elif report.status == Status.RETURNED:
        title, note = _("แก้ไขและส่ง SAR ปีการศึกษา %(year)s อีกครั้ง"), _("เขตพื้นที่ส่งกลับให้แก้ไข")
    else:
        title, note = _("ส่ง SAR ปีการศึกษา %(year)s"), _("ฉบับร่างยังไม่ได้ส่ง")
    return [
        Todo(
            key="sar",
            title=title % {"year": year.year},
            url=reverse("sar:my"),
            due=year.sar_deadline,
            note=note,
        )
    ]
