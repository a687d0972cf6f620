"""Demo supervision data for the demo office: committees with their orders, a semester of
visits (published, being recorded and planned) with filled forms, and self-evaluations.

Names are generated (schools.demo.person_name); no real person is described. Deterministic
and idempotent: committees are matched on their names, visits on school/date/form, and
self-evaluations on school/year/semester.
"""

import datetime
import random

from django.utils import timezone

from iqa_district.accounts.models import User
from schools.demo import CURRENT_YEAR, person_name
from schools.models import AcademicYear
from standards.models import Standard, StandardSet

from . import services
from .models import (
    Committee,
    CommitteeMember,
    FormItem,
    FormTemplate,
    SelfEvaluation,
    SelfEvaluationCommitteeMember,
    SelfEvaluationLevel,
    Visit,
    VisitAnswer,
)
from .networks import demo as networks_demo

Role = CommitteeMember.Role

STRENGTHS = [
    "ผู้เรียนมีทักษะการอ่าน การเขียน และการคิดคำนวณตามเกณฑ์ของแต่ละระดับชั้น",
    "สถานศึกษามีแผนพัฒนาการจัดการศึกษาที่สอดคล้องกับบริบทและความต้องการของชุมชน",
    "ครูจัดกิจกรรมการเรียนรู้เชิงรุก (Active Learning) อย่างต่อเนื่อง",
    "ผู้เรียนมีคุณลักษณะที่พึงประสงค์ มีวินัย และมีจิตสาธารณะ",
    "ชุมชนและผู้ปกครองมีส่วนร่วมในการพัฒนาสถานศึกษา",
]
IMPROVEMENTS = [
    "การวิเคราะห์ผลสัมฤทธิ์ทางการเรียนรายบุคคลเพื่อนำไปพัฒนาผู้เรียน",
    "การใช้เทคโนโลยีดิจิทัลในการจัดการเรียนรู้",
    "การนิเทศภายในและการสะท้อนผลการจัดการเรียนรู้ (PLC) อย่างเป็นระบบ",
    "การจัดทำรายงานผลการประเมินตนเองให้มีหลักฐานเชิงประจักษ์",
    "ทักษะการคิดวิเคราะห์และการแก้ปัญหาของผู้เรียน",
]
RECOMMENDATIONS = [
    "ควรจัดทำสารสนเทศผลสัมฤทธิ์รายบุคคลและใช้ในการวางแผนซ่อมเสริม",
    "ควรส่งเสริมให้ครูใช้สื่อดิจิทัลและแพลตฟอร์มการเรียนรู้ออนไลน์",
    "ควรกำหนดปฏิทินการนิเทศภายในและบันทึกผลการนิเทศอย่างต่อเนื่อง",
    "ควรเชื่อมโยงค่าเป้าหมายกับโครงการในแผนปฏิบัติการประจำปี",
]
MEASURES = [
    "เร่งรัดการอ่านออกเขียนได้ของนักเรียนชั้นประถมศึกษาปีที่ ๑–๓",
    "จัดกิจกรรมซ่อมเสริมคณิตศาสตร์หลังเลิกเรียนสัปดาห์ละ ๒ ครั้ง",
    "ติดตามผลการดำเนินงานตามข้อเสนอแนะทุกเดือนโดยศึกษานิเทศก์ประจำกลุ่มเครือข่าย",
]
EVIDENCE = [
    "รายงานผลสัมฤทธิ์ทางการเรียน ปพ.5 และแบบบันทึกการอ่าน",
    "แผนการจัดการเรียนรู้ ภาพถ่ายกิจกรรม และผลงานนักเรียน",
    "บันทึกการประชุม PLC และรายงานโครงการ",
    "แบบสอบถามความพึงพอใจของผู้ปกครอง และสมุดบันทึกความดี",
]


# Seed 003: the area-office representative is a trained supervisor (with the training),
# the experienced administrator heads a school teaching primary like every demo school.
SEAT_DETAILS = {
    Role.AGENCY_REP: {
        "agency_rep_kind": CommitteeMember.AgencyRepKind.TRAINED_SUPERVISOR,
        "training_name": "หลักสูตรการพัฒนาผู้ประเมินคุณภาพการศึกษาภายใน สพฐ.",
        "training_date": datetime.date(2026, 5, 14),
    },
    Role.PEER_ADMINISTRATOR: {"education_level": CommitteeMember.EducationLevel.PRIMARY},
}


