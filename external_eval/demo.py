"""Demo of process 3: ONESQA rounds 4 and 5 on the five-level scale; round 4's evaluations of
academic year 2568 for about a fifth of the schools, closed with their reports, ONESQA's
levels per standard and ONESQA's recommendations in every follow-up state; two
re-evaluations; round 5 under way (scheduled in the coming months, readiness checked, the
oral report attended by the district's ONESQA_ORAL committee, a draft whose comment
deadline is counting down). Everything goes through the services, so the events, the
audit log and the workflow are those a real district would have.

Idempotent: a round that already has evaluations in the office is left alone.
"""

import datetime
import random
from collections.abc import Iterable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from iqa_district.accounts.models import User
from sar.followup import services as followup
from schools.demo import person_name
from schools.models import AcademicYear, School
from standards.models import StandardSet
from supervision import services as supervision_services
from supervision.models import Committee, CommitteeMember, FormItem

from . import readiness, services
from .comparison import side_by_side
from .models import (
    EvaluationDocument,
    ExternalEvaluation,
    OnesqaPackage,
    OnesqaRound,
    OnesqaSynthesis,
    RatingLevel,
    RatingScale,
)
from .synthesis import narrative
from .synthesis import services as synthesis_services
from .synthesis.data import district_figures

Status = ExternalEvaluation.Status
DocKind = EvaluationDocument.Kind
FIVE_LEVELS = ((5, "ยอดเยี่ยม"), (4, "ดีเลิศ"), (3, "ดี"), (2, "ปานกลาง"), (1, "กำลังพัฒนา"))
NATIONAL_SETS = ("MOE2561-ECE", "MOE2561-BASIC")
ROUNDS = (
    (4, "การประเมินคุณภาพภายนอก รอบที่ ๔ (พ.ศ. ๒๕๖๔–๒๕๖๘)", 2564, 2568),
    (5, "การประเมินคุณภาพภายนอก รอบที่ ๕ (พ.ศ. ๒๕๖๙–๒๕๗๓)", 2569, 2573),
)
ROUND4_YEAR, ROUND5_YEAR = 2568, 2569

STRENGTHS = [
    "ผู้เรียนมีทักษะการอ่าน การเขียน และการสื่อสารเหมาะสมตามระดับชั้น",
    "ผู้บริหารใช้หลักการมีส่วนร่วม ชุมชนและผู้ปกครองสนับสนุนการจัดการศึกษาอย่างต่อเนื่อง",
    "ครูจัดการเรียนรู้เชิงรุก ใช้สื่อและแหล่งเรียนรู้ในท้องถิ่นประกอบการสอน",
    "สถานศึกษามีระบบดูแลช่วยเหลือนักเรียนที่ชัดเจนและได้ผล",
]
IMPROVEMENTS = [
    "ผลสัมฤทธิ์ทางการเรียนวิชาคณิตศาสตร์และวิทยาศาสตร์ยังต่ำกว่าค่าเป้าหมาย",
    "การนำผลการประเมินไปใช้ปรับปรุงการจัดการเรียนรู้อย่างเป็นระบบ",
    "การติดตามผลการดำเนินงานตามแผนพัฒนาคุณภาพการศึกษา",
    "การใช้เทคโนโลยีดิจิทัลเพื่อการเรียนรู้ของผู้เรียน",
]
INNOVATIONS = [
    "โครงการห้องเรียนคุณธรรม “หนึ่งห้องเรียน หนึ่งความดี”",
    "รูปแบบการสอนอ่านเขียนภาษาไทยแบบแจกลูกสะกดคำร่วมกับผู้ปกครอง",
    "",
    "",
]
ONESQA_RECOMMENDATIONS = [
    "ควรส่งเสริมให้ผู้เรียนได้ฝึกทักษะการคิดวิเคราะห์ผ่านโครงงานและสถานการณ์จริง",
    "ควรนำผลการประเมินระดับชาติมาวิเคราะห์รายบุคคลและจัดกิจกรรมซ่อมเสริมอย่างต่อเนื่อง",
    "ควรทบทวนแผนพัฒนาคุณภาพการศึกษาโดยใช้ผลการประเมินคุณภาพภายนอกเป็นข้อมูลประกอบ",
    "ควรจัดให้มีการนิเทศภายในและชุมชนการเรียนรู้ทางวิชาชีพ (PLC) อย่างเป็นระบบ",
    "ควรพัฒนาครูให้ใช้สื่อดิจิทัลและแพลตฟอร์มการเรียนรู้ออนไลน์",
]
ACTIONS = [
    "จัดกิจกรรมโครงงานบูรณาการทุกภาคเรียน และประเมินทักษะการคิดด้วยแบบประเมินรูบริก",
    "วิเคราะห์ผล O-NET รายบุคคล จัดสอนซ่อมเสริมหลังเลิกเรียนสัปดาห์ละ ๒ ครั้ง",
    "ปรับแผนพัฒนาคุณภาพการศึกษา พ.ศ. ๒๕๖๙–๒๕๗๑ ตามข้อเสนอแนะของ สมศ.",
]
FOLLOW_UP_STATES = [
    "open",
    "planned",
    "in_progress",
    "done",
    "confirmed",
    "not_done",
    "not_relevant",
]
PLACES = ["ห้องประชุมโรงเรียน", "หอประชุมโรงเรียน", "ห้องประชุมออนไลน์ (Zoom) ของ สมศ."]


