"""The import template of ONESQA's results per standard (iqa_district.help): the headers
external_eval.imports reads first, and an example row for a school of the office that has
an evaluation."""

from django.utils.translation import gettext_lazy as _

from iqa_district.help import ImportTemplate, register

from .imports import COLUMNS
from .models import ExternalEvaluation

FIELDS = ["code", "level", "standard", "result", "strengths", "improvements", "recommendation"]


def _example(user):
    evaluation = (
        ExternalEvaluation.objects.filter(school__area_office=user.area_office_id)
        .select_related("school")
        .order_by("-round__number", "school__code")
        .first()
    )
    return [
        evaluation.school.code if evaluation else "1034599901",
        "ขั้นพื้นฐาน",
        1,
        "ดีเลิศ",
        "ผู้เรียนมีทักษะการอ่านและการสื่อสารดี",
        "ควรพัฒนาทักษะการคิดวิเคราะห์ของผู้เรียน",
        "จัดกิจกรรมการเรียนรู้เชิงรุกที่ฝึกการคิดวิเคราะห์อย่างต่อเนื่อง",
    ]


register(
    ImportTemplate(
        key="onesqa-results",
        title=_("ผลการประเมินคุณภาพภายนอก (สมศ.) รายมาตรฐาน"),
        headers=[COLUMNS[name][0] for name in FIELDS],
        example=_example,
        where=_("การประเมินภายนอก › นำเข้าผลจากไฟล์ (เลือกรอบการประเมิน)"),
        order=40,
    )
)