def _member(committee, order, role, name, position, organisation="", user=None):
    CommitteeMember.objects.get_or_create(
        committee=committee,
        name=name,
        defaults={
            "order": order,
            "role": role,
            "position": position,
            "organisation": organisation,
            "user": user,
            **SEAT_DETAILS.get(role, {}),
        },
    )


def _committee(office, year, kind, name, number, date, schools, members):
    committee, created = Committee.objects.get_or_create(
        area_office=office,
        academic_year=year,
        name=name,
        defaults={"kind": kind, "order_number": f"{number}/{year.year}", "order_date": date},
    )
    if created:
        for order, member in enumerate(members, start=1):
            _member(committee, order, *member)
        committee.schools.set(schools)
        services.committee_validate_composition(committee=committee)
    return committee


def seed_committees(office, year, schools, users, rng):
    school_admin = [
        (person_name(rng), "ผู้อำนวยการโรงเรียน" + s.name.removeprefix("โรงเรียน")) for s in schools[:6]
    ]
    first = _committee(
        office,
        year,
        Committee.Kind.DISTRICT_VISIT,
        "คณะกรรมการตรวจเยี่ยมพื้นที่เชิงประเมินคุณภาพการศึกษา ระดับเขตพื้นที่ ชุดที่ ๑",
        412,
        datetime.date(2026, 6, 3),
        schools[:12],
        [
            (Role.CHAIR, person_name(rng), "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา", office.name),
            (
                Role.ONESQA_EXPERT,
                users["committee"].display_name if users.get("committee") else person_name(rng),
                "ผู้ทรงคุณวุฒิ สมศ.",
                "สำนักงานรับรองมาตรฐานและประเมินคุณภาพการศึกษา (องค์การมหาชน)",
                users.get("committee"),
            ),
            (
                Role.AGENCY_REP,
                users["supervisor"].display_name if users.get("supervisor") else person_name(rng),
                "ศึกษานิเทศก์ชำนาญการพิเศษ",
                office.name,
                users.get("supervisor"),
            ),
            (Role.PEER_ADMINISTRATOR, school_admin[0][0], school_admin[0][1]),
            (Role.SECRETARY, person_name(rng), "ศึกษานิเทศก์ชำนาญการ", office.name),
        ],
    )
    second = _committee(
        office,
        year,
        Committee.Kind.DISTRICT_VISIT,
        "คณะกรรมการตรวจเยี่ยมพื้นที่เชิงประเมินคุณภาพการศึกษา ระดับเขตพื้นที่ ชุดที่ ๒",
        413,
        datetime.date(2026, 6, 3),
        schools[12:24],
        [
            (Role.CHAIR, person_name(rng), "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา", office.name),
            (Role.ONESQA_EXPERT, person_name(rng), "ผู้ทรงคุณวุฒิ สมศ.", "ผู้ประเมินภายนอก"),
            (Role.AGENCY_REP, person_name(rng), "ศึกษานิเทศก์ชำนาญการพิเศษ", office.name),
            (Role.PEER_ADMINISTRATOR, school_admin[1][0], school_admin[1][1]),
            (Role.SECRETARY, person_name(rng), "ศึกษานิเทศก์ชำนาญการ", office.name),
        ],
    )
    _committee(
        office,
        year,
        Committee.Kind.ONESQA_ORAL,
        "คณะกรรมการร่วมรับฟังรายงานด้วยวาจาจากสำนักงานรับรองมาตรฐานและประเมินคุณภาพการศึกษา",
        498,
        datetime.date(2026, 7, 15),
        schools[24:28],
        [
            (Role.CHAIR, person_name(rng), "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา", office.name),
            (Role.MEMBER, person_name(rng), "ศึกษานิเทศก์ชำนาญการพิเศษ", office.name),
            (Role.SECRETARY, person_name(rng), "ศึกษานิเทศก์ชำนาญการ", office.name),
        ],
    )
    _committee(
        office,
        year,
        Committee.Kind.SCHOOL_INTERNAL,
        "คณะกรรมการนิเทศ ติดตามการประเมินคุณภาพภายในสถานศึกษา กลุ่มเครือข่าย",
        511,
        datetime.date(2026, 6, 20),
        schools[:6],
        [
            (Role.CHAIR, school_admin[2][0], school_admin[2][1]),
            (Role.MEMBER, school_admin[3][0], school_admin[3][1]),
            (Role.SECRETARY, person_name(rng), "ครูชำนาญการพิเศษ"),
        ],
    )
    return first, second


def _weekday(date):
    while date.weekday() >= 5:
        date += datetime.timedelta(days=1)
    return date


def _lines(rng, bank, k):
    return "\n".join(rng.sample(bank, k))