def seed(office, *, stdout):
    users = {u.username: u for u in User.objects.filter(area_office=office)}
    supervisor, admin = users.get("supervisor"), users.get("admin")
    years = {y.year: y for y in AcademicYear.objects.filter(year__in=[ROUND4_YEAR, ROUND5_YEAR])}
    frameworks = list(StandardSet.objects.filter(code__in=NATIONAL_SETS))
    schools = list(office.schools.filter(is_active=True).order_by("code"))
    if supervisor is None or admin is None or len(years) < 2 or not frameworks or not schools:
        stdout.write("external_eval: demo users, years or national standards missing; skipped")
        return
    scale = _scale()
    round4, round5 = (_round(scale, frameworks, *spec) for spec in ROUNDS)
    rng = random.Random(2568)  # noqa: S311 - demo data
    made4 = made5 = 0
    if not ExternalEvaluation.objects.filter(round=round4, school__area_office=office).exists():
        made4 = _seed_round4(round4, years[ROUND4_YEAR], schools, supervisor, admin, rng)
    if not ExternalEvaluation.objects.filter(round=round5, school__area_office=office).exists():
        made5 = _seed_round5(round5, years[ROUND5_YEAR], schools, users, supervisor, rng)
    readiness_made = _seed_readiness(office, round5, supervisor, rng)
    if not OnesqaPackage.objects.filter(area_office=office, round=round4).exists():
        # Round 4's package went to ONESQA before its evaluations; round 5's is still to send.
        services.package_record_sent(
            office=office,
            onesqa_round=round4,
            sent_on=timezone.localdate() - datetime.timedelta(days=200),
            reference="ศธ ๐๔๑๒๖/๑๘๕๐",
            note="ระบบสารบรรณอิเล็กทรอนิกส์ และระบบ AQA ของ สมศ.",
            actor=supervisor,
        )
    published = _publish_synthesis(office, round4, supervisor)
    total = ExternalEvaluation.objects.filter(school__area_office=office).count()
    stdout.write(
        f"external_eval: {made4} new evaluations in round 4, {made5} in round 5 ({total} in all), "
        f"{readiness_made} readiness forms" + ("; ๗.๓ of round 4 published" if published else "")
    )


