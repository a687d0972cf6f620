"""Demo research of the demo office (process 4): a joint study collecting and analysing
data with a questionnaire answered before and after the trial (about 120 teachers each
time, and the administrators after it), a school's proposal, and a district study
reported and disseminated with its report.

Everything goes through ``research.services`` so the history and audit rows are real.
Deterministic and idempotent: projects are matched on office and title.
"""

import random
from typing import Any

from iqa_district.accounts.models import User
from schools.demo import CURRENT_YEAR, person_name
from schools.models import AcademicYear, AreaOffice, School
from standards.models import Standard
from supervision.models import FormItem, FormSection, FormTemplate

from . import services
from .models import Instrument, ResearchProject, ResearchSynthesis, RespondentType

Status = ResearchProject.Status
TEMPLATE_CODE = "R-PLC-DEMO"

LIKERT_ITEMS = {
    "ตอนที่ ๑ การดำเนินงานตามรูปแบบ": [
        "สถานศึกษากำหนดมาตรฐานและค่าเป้าหมายโดยการมีส่วนร่วมของผู้เกี่ยวข้อง",
        "ครูร่วมวางแผนพัฒนาคุณภาพผ่านชุมชนการเรียนรู้ทางวิชาชีพ (PLC) อย่างสม่ำเสมอ",
        "มีการนิเทศภายในและสะท้อนผลการจัดการเรียนรู้อย่างเป็นระบบ",
        "มีการเก็บและใช้ข้อมูลสารสนเทศเพื่อการตัดสินใจ",
        "มีการติดตาม ตรวจสอบ และประเมินผลตามแผนอย่างต่อเนื่อง",
    ],
    "ตอนที่ ๒ ผลที่เกิดจากการใช้รูปแบบ": [
        "ท่านเข้าใจบทบาทของตนในระบบการประกันคุณภาพภายในมากขึ้น",
        "รายงานผลการประเมินตนเองมีหลักฐานเชิงประจักษ์ครบถ้วน",
        "ผู้ปกครองและชุมชนมีส่วนร่วมในการพัฒนาคุณภาพสถานศึกษามากขึ้น",
        "ท่านพึงพอใจต่อรูปแบบการประกันคุณภาพภายในโดยรวม",
    ],
}
OPEN_ITEMS = [
    "จุดเด่นของรูปแบบที่ท่านเห็น",
    "ข้อเสนอแนะเพื่อการปรับปรุงรูปแบบ",
]
OPEN_ANSWERS = [
    "การประชุม PLC ทำให้ครูแลกเปลี่ยนเรียนรู้และวางแผนร่วมกัน",
    "ควรลดภาระงานเอกสารการประกันคุณภาพ",
    "การนิเทศภายในโดยเพื่อนครูช่วยให้พัฒนาการสอนได้จริง",
    "ควรมีคู่มือการเก็บหลักฐานเชิงประจักษ์ที่ชัดเจน",
    "ปฏิทินการดำเนินงานชัดเจน ทุกคนรู้บทบาทของตนเอง",
    "ควรจัดอบรมการใช้ข้อมูลสารสนเทศเพื่อการตัดสินใจเพิ่มเติม",
    "ควรลดภาระงานเอกสารและใช้ระบบออนไลน์แทน",
    "ผู้ปกครองมีส่วนร่วมมากขึ้นเมื่อโรงเรียนประชุมชี้แจงค่าเป้าหมาย",
    "การประชุม PLC ควรจัดอย่างน้อยเดือนละสองครั้ง",
    "ควรมีคู่มือและตัวอย่างรายงานการประเมินตนเองที่ดี",
]

# The weights of the points 5…1: before the trial teachers answer "มาก" most, after it
# "มากที่สุด" more; administrators are a little more positive.
BEFORE = (18, 42, 28, 9, 3)
AFTER = (46, 38, 12, 3, 1)
ADMINISTRATORS = (55, 35, 8, 2, 0)


