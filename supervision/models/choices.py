"""Choices that visits and self-evaluations share."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Semester(models.IntegerChoices):
    FIRST = 1, _("ภาคเรียนที่ 1")
    SECOND = 2, _("ภาคเรียนที่ 2")


class IQAComponent(models.IntegerChoices):
    """The nine components of a school's internal quality assurance that process 1's
    form ๗.๒ rates, as the seed's manual lists them (ระดับสถานศึกษา ๑–๙). The overall
    level is the mean of these components, each counted once however many rubric rows
    an office gives it."""

    STANDARDS = 1, _("กำหนดมาตรฐานการศึกษาของสถานศึกษา")
    DEVELOPMENT_FROM_SAR = (
        2,
        _(
            "กำหนดการพัฒนาคุณภาพการศึกษาโดยพิจารณาจากรายงานผลการประเมินตนเองในปีการศึกษาที่ผ่านมา"
            "และตามคำแนะนำของสำนักงานเขตพื้นที่การศึกษา"
        ),
    )
    MANAGEMENT_INFORMATION = 3, _("จัดระบบบริหารและสารสนเทศ")
    PLAN = 4, _("จัดทำแผนพัฒนาการจัดการศึกษาของสถานศึกษา")
    OPERATE = 5, _("ดำเนินงานตามแผนพัฒนาการจัดการศึกษาของสถานศึกษา")
    EVALUATE = 6, _("ประเมินผลและตรวจสอบคุณภาพการศึกษาภายในสถานศึกษา")
    FOLLOW_UP = 7, _("ติดตามผลการดำเนินการและนำผลการติดตามไปใช้ประโยชน์ในการปรับปรุงพัฒนา")
    REPORT = 8, _("จัดทำรายงานผลการประเมินตนเองและจัดส่งต่อสำนักงานเขตพื้นที่การศึกษา")
    CONTINUOUS = 9, _("จัดให้มีการพัฒนาคุณภาพการศึกษาอย่างต่อเนื่อง")