def _fill(visit, rng, actor, *, complete=True):
    services.visit_prepare_answers(visit=visit)
    answers = list(visit.answers.select_related("form_item"))
    base = rng.choice([3, 4, 4, 5])
    for n, answer in enumerate(answers):
        if not complete and n >= len(answers) // 2:
            break
        level = max(1, min(5, base + rng.choice([-1, 0, 0, 1])))
        if answer.standard_item_id:
            answer.level = level
            answer.self_level = answer.self_level or min(5, level + rng.choice([0, 0, 1]))
            answer.percent = answer.percent or rng.choice([68, 72.5, 80, 85, 91.25])
            answer.method_document = True
            answer.method_interview = rng.random() < 0.6
            answer.method_observation = rng.random() < 0.5
            answer.evidence = rng.choice(EVIDENCE)
            if level <= 3:
                answer.recommendation = rng.choice(RECOMMENDATIONS)
        elif answer.form_item.answer_type == FormItem.AnswerType.YES_NO:
            answer.has_evidence = rng.random() < 0.85
            answer.evidence = answer.form_item.evidence_prompt.split(",")[0]
        elif answer.form_item.answer_type == FormItem.AnswerType.RUBRIC:
            answer.level = level
            answer.evidence = answer.form_item.evidence_prompt.split(",")[0]
        answer.updated_by = actor
    VisitAnswer.objects.bulk_update(
        answers,
        [
            "level",
            "self_level",
            "percent",
            "method_document",
            "method_interview",
            "method_observation",
            "evidence",
            "recommendation",
            "has_evidence",
            "updated_by",
        ],
    )
    visit.findings = "สถานศึกษาดำเนินงานตามระบบการประกันคุณภาพภายในครบทุกขั้นตอน"
    visit.strengths = _lines(rng, STRENGTHS, 2)
    visit.improvements = _lines(rng, IMPROVEMENTS, 2)
    visit.recommendations = _lines(rng, RECOMMENDATIONS, 2)
    visit.acceleration_measures = _lines(rng, MEASURES, 1)
    visit.status = Visit.Status.IN_PROGRESS
    visit.save()


def _visit(school, template, kind, date, committee, supervisor, *, visit_no=1):
    existing = Visit.objects.filter(school=school, date=date, template__code=template.code).first()
    if existing:
        return existing, False
    visit = services.visit_plan(
        school=school,
        kind=kind,
        date=date,
        template=template,
        committee=committee,
        supervisors=[supervisor] if supervisor else [],
        visit_no=visit_no,
        actor=supervisor,
    )
    return visit, True


