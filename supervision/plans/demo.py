"""Demo of the district plans and the office's self-assessment: a 3-year plan (fiscal
years 2569–2571) whose strategies stand on the published SAR synthesis, the action plan
of 2569 carried out, evaluated and published, the action plan of 2570 half done, and the
office's self-assessment of the current academic year with every indicator entered.

Idempotent: the plan is matched on its office and first year; nothing is added to a plan
that exists.
"""

import datetime
from decimal import Decimal

from iqa_district.accounts.models import User
from sar.models import SynthesisRun
from schools.demo import CURRENT_YEAR
from schools.models import AcademicYear

from . import evidence, services
from .models import DevelopmentPlan, OfficeAssessment

FIRST_YEAR = 2569

STRATEGIES = [
    (
        "ยกระดับคุณภาพผู้เรียนตามมาตรฐานการศึกษาขั้นพื้นฐาน",
        "เร่งรัดการอ่านออกเขียนได้และการคิดวิเคราะห์ของผู้เรียน\n"
        "ส่งเสริมการจัดการเรียนรู้เชิงรุก (Active Learning) ทุกกลุ่มสาระ\n"
        "ซ่อมเสริมผู้เรียนที่ผลสัมฤทธิ์ต่ำกว่าเกณฑ์รายบุคคล",
        [
            ("1.1", "ร้อยละของสถานศึกษาที่มาตรฐานคุณภาพผู้เรียนอยู่ในระดับดีเลิศขึ้นไป", "70", ("75", "80", "85")),
            ("1.2", "ร้อยละของสถานศึกษาที่บรรลุค่าเป้าหมายด้านการคิดวิเคราะห์", "60", ("65", "70", "75")),
        ],
    ),
    (
        "พัฒนาระบบการประกันคุณภาพภายในของสถานศึกษาให้เข้มแข็ง",
        "อบรมการจัดทำรายงานผลการประเมินตนเองที่มีหลักฐานเชิงประจักษ์\n"
        "นิเทศ ติดตาม การดำเนินงานประกันคุณภาพภายในทุกภาคเรียน",
        [
            (
                "2.1",
                "ร้อยละของสถานศึกษาที่ส่งรายงานผลการประเมินตนเองภายในกำหนด",
                "90",
                ("95", "100", "100"),
            ),
            (
                "2.2",
                "ร้อยละของสถานศึกษาที่ได้รับการนิเทศ ติดตาม อย่างน้อยปีละ ๑ ครั้ง",
                "80",
                ("85", "90", "100"),
            ),
        ],
    ),
    (
        "ส่งเสริมเครือข่ายการพัฒนาคุณภาพการศึกษาและการมีส่วนร่วม",
        "ขับเคลื่อนเครือข่ายครูแกนนำและครูต้นแบบในสหวิทยาเขต\nจัดเวทีแลกเปลี่ยนเรียนรู้จุดเด่นและแบบอย่างที่ดี",
        [
            ("3.1", "จำนวนเครือข่ายครูแกนนำที่ดำเนินกิจกรรมต่อเนื่อง", "4", ("6", "8", "10")),
        ],
    ),
]

PROJECTS = [
    # (strategy number, title, owner, budget, indicator codes)
    (
        1,
        "โครงการพัฒนาการอ่านออกเขียนได้ของนักเรียนชั้นประถมศึกษาปีที่ ๑–๓",
        "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา",
        "120000",
        ["1.1"],
    ),
    (
        1,
        "โครงการอบรมครูด้านการจัดการเรียนรู้เชิงรุกเพื่อการคิดวิเคราะห์",
        "กลุ่มส่งเสริมการจัดการศึกษา",
        "85000",
        ["1.2"],
    ),
    (
        2,
        "โครงการอบรมเชิงปฏิบัติการการจัดทำ SAR และการประกันคุณภาพภายใน",
        "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา",
        "60000",
        ["2.1"],
    ),
    (
        2,
        "โครงการนิเทศ ติดตาม การประกันคุณภาพภายในสถานศึกษา",
        "ศึกษานิเทศก์ประจำสหวิทยาเขต",
        "150000",
        ["2.2"],
    ),
    (
        3,
        "โครงการเวทีแลกเปลี่ยนเรียนรู้แบบอย่างที่ดี (Best Practice)",
        "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา",
        "45000",
        ["3.1"],
    ),
    (3, "โครงการขับเคลื่อนเครือข่ายครูแกนนำระดับสหวิทยาเขต", "ประธานสหวิทยาเขต", "70000", ["3.1"]),
]

