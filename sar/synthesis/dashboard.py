"""The synthesis card of the dashboard, for district staff (registered from
SarConfig.ready, since the dashboard autodiscovers only ``sar/dashboard.py``)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from iqa_district.dashboard import Card, register
from iqa_district.thai import format_datetime_page

from ..models import SynthesisRun


@register
def synthesis_cards(user):
    if not user.is_district_staff:
        return []
    run = (
        SynthesisRun.objects.visible_to(user)
        .defer("results")
        .order_by("-academic_year", "-created_at")
        .first()
    )
    url = reverse("sar:synthesis_list")
    if run is None:
        return [
            Card(
                title=_("การสังเคราะห์ SAR"),
                value=_("ยังไม่มี"),
                note=_("สั่งสังเคราะห์ได้ที่เมนูสังเคราะห์ SAR"),
                url=url,
                tone="secondary",
                order=40,
            )
        ]
    tone = {
        SynthesisRun.Status.DONE: "success",
        SynthesisRun.Status.FAILED: "danger",
    }.get(run.status, "warning")
    details = [(_("สถานะ"), run.get_status_display())]
    if run.status == SynthesisRun.Status.DONE:
        details.append((_("สถานศึกษาที่สังเคราะห์"), f"{run.school_count:,}"))
        details.append((_("เผยแพร่"), _("เผยแพร่แล้ว") if run.is_published else _("ยังไม่เผยแพร่")))
    elif run.status in (SynthesisRun.Status.PENDING, SynthesisRun.Status.RUNNING):
        details.append((_("ความคืบหน้า"), f"{run.progress}%"))
    return [
        Card(
            title=_("การสังเคราะห์ SAR ล่าสุด"),
            value=_("ปีการศึกษา %(year)s") % {"year": run.academic_year_id},
            note=format_datetime_page(run.finished_at or run.created_at),
            url=reverse("sar:synthesis_detail", args=[run.pk]),
            tone=tone,
            order=40,
            details=details,
        )
    ]