def _publish_synthesis(office, onesqa_round, supervisor) -> bool:
    """Round 4's ๗.๓: the drafted narrative with the supervisor's own closing line."""
    if OnesqaSynthesis.objects.published().filter(area_office=office, round=onesqa_round).exists():
        return False
    data, _rows = district_figures(office, onesqa_round)
    if not data["standards"]:
        return False
    text = (
        narrative.draft(data)
        + "\n\nเขตพื้นที่จะนำผลการสังเคราะห์นี้ไปกำหนดประเด็นการนิเทศ ติดตามในปีการศึกษาถัดไป "
        "โดยเน้นการประเมินตนเองที่อิงหลักฐานเชิงประจักษ์"
    )
    synthesis_services.synthesis_save_narrative(
        office=office, onesqa_round=onesqa_round, narrative=text, actor=supervisor
    )
    synthesis_services.synthesis_publish(office=office, onesqa_round=onesqa_round, actor=supervisor)
    return True


def _scale() -> RatingScale:
    scale, _created = RatingScale.objects.get_or_create(
        code="ONESQA-5L", defaults={"name": "ห้าระดับ (ยอดเยี่ยม – กำลังพัฒนา)"}
    )
    for value, label in FIVE_LEVELS:
        RatingLevel.objects.get_or_create(scale=scale, value=value, defaults={"label": label})
    return scale


def _round(scale, frameworks, number, name, year_from, year_to) -> OnesqaRound:
    onesqa_round, created = OnesqaRound.objects.get_or_create(
        number=number,
        defaults={"name": name, "year_from": year_from, "year_to": year_to, "scale": scale},
    )
    if created:
        onesqa_round.frameworks.set(frameworks)
    return onesqa_round


_PDFS: dict[str, bytes] = {}


def _pdf(kind: str) -> SimpleUploadedFile:
    """A small real PDF per kind of report, rendered once per run."""
    if kind not in _PDFS:
        title = str(DocKind(kind).label)
        try:
            from iqa_district.pdf import render_pdf

            _PDFS[kind] = render_pdf("external_eval/pdf/demo_report.html", {"title": title})
        except Exception:  # no Pango here: a plain one-page PDF still passes validation
            import io

            import pypdf

            writer = pypdf.PdfWriter()
            writer.add_blank_page(595, 842)
            buffer = io.BytesIO()
            writer.write(buffer)
            _PDFS[kind] = buffer.getvalue()
    return SimpleUploadedFile(f"{kind}.pdf", _PDFS[kind], content_type="application/pdf")


def _weekday(date: datetime.date) -> datetime.date:
    while date.weekday() >= 5:
        date += datetime.timedelta(days=1)
    return date


def _schedule(onesqa_round, year, school, start, actor, rng, **kwargs) -> ExternalEvaluation:
    start = _weekday(start)
    return services.evaluation_schedule(
        school=school,
        round=onesqa_round,
        academic_year=year,
        kind=kwargs.pop("kind", ExternalEvaluation.Kind.REGULAR),
        mode=kwargs.pop("mode", rng.choice(list(ExternalEvaluation.Mode.values[:2]))),
        scheduled_from=start,
        scheduled_to=start + datetime.timedelta(days=1),
        assessors="\n".join(person_name(rng) for _ in range(3)),
        actor=actor,
        **kwargs,
    )


def _evaluated(evaluation, actor, *, readiness=True) -> ExternalEvaluation:
    if readiness:
        evaluation = services.evaluation_transition(
            evaluation=evaluation, to_status=Status.READINESS_CHECKED, actor=actor
        )
    evaluation = services.evaluation_transition(
        evaluation=evaluation, to_status=Status.EVALUATED, actor=actor
    )
    return services.evaluation_record_dates(
        evaluation=evaluation,
        actor=actor,
        actual_from=evaluation.scheduled_from,
        actual_to=evaluation.scheduled_to,
        assessors=evaluation.assessors,
    )