# Year-end actuals of fiscal year 2569 (targets 75, 65, 95, 85, 6).
ACTUALS_2569 = {
    "1.1": ("78.50", ""),
    "1.2": ("61.20", "เพิ่มการนิเทศแบบพี่เลี้ยงในสถานศึกษาที่ผลการคิดวิเคราะห์ต่ำกว่าเป้าหมาย"),
    "2.1": ("100", ""),
    "2.2": ("82.00", "จัดปฏิทินการนิเทศให้ครอบคลุมสถานศึกษาขนาดเล็กตั้งแต่ภาคเรียนที่ ๑"),
    "3.1": ("7", ""),
}


def _actor(office) -> User | None:
    users = User.objects.filter(area_office=office, role=User.Role.SUPERVISOR)
    return users.filter(username="supervisor").first() or users.first()


def _evidence_run(office) -> SynthesisRun | None:
    return (
        SynthesisRun.objects.published()
        .filter(area_office=office)
        .order_by("-academic_year", "-pk")
        .first()
    )


def _weakest_keys(run: SynthesisRun | None) -> list[str]:
    """The synthesis standards with the most schools below target, first."""
    if run is None:
        return []
    rows = evidence.evidence_for(run, "")
    return [row.key for row in sorted(rows, key=lambda r: -r.below_target_count)]