def _template(office: AreaOffice) -> FormTemplate:
    template = FormTemplate.objects.filter(area_office=office, code=TEMPLATE_CODE).first()
    if template is not None:
        return template
    template = FormTemplate.objects.create(
        area_office=office,
        code=TEMPLATE_CODE,
        title="แบบสอบถามความคิดเห็นต่อรูปแบบการประกันคุณภาพภายในแบบมีส่วนร่วมโดยใช้ชุมชนการเรียนรู้ทางวิชาชีพ",
        process=FormTemplate.Process.RESEARCH,
        form_no=FormTemplate.FormNo.F72,
        instructions=(
            "แบบสอบถามนี้ใช้เพื่อการวิจัยเท่านั้น ไม่มีผลต่อการปฏิบัติงานของท่าน "
            "โปรดเลือกระดับความคิดเห็นที่ตรงกับสภาพจริงมากที่สุด"
        ),
    )
    number = 0
    for order, (title, texts) in enumerate(LIKERT_ITEMS.items(), start=1):
        section = FormSection.objects.create(template=template, order=order, title=title)
        for item_order, text in enumerate(texts, start=1):
            number += 1
            FormItem.objects.create(
                section=section,
                order=item_order,
                code=str(number),
                text=text,
                answer_type=FormItem.AnswerType.LIKERT,
            )
    section = FormSection.objects.create(
        template=template, order=len(LIKERT_ITEMS) + 1, title="ตอนที่ ๓ ความคิดเห็นเพิ่มเติม"
    )
    FormItem.objects.create(
        section=section,
        order=1,
        code=str(number + 1),
        text="ท่านเคยเข้ารับการอบรมการประกันคุณภาพภายในหรือไม่",
        answer_type=FormItem.AnswerType.YES_NO,
    )
    FormItem.objects.create(
        section=section,
        order=2,
        code=str(number + 2),
        text="ประสบการณ์การทำงานในสถานศึกษา (ปี)",
        answer_type=FormItem.AnswerType.NUMBER,
    )
    for order, text in enumerate(OPEN_ITEMS, start=3):
        FormItem.objects.create(
            section=section,
            order=order,
            code=str(number + order),
            text=text,
            answer_type=FormItem.AnswerType.TEXT,
        )
    return template


def _answer(template: FormTemplate, weights: tuple[int, ...], rng: random.Random) -> dict[str, str]:
    """One respondent: a personal leaning plus the group's weights, so items correlate."""
    leaning = rng.choice((-1, 0, 0, 0, 1))
    raw: dict[str, str] = {}
    items = FormItem.objects.filter(section__template=template).order_by("section__order", "order")
    for item in items:
        key = f"item-{item.pk}"
        if item.answer_type == FormItem.AnswerType.LIKERT:
            point = rng.choices((5, 4, 3, 2, 1), weights=weights)[0] + leaning
            raw[key] = str(min(5, max(1, point)))
        elif item.answer_type == FormItem.AnswerType.YES_NO:
            raw[key] = "1" if rng.random() < 0.7 else "0"
        elif item.answer_type == FormItem.AnswerType.NUMBER:
            raw[key] = str(rng.randint(1, 32))
        else:
            raw[key] = rng.choice(OPEN_ANSWERS) if rng.random() < 0.3 else ""
    return raw


def _collect(
    instrument: Instrument,
    *,
    count: int,
    weights: tuple[int, ...],
    schools: list[School],
    actor: User,
    rng: random.Random,
) -> None:
    services.instrument_set_open(instrument=instrument, is_open=True, actor=actor)
    for n in range(count):
        services.response_submit(
            instrument=instrument,
            raw=_answer(instrument.template, weights, rng),
            respondent_key=f"demo-{instrument.pk}-{n}",
            school=schools[n % len(schools)],
        )


def _project(
    office: AreaOffice,
    actor: User,
    *,
    schools: list[School],
    standards: list[Standard],
    **fields: Any,
) -> ResearchProject:
    project = ResearchProject(area_office=office, **fields)
    return services.project_save(project=project, actor=actor, schools=schools, standards=standards)


def _move(project: ResearchProject, actor: User, *steps: str) -> ResearchProject:
    for status in steps:
        project = services.project_move(project=project, to_status=status, actor=actor)
    return project