def seed_visits(office, year, schools, committees, users, rng):
    supervisor = users.get("supervisor")
    forms = FormTemplate.objects.usable_in(office.pk)
    p2 = forms.get(code="P2-7.1")
    p1_steps = forms.get(code="P1-7.1")
    p1_rubric = forms.get(code="P1-7.2")
    start, end = year.semester1_starts_on, year.semester1_ends_on
    span = (end - start).days - 20
    created = 0
    # Process 2: the schools the two district committees cover, visited in semester 1;
    # most reports are out, a few are still being recorded.
    covered = [(s, committees[0]) for s in schools[:12]] + [
        (s, committees[1]) for s in schools[12:24]
    ]
    for n, (school, committee) in enumerate(covered):
        date = _weekday(start + datetime.timedelta(days=20 + span * n // len(covered)))
        visit, new = _visit(school, p2, Visit.Kind.DISTRICT_VISIT, date, committee, supervisor)
        if not new:
            continue
        created += 1
        published = n == 0 or n % 5 != 4
        _fill(visit, rng, supervisor, complete=published)
        if published and supervisor:
            services.visit_publish(visit=visit, actor=supervisor)
    # Process 1: IQA-system supervision of another group of schools (๗.๑ and ๗.๒).
    for n, school in enumerate(schools[24:40]):
        date = _weekday(start + datetime.timedelta(days=30 + span * n // 16))
        for template in (p1_steps, p1_rubric):
            visit, new = _visit(
                school, template, Visit.Kind.IQA_SUPERVISION, date, None, supervisor
            )
            if new:
                created += 1
                _fill(visit, rng, supervisor)
                if supervisor:
                    services.visit_publish(visit=visit, actor=supervisor)
    # Planned: the coming weeks of semester 2, so the calendar and dashboard show them.
    # Dated from today, so a school that already has one keeps it: a re-run on another
    # day must not plan a second set.
    today = timezone.localdate()
    for n, school in enumerate(schools[40:52]):
        date = _weekday(max(today, year.semester2_starts_on) + datetime.timedelta(days=3 + 2 * n))
        if date > year.semester2_ends_on:
            break
        if Visit.objects.filter(
            school=school,
            template__code=p2.code,
            date__range=(year.semester2_starts_on, year.semester2_ends_on),
        ).exists():
            continue
        _visit_obj, new = _visit(
            school, p2, Visit.Kind.DISTRICT_VISIT, date, committees[n % 2], supervisor
        )
        created += new
    return created


SCHOOL_COMMITTEE = [
    ("ผู้อำนวยการโรงเรียน", SelfEvaluationCommitteeMember.Role.CHAIR),
    ("ผู้แทนคณะกรรมการสถานศึกษาขั้นพื้นฐาน", SelfEvaluationCommitteeMember.Role.MEMBER),
    ("ครูชำนาญการพิเศษ", SelfEvaluationCommitteeMember.Role.MEMBER),
    ("ครูชำนาญการ", SelfEvaluationCommitteeMember.Role.SECRETARY),
]


def seed_self_evaluations(year, schools, users, rng):
    standards_by_levels = {}
    created = 0
    for n, school in enumerate(schools):
        if n % 9 == 8:
            continue  # a few schools have not recorded one: compliance shows them
        if SelfEvaluation.objects.filter(school=school, academic_year=year, semester=1).exists():
            continue
        key = (school.offers_ece, school.offers_basic)
        if key not in standards_by_levels:
            sets = StandardSet.objects.applicable_to(school, year.year).filter(school__isnull=True)
            standards_by_levels[key] = list(Standard.objects.filter(standard_set__in=sets))
        date = _weekday(year.semester1_starts_on + datetime.timedelta(days=100 + n % 40))
        evaluation = SelfEvaluation.objects.create(
            school=school,
            academic_year=year,
            semester=1,
            date=date,
            committee_order=f"คำสั่ง{school.name} ที่ {n % 30 + 5}/{year.year}",
            notes="ผลการประเมินภาคเรียนที่ ๑ เป็นไปตามค่าเป้าหมายเป็นส่วนใหญ่ "
            "ยกเว้นผลสัมฤทธิ์วิชาคณิตศาสตร์ที่ต้องเร่งพัฒนา",
            recorded_by=users.get("school") if school == schools[0] else None,
        )
        SelfEvaluationLevel.objects.bulk_create(
            SelfEvaluationLevel(
                self_evaluation=evaluation, standard=standard, level=rng.choice([3, 4, 4, 5])
            )
            for standard in standards_by_levels[key]
        )
        SelfEvaluationCommitteeMember.objects.bulk_create(
            SelfEvaluationCommitteeMember(
                self_evaluation=evaluation,
                order=order,
                name=person_name(rng),
                position=position,
                role=role,
            )
            for order, (position, role) in enumerate(SCHOOL_COMMITTEE, start=1)
        )
        created += 1
    return created


# What the schools did about last year's visit, as they wrote it in this year's SAR.
ANSWERS = [
    "รายงานใน SAR ปีการศึกษา ๒๕๖๙: จัดกิจกรรมซ่อมเสริมนักเรียนกลุ่มเป้าหมายสัปดาห์ละ ๒ ครั้ง",
    "รายงานใน SAR ปีการศึกษา ๒๕๖๙: ปรับแผนปฏิบัติการและนิเทศภายในทุกเดือน",
    "รายงานใน SAR ปีการศึกษา ๒๕๖๙: ประชุมครูวิเคราะห์ผลสัมฤทธิ์รายบุคคลทุกภาคเรียน",
]
HISTORY_STATES = ["open", "planned", "in_progress", "done", "confirmed", "not_done", "not_relevant"]


def seed_history(office, schools, users, rng):
    """Earlier years' district visits, for the three-year rule and the follow-up: schools
    40-51 were visited last year (2568), whose recommendations are now in every state and
    mostly overdue; schools 52-57 in 2567, so their three years run out this year; the
    schools after them never, so the compliance page flags them."""
    from sar.followup import services as followup
    from sar.followup.models import Recommendation

    supervisor, admin = users.get("supervisor"), users.get("admin")
    if supervisor is None or admin is None:
        return 0
    p2 = FormTemplate.objects.usable_in(office.pk).get(code="P2-7.1")
    created = 0
    for year_no, group in ((CURRENT_YEAR - 1, schools[40:52]), (CURRENT_YEAR - 2, schools[52:58])):
        year = AcademicYear.objects.filter(pk=year_no).first()
        if year is None:
            continue
        for n, school in enumerate(group):
            date = _weekday(year.semester1_starts_on + datetime.timedelta(days=30 + 5 * n))
            visit, new = _visit(school, p2, Visit.Kind.DISTRICT_VISIT, date, None, supervisor)
            if not new:
                continue
            created += 1
            _fill(visit, rng, supervisor)
            services.visit_publish(visit=visit, actor=supervisor)
            given = Recommendation.objects.filter(school=school, source_id=visit.pk).order_by("pk")
            for m, rec in enumerate(given):
                state = HISTORY_STATES[(n + m) % len(HISTORY_STATES)]
                if state == "open":
                    continue
                done = state in ("done", "confirmed")
                rec = followup.recommendation_update(
                    recommendation=rec,
                    actor=admin,
                    status="done" if done else state,
                    action=rng.choice(ANSWERS) if state != "planned" else "",
                    started_on=visit.date + datetime.timedelta(days=30)
                    if state != "planned"
                    else None,
                    # Half of the done ones finished after their due date: closed late.
                    completed_on=(rec.due_on + datetime.timedelta(days=-20 if m % 2 else 25))
                    if done
                    else None,
                )
                if state == "confirmed":
                    followup.recommendation_confirm(recommendation=rec, actor=supervisor)
    return created


DISTRICT_CONCLUSION = (
    "สถานศึกษาที่ได้รับการติดตามตรวจสอบส่วนใหญ่มีผลการดำเนินงานตามมาตรฐานการศึกษาของสถานศึกษา"
    "อยู่ในระดับดีเลิศ มาตรฐานที่ ๒ กระบวนการบริหารและการจัดการมีผลสูงสุด "
    "มาตรฐานที่ ๑ คุณภาพของผู้เรียน ด้านความสามารถในการอ่าน การเขียน และการคิดคำนวณ "
    "ยังต่ำกว่าค่าเป้าหมายในสถานศึกษาขนาดเล็กหลายแห่ง"
)
DISTRICT_MEASURES = (
    "๑. เร่งรัดการอ่านออกเขียนได้ของนักเรียนชั้นประถมศึกษาปีที่ ๑–๓ "
    "โดยศึกษานิเทศก์ประจำกลุ่มเครือข่ายนิเทศติดตามทุกเดือน\n"
    "๒. จัดคลังสื่อและแบบฝึกคณิตศาสตร์ให้สถานศึกษาขนาดเล็กใช้ร่วมกันผ่านกลุ่มเครือข่าย\n"
    "๓. ให้สถานศึกษาที่ต่ำกว่าค่าเป้าหมายจัดทำแผนยกระดับคุณภาพรายมาตรฐาน "
    "และรายงานความก้าวหน้าทุกภาคเรียน"
)


def seed_district_report(office, year, users):
    """The district's ๗.๓ of process 2 for the year: its conclusion and acceleration
    measures written by the supervisor, published (its PDF frozen). Once."""
    from . import report_services
    from .models import DistrictReport

    supervisor = users.get("supervisor")
    if supervisor is None:
        return False
    existing = DistrictReport.objects.filter(area_office=office, academic_year=year, process=2)
    if existing.filter(published_at__isnull=False).exists():
        return False
    report = report_services.district_report_write(
        office=office,
        year=year,
        conclusion=DISTRICT_CONCLUSION,
        measures=DISTRICT_MEASURES,
        actor=supervisor,
    )
    report_services.district_report_set_published(report=report, published=True, actor=supervisor)
    return True


def seed(office, *, stdout):
    year = AcademicYear.objects.filter(pk=CURRENT_YEAR).first()
    if year is None:
        stdout.write("supervision: academic year 2569 missing; skipped")
        return
    rng = random.Random(6)  # noqa: S311 - demo data
    users = {u.username: u for u in User.objects.filter(area_office=office)}
    schools = list(office.schools.filter(is_active=True).order_by("code"))
    committees = seed_committees(office, year, schools, users, rng)
    visits = seed_visits(office, year, schools, committees, users, rng)
    evaluations = seed_self_evaluations(year, schools, users, rng)
    history = seed_history(office, schools, users, rng)
    report = seed_district_report(office, year, users)
    networks_demo.seed(office, stdout=stdout)
    stdout.write(
        f"supervision: {Committee.objects.filter(area_office=office).count()} committees, "
        f"{visits} new visits, {history} of earlier years, {evaluations} new self-evaluations"
        + (", district report ๗.๓ published" if report else "")
    )