def seed_plan(office, actor: User) -> DevelopmentPlan | None:
    if DevelopmentPlan.objects.filter(area_office=office, first_fiscal_year=FIRST_YEAR).exists():
        return None
    plan = services.plan_create(
        office=office,
        title="แผนพัฒนาคุณภาพการจัดการศึกษาระดับเขตพื้นที่การศึกษา ปีงบประมาณ ๒๕๖๙–๒๕๗๑",
        first_fiscal_year=FIRST_YEAR,
        vision="ผู้เรียนมีคุณภาพตามมาตรฐานการศึกษา สถานศึกษามีระบบประกันคุณภาพภายในที่เข้มแข็ง",
        goals="ผู้เรียนมีผลสัมฤทธิ์และคุณลักษณะตามมาตรฐานการศึกษาขั้นพื้นฐานสูงขึ้น\n"
        "สถานศึกษาทุกแห่งดำเนินงานประกันคุณภาพภายในอย่างเป็นระบบและต่อเนื่อง\n"
        "เครือข่ายการพัฒนาคุณภาพการศึกษาเข้มแข็งและมีส่วนร่วม",
        actor=actor,
    )
    run = _evidence_run(office)
    keys = _weakest_keys(run)
    indicators = {}
    for number, (title, measures, rows) in enumerate(STRATEGIES, start=1):
        strategy = services.strategy_save(
            plan=plan,
            number=number,
            title=title,
            measures=measures,
            synthesis_run=run,
            standard_key=keys[(number - 1) % len(keys)] if keys and number < 3 else "",
            actor=actor,
        )
        for code, text, baseline, targets in rows:
            indicators[code] = services.indicator_add(
                strategy=strategy,
                code=code,
                title=text,
                unit="แห่ง" if code == "3.1" else "ร้อยละ",
                baseline=Decimal(baseline),
                targets=(Decimal(targets[0]), Decimal(targets[1]), Decimal(targets[2])),
                actor=actor,
            )
    strategies = {s.number: s for s in plan.strategies.all()}
    for year in (FIRST_YEAR, FIRST_YEAR + 1):
        action_plan = services.action_plan_create(plan=plan, fiscal_year=year, actor=actor)
        ce = year - 543  # the fiscal year ends on 30 Sep of this CE year
        for n, (strategy_number, title, owner, budget, codes) in enumerate(PROJECTS):
            project = services.project_add(
                action_plan=action_plan,
                strategy=strategies[strategy_number],
                title=title,
                owner=owner,
                starts_on=datetime.date(ce - 1, 11 + n % 2, 1),
                ends_on=datetime.date(ce, 8 + n % 2, 31 - n % 2),
                budget=Decimal(budget),
                indicators=[indicators[c] for c in codes],
                actor=actor,
            )
            if year == FIRST_YEAR:
                reports = [(datetime.date(ce, 3, 31), 50), (datetime.date(ce, 9, 15), 100)]
            elif n % 2 == 0:  # the current year: half of the projects under way
                reports = [(datetime.date(ce - 1, 11, 25), 30 + 10 * n)]
            else:
                reports = []
            for reported_on, percent in reports:
                services.project_report_progress(
                    project=project,
                    reported_on=reported_on,
                    percent=percent,
                    spent=(project.budget * percent / 100).quantize(Decimal("1")),
                    note="ดำเนินการตามแผน มีสถานศึกษาเข้าร่วมครบตามเป้าหมาย"
                    if percent == 100
                    else "อยู่ระหว่างดำเนินการตามปฏิทิน",
                    actor=actor,
                )
        if year == FIRST_YEAR:
            services.action_plan_evaluate(
                action_plan=action_plan,
                actuals={
                    indicators[code].pk: (Decimal(actual), change)
                    for code, (actual, change) in ACTUALS_2569.items()
                },
                summary="ดำเนินโครงการครบทุกโครงการ ตัวชี้วัดบรรลุค่าเป้าหมาย ๓ จาก ๕ ตัว\n"
                "ปีงบประมาณ ๒๕๗๐ เน้นการคิดวิเคราะห์ของผู้เรียนและการนิเทศสถานศึกษาขนาดเล็ก",
                actor=actor,
            )
            services.action_plan_set_published(action_plan=action_plan, published=True, actor=actor)
    services.plan_set_published(plan=plan, published=True, actor=actor)
    return plan


def seed_assessment(office, actor: User) -> OfficeAssessment | None:
    year = AcademicYear.objects.filter(pk=CURRENT_YEAR).first()
    if (
        year is None
        or OfficeAssessment.objects.filter(area_office=office, academic_year=year).exists()
    ):
        return None
    assessment = services.office_assessment_open(office=office, academic_year=year, actor=actor)
    rows = list(
        assessment.levels.select_related("item").order_by("item__standard__number", "item__order")
    )
    levels: dict[int, tuple[int | None, str]] = {
        row.item_id: (
            5 if row.item.code in ("3.2", "2.5") else 4 if n % 3 else 3,
            f"คำสั่ง รายงานผลการดำเนินงาน และสรุปโครงการตามตัวบ่งชี้ {row.item.code}",
        )
        for n, row in enumerate(rows)
    }
    return services.office_assessment_save(
        assessment=assessment,
        levels=levels,
        strengths="สถานศึกษาในสังกัดส่งรายงานผลการประเมินตนเองครบทุกแห่ง\n"
        "มีระบบนิเทศ ติดตาม ผ่านสหวิทยาเขตอย่างต่อเนื่อง",
        improvements="การนำผลการสังเคราะห์ไปใช้วางแผนระดับสถานศึกษา\n"
        "การติดตามผลการดำเนินงานตามข้อเสนอแนะให้ทันกำหนด",
        actor=actor,
    )


def seed(office, *, stdout) -> None:
    actor = _actor(office)
    if actor is None:
        stdout.write("plans: no supervisor in the office; skipped")
        return
    plan = seed_plan(office, actor)
    assessment = seed_assessment(office, actor)
    stdout.write(
        f"plans: {'a new' if plan else 'the existing'} 3-year plan, "
        f"{'a new' if assessment else 'the existing'} office self-assessment"
    )