def _oral(evaluation, actor, rng, committee=None) -> ExternalEvaluation:
    return services.evaluation_record_oral_report(
        evaluation=evaluation,
        committee=committee,
        held_on=evaluation.scheduled_to,
        place=rng.choice(PLACES),
        notes="คณะผู้ประเมินแจ้งจุดเด่นด้านการมีส่วนร่วมของชุมชน และให้เร่งพัฒนาผลสัมฤทธิ์ทางการเรียน "
        "สถานศึกษารับทราบและจะนำไปปรับแผนพัฒนาคุณภาพการศึกษา",
        actor=actor,
    )


def _upload(evaluation, kind, actor, received_on, note="") -> None:
    services.document_upload(
        evaluation=evaluation,
        kind=kind,
        uploaded=_pdf(kind),
        received_on=received_on,
        note=note,
        actor=actor,
    )


def _results(evaluation, actor, rng) -> None:
    """ONESQA's levels: mostly at or one below the school's own SAR level, now and then
    two below (the ๗.๓ flags these)."""
    by_value = {lv.value: lv for lv in RatingLevel.objects.filter(scale=evaluation.round.scale_id)}
    for row in side_by_side(evaluation):
        base = row.sar_level or rng.choice([3, 4, 4])
        value = max(1, min(5, base - rng.choices([0, 1, 2, -1], weights=[45, 38, 9, 8])[0]))
        services.result_save(
            evaluation=evaluation,
            standard=row.standard,
            level=by_value[value],
            source=DocKind.FINAL,
            strengths=rng.choice(STRENGTHS),
            improvements=rng.choice(IMPROVEMENTS),
            innovation=rng.choice(INNOVATIONS),
            actor=actor,
        )


def _recommendations(evaluation, actor, admin, rng, states: Iterable[str]) -> None:
    standards = [row.standard for row in side_by_side(evaluation)]
    for n, state in enumerate(states):
        recommendation = services.recommendation_from_onesqa(
            evaluation=evaluation,
            text=ONESQA_RECOMMENDATIONS[(evaluation.pk + n) % len(ONESQA_RECOMMENDATIONS)],
            standard=standards[n % len(standards)] if standards else None,
            due_on=datetime.date(2026, 9, 30),
            actor=actor,
        )
        if state == "open":
            continue
        done = state in ("done", "confirmed")
        recommendation = followup.recommendation_update(
            recommendation=recommendation,
            actor=admin,
            status="done" if done else state,
            action=rng.choice(ACTIONS) if state not in ("planned", "not_done") else "",
            started_on=datetime.date(2026, 5, 16) if state != "planned" else None,
            completed_on=datetime.date(2026, rng.choice([8, 9, 10]), 20) if done else None,
        )
        if state == "confirmed":
            followup.recommendation_confirm(recommendation=recommendation, actor=actor)


