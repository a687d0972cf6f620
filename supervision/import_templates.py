"""The import template of committee members (iqa_district.help): the columns the admin's
import (supervision.resources.CommitteeMemberResource) reads, and an example row that adds
a member to the office's latest committee."""

from django.utils.translation import gettext_lazy as _

from iqa_district.help import ImportTemplate, register

from .models import Committee, CommitteeMember

HEADERS = ["committee", "order", "name", "position", "organisation", "role"]


def _example(user):
    committee = Committee.objects.filter(area_office=user.area_office_id).order_by("-pk").first()
    return [
        committee.pk if committee else 1,
        9,
        "นางสาวรัตนา บุญประเสริฐ",
        "ครูชำนาญการพิเศษ",
        "โรงเรียนบ้านโนนสวรรค์",
        str(CommitteeMember.Role.MEMBER.label),
    ]


register(
    ImportTemplate(
        key="committee-members",
        title=_("กรรมการติดตามตรวจสอบคุณภาพ"),
        headers=HEADERS,
        example=_example,
        where=_(
            "ผู้ดูแลระบบ › กรรมการ › นำเข้า (คอลัมน์ committee คือรหัสคณะกรรมการ "
            "ที่แสดงในหน้าคณะกรรมการ; role ใช้ชื่อบทบาทภาษาไทยได้)"
        ),
        order=30,
    )
)
