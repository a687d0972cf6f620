"""The follow-up list as a workbook, formula-safe."""

import datetime
from io import BytesIO

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from iqa_district import thai
from iqa_district.spreadsheets import neutralise

from .models import Recommendation

HEADERS = (
    gettext_lazy("รหัสสถานศึกษา"),
    gettext_lazy("สถานศึกษา"),
    gettext_lazy("สหวิทยาเขต/กลุ่มเครือข่าย"),
    gettext_lazy("ที่มา"),
    gettext_lazy("ปีการศึกษา"),
    gettext_lazy("มาตรฐาน"),
    gettext_lazy("ประเด็นพิจารณา"),
    gettext_lazy("ข้อเสนอแนะ"),
    gettext_lazy("กำหนดแล้วเสร็จ"),
    gettext_lazy("สถานะ"),
    gettext_lazy("เลยกำหนด"),
    gettext_lazy("สิ่งที่ดำเนินการ"),
    gettext_lazy("แล้วเสร็จเมื่อ"),
    gettext_lazy("เขตพื้นที่ยืนยันแล้ว"),
)


def followup_workbook(rows: QuerySet[Recommendation], *, today: datetime.date) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("ข้อเสนอแนะ"))
    sheet.append([str(h) for h in HEADERS])
    for r in rows.iterator(chunk_size=500):
        sheet.append(
            [
                neutralise(value)
                for value in (
                    r.school.code,
                    r.school.name,
                    r.school.cluster.name if r.school.cluster else "",
                    r.get_source_display(),
                    r.academic_year.year,
                    f"{r.standard.number} {r.standard.title_th}" if r.standard else "",
                    r.item.code if r.item else "",
                    r.text,
                    thai.format_date_short(r.due_on),
                    r.get_status_display(),
                    _("ใช่") if r.is_overdue(today) else "",
                    r.action,
                    thai.format_date_short(r.completed_on),
                    _("ใช่") if r.confirmed_at else "",
                )
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