def _seed_round4(onesqa_round, year, schools, supervisor, admin, rng) -> int:
    """About a fifth of the schools, evaluated in semester 2 of 2568: the schools the
    district visited that year (so the committee's level is there too), the demo school,
    and every sixth school after them."""
    chosen = [s for i, s in enumerate(schools) if i == 0 or 40 <= i < 52 or i % 6 == 3]
    chosen = [s for s in chosen if s not in schools[24:28]][: max(1, len(schools) // 5)]
    start = datetime.date(2025, 11, 17)
    made = 0
    for n, school in enumerate(chosen):
        day = start + datetime.timedelta(days=2 * n)
        evaluation = _evaluated(
            _schedule(onesqa_round, year, school, day, supervisor, rng), supervisor
        )
        evaluation = _oral(evaluation, supervisor, rng)
        _upload(evaluation, DocKind.ORAL, supervisor, evaluation.scheduled_to)
        draft_on = evaluation.scheduled_to + datetime.timedelta(days=30)
        _upload(evaluation, DocKind.DRAFT, supervisor, draft_on)
        made += 1
        if n in (3, 9):
            # Two schools disagree with the draft and ask for a re-evaluation.
            _upload(
                evaluation,
                DocKind.REEVAL_REQUEST,
                supervisor,
                draft_on + datetime.timedelta(days=10),
                note="สถานศึกษาขอรับการประเมินซ้ำในมาตรฐานที่ ๑ พร้อมหลักฐานเพิ่มเติม",
            )
            services.evaluation_transition(
                evaluation=evaluation,
                to_status=Status.REEVAL_REQUESTED,
                actor=supervisor,
                comment="ยื่นคำขอภายในกำหนดเวลา",
            )
            again = _schedule(
                onesqa_round,
                year,
                school,
                draft_on + datetime.timedelta(days=60),
                supervisor,
                rng,
                kind=ExternalEvaluation.Kind.REEVALUATION,
                reevaluation_of=evaluation,
            )
            made += 1
            if n == 3:
                # The first re-evaluation is done; the second is still to come.
                again = _evaluated(again, supervisor, readiness=False)
                _upload(
                    again,
                    DocKind.DRAFT,
                    supervisor,
                    again.scheduled_to + datetime.timedelta(days=20),
                )
                _upload(
                    again,
                    DocKind.FINAL,
                    supervisor,
                    again.scheduled_to + datetime.timedelta(days=45),
                )
                _results(again, supervisor, rng)
            continue
        if n % 5 == 1:
            _upload(
                evaluation,
                DocKind.COMMENTS,
                supervisor,
                draft_on + datetime.timedelta(days=12),
                note="สถานศึกษาขอแก้ไขข้อมูลจำนวนนักเรียนในบทสรุปของรายงาน",
            )
        _upload(evaluation, DocKind.FINAL, supervisor, draft_on + datetime.timedelta(days=40))
        _results(evaluation, supervisor, rng)
        # Three recommendations per school, the states cycling through all seven.
        states = [FOLLOW_UP_STATES[(n + k) % len(FOLLOW_UP_STATES)] for k in range(3)]
        _recommendations(evaluation, supervisor, admin, rng, states)
        if n % 4 == 0:
            services.evaluation_transition(
                evaluation=evaluation, to_status=Status.CLOSED, actor=supervisor
            )
    return made


def _oral_committee(office, year, users) -> Committee | None:
    """The district's ONESQA_ORAL committee of the year (supervision's demo makes it with
    its order); the demo committee login sits on it, so it sees what it attends."""
    committee = Committee.objects.filter(
        area_office=office, academic_year=year, kind=Committee.Kind.ONESQA_ORAL
    ).first()
    member = users.get("committee")
    if committee is not None and member is not None:
        CommitteeMember.objects.get_or_create(
            committee=committee,
            user=member,
            defaults={
                "name": member.display_name,
                "order": committee.members.count() + 1,
                "role": CommitteeMember.Role.MEMBER,
                "position": "ผู้ทรงคุณวุฒิ สมศ.",
                "organisation": "สำนักงานรับรองมาตรฐานและประเมินคุณภาพการศึกษา (องค์การมหาชน)",
            },
        )
    return committee


def _seed_round5(onesqa_round, year, schools, users, supervisor, rng) -> int:
    """Round 5 this year: the oral-report committee's four schools are evaluated (one with
    a draft whose comment days are running), a dozen more are due in the coming months."""
    office = schools[0].area_office
    committee = _oral_committee(office, year, users)
    today = timezone.localdate()
    attended = list(committee.schools.order_by("code")) if committee else schools[24:28]
    made = 0
    for n, school in enumerate(attended):
        start = today - datetime.timedelta(days=40 - 6 * n)
        evaluation = _evaluated(
            _schedule(onesqa_round, year, school, start, supervisor, rng), supervisor
        )
        made += 1
        if n == 3:
            continue  # evaluated last week; the oral report is next
        evaluation = _oral(evaluation, supervisor, rng, committee)
        _upload(evaluation, DocKind.ORAL, supervisor, evaluation.scheduled_to)
        if n in (0, 1):
            _upload(
                evaluation, DocKind.DRAFT, supervisor, today - datetime.timedelta(days=4 + 6 * n)
            )
        if n == 0:
            _upload(
                evaluation,
                DocKind.COMMENTS,
                supervisor,
                today - datetime.timedelta(days=1),
                note="ความเห็นของสถานศึกษาต่อรายงานฉบับร่าง",
            )
    upcoming: list[School] = [schools[1]] + [
        s for i, s in enumerate(schools) if i % 6 == 5 and s not in attended
    ][:11]
    for n, school in enumerate(upcoming):
        start = today + datetime.timedelta(days=20 + 25 * n)
        evaluation = _schedule(onesqa_round, year, school, start, supervisor, rng)
        made += 1
        if n % 3 == 0:
            services.evaluation_transition(
                evaluation=evaluation, to_status=Status.READINESS_CHECKED, actor=supervisor
            )
    return made


READINESS_SUMMARY = {
    "strengths": "ผู้บริหารและครูเข้าใจเกณฑ์การประเมินของ สมศ. รอบที่ ๕ "
    "มีการจัดเก็บหลักฐานตามมาตรฐานอย่างเป็นระบบ",
    "improvements": "การนำผลการประเมินภายนอกรอบที่ ๔ ไปปรับแผนพัฒนาการจัดการศึกษายังไม่ครบทุกมาตรฐาน",
    "recommendations": "ควรทบทวนการดำเนินการตามข้อเสนอแนะของ สมศ. ครั้งก่อนให้ครบ "
    "และเตรียมผู้ให้ข้อมูลสำหรับการสัมภาษณ์",
}


def _seed_readiness(office, onesqa_round, supervisor, rng) -> int:
    """Form ๗.๑ of process 3: a filled, published readiness check for each round-5
    evaluation already marked readiness checked, and one planned for today on the next
    scheduled evaluation, so the form can be filled on a phone from the demo."""
    today = timezone.localdate()
    evaluations = ExternalEvaluation.objects.filter(
        round=onesqa_round, school__area_office=office
    ).order_by("scheduled_from", "pk")
    made = 0
    checked = evaluations.filter(status=Status.READINESS_CHECKED, readiness_visit__isnull=True)
    for n, evaluation in enumerate(checked):
        date = _weekday(today - datetime.timedelta(days=10 + 3 * n))
        visit = readiness.readiness_plan(
            evaluation=evaluation, date=date, supervisors=[supervisor], actor=supervisor
        )
        ready = n % 2 == 0
        for answer in visit.answers.select_related("form_item").order_by("order"):
            item = answer.form_item
            assert item is not None  # noqa: S101 - the form's rows are its own items
            data: dict[str, object]
            if item.answer_type == FormItem.AnswerType.VERDICT:
                data = {"has_evidence": ready}
            else:
                done = ready or rng.random() < 0.6
                data = {
                    "has_evidence": done,
                    "evidence": item.evidence_prompt if done else "",
                    "recommendation": "" if done else "ควรดำเนินการและจัดเก็บหลักฐานให้ครบก่อนวันประเมิน",
                }
            supervision_services.visit_save_answer(answer=answer, data=data, actor=supervisor)
        supervision_services.visit_save_summary(
            visit=visit, data=READINESS_SUMMARY, actor=supervisor
        )
        supervision_services.visit_publish(visit=visit, actor=supervisor)
        made += 1
    upcoming = evaluations.filter(status=Status.SCHEDULED, scheduled_from__gt=today)
    if not upcoming.filter(readiness_visit__isnull=False).exists() and (first := upcoming.first()):
        readiness.readiness_plan(
            evaluation=first, date=today, supervisors=[supervisor], actor=supervisor
        )
        made += 1
    return made