def seed_joint(office, year, supervisor, schools, standards, rng):
    project = _project(
        office,
        supervisor,
        schools=schools[:6],
        standards=standards[2:3],
        title="การพัฒนารูปแบบการประกันคุณภาพภายในแบบมีส่วนร่วมโดยใช้ชุมชนการเรียนรู้ทางวิชาชีพ (PLC) "
        "ของสถานศึกษากลุ่มเครือข่ายพิบูลมังสาหาร",
        researchers=f"{supervisor.display_name} ศึกษานิเทศก์ชำนาญการพิเศษ\n"
        f"{person_name(rng)} ผู้อำนวยการ{schools[0].name}",
        kind=ResearchProject.Kind.JOINT,
        academic_year=year,
        fiscal_year=CURRENT_YEAR,
        objectives="๑) เพื่อศึกษาสภาพ ปัญหา และความต้องการจำเป็นของการประกันคุณภาพภายใน\n"
        "๒) เพื่อพัฒนารูปแบบการประกันคุณภาพภายในแบบมีส่วนร่วม\n"
        "๓) เพื่อศึกษาผลการใช้รูปแบบ",
        target_group="ครูและผู้บริหารสถานศึกษา ๖ แห่ง ในกลุ่มเครือข่ายพิบูลมังสาหาร",
        method="การวิจัยและพัฒนา (R&D) ๔ ระยะ ทดลองใช้รูปแบบหนึ่งภาคเรียน",
        instruments_note="แบบสอบถามมาตรประมาณค่า ๕ ระดับ ก่อนและหลังการทดลองใช้รูปแบบ",
        analysis="ค่าเฉลี่ย ส่วนเบี่ยงเบนมาตรฐาน และการทดสอบที (t-test)",
        budget=45000,
    )
    _move(project, supervisor, Status.APPROVED, Status.COLLECTING)
    services.project_add_note(
        project=project,
        note="ติดตามการทดลองใช้รูปแบบ ครั้งที่ ๑ สถานศึกษาดำเนินการ PLC ตามปฏิทิน",
        actor=supervisor,
    )
    template = _template(office)
    for occasion, respondent, count, weights, title in (
        (1, RespondentType.TEACHER, 118, BEFORE, "แบบสอบถามครู ก่อนทดลองใช้รูปแบบ"),
        (2, RespondentType.TEACHER, 122, AFTER, "แบบสอบถามครู หลังทดลองใช้รูปแบบ"),
        (2, RespondentType.ADMINISTRATOR, 12, ADMINISTRATORS, "แบบสอบถามผู้บริหาร หลังทดลองใช้รูปแบบ"),
    ):
        instrument = services.instrument_save(
            instrument=Instrument(
                project=project,
                template=template,
                title=title,
                respondent_type=respondent,
                occasion=occasion,
            ),
            actor=supervisor,
        )
        _collect(
            instrument,
            count=count,
            weights=weights,
            schools=schools[:6],
            actor=supervisor,
            rng=rng,
        )
        if occasion == 1:
            services.instrument_set_open(instrument=instrument, is_open=False, actor=supervisor)
    return _move(project, supervisor, Status.ANALYSING)


def seed_disseminated(office, year, supervisor, schools, standards, rng):
    project = _project(
        office,
        supervisor,
        schools=schools[6:10],
        standards=standards[:2],
        title="การพัฒนาระบบนิเทศภายในแบบกัลยาณมิตรเพื่อยกระดับคุณภาพการจัดการเรียนรู้เชิงรุก",
        researchers=f"{person_name(rng)} ศึกษานิเทศก์ชำนาญการพิเศษ\n{person_name(rng)} ศึกษานิเทศก์ชำนาญการ",
        kind=ResearchProject.Kind.DISTRICT,
        academic_year=year,
        fiscal_year=year.year,
        objectives="เพื่อพัฒนาและศึกษาผลการใช้ระบบนิเทศภายในแบบกัลยาณมิตร",
        target_group="ครูผู้สอน ๔๘ คน จากสถานศึกษา ๔ แห่ง (เลือกแบบเจาะจง)",
        method="การวิจัยเชิงปฏิบัติการ ๒ วงรอบ",
        instruments_note="แบบสังเกตการสอน แบบสอบถามความพึงพอใจ",
        analysis="ค่าร้อยละ ค่าเฉลี่ย ส่วนเบี่ยงเบนมาตรฐาน การวิเคราะห์เนื้อหา",
        abstract="การวิจัยครั้งนี้มุ่งพัฒนาระบบนิเทศภายในแบบกัลยาณมิตร ประกอบด้วย ๕ ขั้นตอน "
        "ได้แก่ การศึกษาสภาพ การวางแผนร่วม การสังเกตการสอน การสะท้อนผล และการขยายผล "
        "ผลการทดลองใช้พบว่าครูมีคะแนนการจัดการเรียนรู้เชิงรุกสูงขึ้นทุกด้าน",
        findings="ครูมีความสามารถในการจัดการเรียนรู้เชิงรุกหลังการใช้ระบบสูงกว่าก่อนใช้ "
        "อย่างมีนัยสำคัญทางสถิติที่ระดับ .๐๕ ความพึงพอใจโดยรวมอยู่ในระดับมากที่สุด (x̄ = ๔.๖๒)",
        recommendations="ควรขยายผลระบบนิเทศภายในแบบกัลยาณมิตรสู่สถานศึกษาขนาดเล็กทุกกลุ่มเครือข่าย",
        verdict=ResearchProject.Verdict.EFFECTIVE,
        usage="สำนักงานเขตพื้นที่ใช้เป็นแนวทางการนิเทศภายในของสถานศึกษาทุกแห่งในปีการศึกษาถัดไป",
        is_public=True,
        report_is_public=True,
    )
    return _move(
        project,
        supervisor,
        Status.APPROVED,
        Status.COLLECTING,
        Status.ANALYSING,
        Status.REPORTED,
        Status.DISSEMINATED,
    )


