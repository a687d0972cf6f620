"""Rows of the district plans for tests: a synthesis run with fixed results, a plan with
its strategies and indicators, an action plan with projects."""

import datetime
from decimal import Decimal

from sar.models import SynthesisRun
from supervision.plans.models import (
    ActionPlan,
    DevelopmentPlan,
    PlanIndicator,
    PlanProject,
    PlanStrategy,
)

# The part of a synthesis run's results the plans read (sar/synthesis/figures.compute).
RESULTS = {
    "level_sets": [
        {
            "set_code": "MOE2561-BASIC",
            "set_name": "ระดับการศึกษาขั้นพื้นฐาน",
            "standards": [
                {
                    "key": "MOE2561-BASIC:1",
                    "number": 1,
                    "title": "คุณภาพของผู้เรียน",
                    "n": 40,
                    "good_plus": {"count": 30, "percent": 75.0},
                    "below_target": [
                        {"code": "1034550001", "name": "โรงเรียนบ้านหนองไผ่", "items": []},
                        {"code": "1034550002", "name": "โรงเรียนบ้านโนนสูง", "items": []},
                        {"code": "1034550003", "name": "โรงเรียนบ้านดอนแดง", "items": []},
                    ],
                    "improvements": [
                        {"phrase": "การคิดวิเคราะห์", "schools": 12, "quotes": []},
                        {"phrase": "การอ่านออกเขียนได้", "schools": 9, "quotes": []},
                    ],
                },
                {
                    "key": "MOE2561-BASIC:2",
                    "number": 2,
                    "title": "กระบวนการบริหารและการจัดการ",
                    "n": 40,
                    "good_plus": {"count": 36, "percent": 90.0},
                    "below_target": [],
                    "improvements": [],
                },
            ],
        }
    ]
}


def done_run(office, year, results=None):
    return SynthesisRun.objects.create(
        area_office=office,
        academic_year=year,
        status=SynthesisRun.Status.DONE,
        results=RESULTS if results is None else results,
    )


def make_plan(office, *, first=2570, strategies=2, run=None, published=False):
    plan = DevelopmentPlan.objects.create(
        area_office=office,
        title="แผนพัฒนาคุณภาพการจัดการศึกษา ระยะ ๓ ปี",
        first_fiscal_year=first,
        vision="ผู้เรียนมีคุณภาพตามมาตรฐาน",
        goals="ผู้เรียนมีผลสัมฤทธิ์สูงขึ้น\nสถานศึกษามีระบบประกันคุณภาพที่เข้มแข็ง",
        is_published=published,
    )
    for number in range(1, strategies + 1):
        strategy = PlanStrategy.objects.create(
            plan=plan,
            number=number,
            title=f"ยุทธศาสตร์ทดสอบ {number}",
            measures="มาตรการที่ ๑\nมาตรการที่ ๒",
            synthesis_run=run,
            standard_key="MOE2561-BASIC:1" if run else "",
        )
        PlanIndicator.objects.create(
            strategy=strategy,
            code=f"{number}.1",
            title=f"ร้อยละของสถานศึกษาที่มีคุณภาพระดับดีเลิศขึ้นไป {number}",
            baseline=Decimal("70"),
            target_year1=Decimal("75"),
            target_year2=Decimal("80"),
            target_year3=Decimal("85"),
        )
    return plan


def make_action_plan(plan, *, year=None, projects=2):
    year = year or plan.first_fiscal_year
    action_plan = ActionPlan.objects.create(plan=plan, fiscal_year=year)
    strategies = list(plan.strategies.order_by("number"))
    for number in range(1, projects + 1):
        strategy = strategies[(number - 1) % len(strategies)]
        project = PlanProject.objects.create(
            action_plan=action_plan,
            strategy=strategy,
            number=number,
            title=f"โครงการทดสอบ {number}",
            owner="กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา",
            starts_on=datetime.date(year - 544, 11, 1),
            ends_on=datetime.date(year - 543, 8, 31),
            budget=Decimal("10000"),
        )
        project.indicators.set(strategy.indicators.all())
    return action_plan
