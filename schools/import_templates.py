"""The import templates of the school registry and of the accounts (iqa_district.help):
the header rows their importers (schools.tables, schools.account_import) accept, in Thai,
and an example row for the user's office."""

from django.utils.translation import gettext_lazy as _

from iqa_district.help import ImportTemplate, register

from . import account_import, tables
from .models import School


def _first_school(user) -> School | None:
    return School.objects.filter(area_office=user.area_office_id).order_by("code").first()


def _school_example(user):
    cluster = getattr(_first_school(user), "cluster", None)
    return [
        "1034599901",
        "โรงเรียนบ้านโนนสวรรค์",
        "โพธิ์ไทร",
        "พิบูลมังสาหาร",
        "อุบลราชธานี",
        "อนุบาล, ประถมศึกษา",
        "215",
        cluster.name if cluster else "กลุ่มเครือข่ายพิบูลมังสาหาร",
        "34010999",
        "นายประเสริฐ ศรีสุข",
        "045-441234",
    ]


def _account_example(user):
    school = _first_school(user)
    return [
        school.code if school else "1034599901",
        "นางสาวพิมพ์ชนก แสงทอง",
        "ครูผู้รับผิดชอบงานประกันคุณภาพ",
        "pimchanok.s@example.ac.th",
        "081-2345678",
        "ครู",
    ]


register(
    ImportTemplate(
        key="schools",
        title=_("ทะเบียนสถานศึกษา"),
        headers=[th for _en, th in tables.COLUMNS.values()],
        example=_school_example,
        where=_("ทะเบียนสถานศึกษา › นำเข้าจากไฟล์ (ผู้ดูแลระบบของเขต)"),
        order=10,
    )
)
register(
    ImportTemplate(
        key="accounts",
        title=_("บัญชีผู้ใช้"),
        headers=[th for _en, th in account_import.COLUMNS.values()],
        example=_account_example,
        where=_("บัญชีผู้ใช้ › นำเข้าบัญชีจากไฟล์ (ผู้ดูแลระบบของเขต)"),
        order=20,
    )
)