def seed_proposal(office, year, school_user, standards):
    return _project(
        office,
        school_user,
        schools=[],
        standards=standards[:1],
        school=school_user.school,
        title="การพัฒนาทักษะการอ่านออกเขียนได้ของนักเรียนชั้นประถมศึกษาปีที่ ๑ ด้วยแบบฝึกเสริมทักษะ",
        researchers=f"{school_user.display_name} {school_user.position}",
        kind=ResearchProject.Kind.SCHOOL,
        academic_year=year,
        objectives="เพื่อพัฒนาทักษะการอ่านออกเขียนได้ให้ผ่านเกณฑ์ร้อยละ ๘๐",
        target_group="นักเรียนชั้นประถมศึกษาปีที่ ๑ จำนวน ๒๔ คน",
        method="การวิจัยเชิงทดลองแบบกลุ่มเดียว วัดก่อนและหลัง",
    )


def seed(office: AreaOffice, *, stdout: Any) -> None:
    year = AcademicYear.objects.filter(pk=CURRENT_YEAR).first()
    previous = AcademicYear.objects.filter(pk=CURRENT_YEAR - 1).first()
    supervisor = User.objects.filter(username="supervisor", area_office=office).first()
    school_user = User.objects.filter(username="school", area_office=office).first()
    if year is None or previous is None or supervisor is None or school_user is None:
        stdout.write("research: demo years or users missing; skipped")
        return
    if ResearchProject.objects.filter(area_office=office).exists():
        stdout.write("research: seeded before")
        return
    rng = random.Random(4)  # noqa: S311 - demo data
    schools = list(office.schools.filter(is_active=True).order_by("code")[:10])
    standards = list(
        Standard.objects.filter(
            standard_set__area_office=None, standard_set__school=None, standard_set__level="basic"
        ).order_by("number")
    ) or list(Standard.objects.filter(standard_set__school=None).order_by("pk")[:3])
    seed_joint(office, year, supervisor, schools, standards, rng)
    seed_disseminated(office, previous, supervisor, schools, standards, rng)
    seed_proposal(office, year, school_user, standards)
    services.synthesis_save(
        office=office,
        academic_year=previous,
        summary="งานวิจัยของเขตพื้นที่ปีการศึกษา ๒๕๖๘ ชี้ว่าการนิเทศภายในแบบกัลยาณมิตรช่วยยกระดับ"
        "การจัดการเรียนรู้เชิงรุกได้จริง ควรขยายผลสู่สถานศึกษาทุกกลุ่มเครือข่าย",
        actor=supervisor,
    )
    stdout.write(
        f"research: {ResearchProject.objects.filter(area_office=office).count()} projects, "
        f"{Instrument.objects.filter(project__area_office=office).count()} instruments, "
        f"{ResearchSynthesis.objects.filter(area_office=office).count()} synthesis"
    )
