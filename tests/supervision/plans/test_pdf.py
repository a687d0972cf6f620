"""The official PDFs of the plans pass the project's official-PDF checks (fonts, margins,
cells, Thai digits) and read back their key text."""

import datetime
from decimal import Decimal

import pytest

from supervision.plans import pdf, services
from tests.pdf.tools import check_official_pdf

from .factories import done_run, make_action_plan, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluated(office, academic_year, supervisor):
    plan = make_plan(office, first=2570, run=done_run(office, academic_year))
    action_plan = make_action_plan(plan, year=2570, projects=3)
    project = action_plan.projects.first()
    services.project_report_progress(
        project=project,
        reported_on=datetime.date(2027, 3, 1),
        percent=100,
        spent=Decimal("9500"),
        note="แล้วเสร็จ",
        actor=supervisor,
    )
    indicator = plan.strategies.first().indicators.get()
    services.action_plan_evaluate(
        action_plan=action_plan,
        actuals={indicator.pk: (Decimal("72.5"), "เพิ่มการนิเทศแบบพี่เลี้ยง")},
        summary="บรรลุบางส่วน\nปรับแผนในปีต่อไป",
        actor=supervisor,
    )
    return action_plan


def test_the_plan_pdf(evaluated):
    check_official_pdf(
        pdf.plan_pdf(evaluated.plan),
        "plans-plan",
        expect_text=["ยุทธศาสตร์ที่ ๑", "ปีงบประมาณ ๒๕๗๒", "ต่ำกว่าค่าเป้าหมาย ๓ แห่ง"],
    )


def test_the_action_plan_pdf(evaluated):
    check_official_pdf(
        pdf.action_plan_pdf(evaluated),
        "plans-action-plan",
        expect_text=["แผนปฏิบัติการประจำปีงบประมาณ ๒๕๗๐", "โครงการทดสอบ ๓", "๓๐,๐๐๐.๐๐"],
    )


def test_the_evaluation_pdf(evaluated):
    check_official_pdf(
        pdf.evaluation_pdf(evaluated),
        "plans-evaluation",
        expect_text=["ไม่บรรลุ", "๗๒.๕๐", "เพิ่มการนิเทศแบบพี่เลี้ยง", "แล้วเสร็จ ๑ โครงการ"],
    )


def test_the_office_assessment_pdf(office, academic_year, supervisor):
    assessment = services.office_assessment_open(
        office=office, academic_year=academic_year, actor=supervisor
    )
    levels = {row.item_id: (4, "รายงานผล") for row in assessment.levels.all()}
    services.office_assessment_save(
        assessment=assessment,
        levels=levels,
        strengths="ส่ง SAR ครบ",
        improvements="นิเทศ",
        actor=supervisor,
    )
    check_official_pdf(
        pdf.office_assessment_pdf(assessment),
        "plans-office-assessment",
        expect_text=["มาตรฐานที่ ๓", "ดีเลิศ", "สถานศึกษาส่งรายงานผลการประเมินตนเอง"],
    )
