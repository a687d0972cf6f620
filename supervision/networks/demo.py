"""Demo data of process 5 and of the district's training events, called from
``supervision.demo.seed``: the needs surveys answered by every school of the demo
supervisor's two clusters, the networks and the year's network plan, eight activities
with their participants, attendance and form ๒, one form ๓ (published), two district
events with attendance by school, and innovations from the SARs chosen for sharing.

Names are generated (schools.demo.person_name); no real person is described.
Idempotent: every row is matched on its natural key (cluster and year, title, name)."""

import datetime
import random
from typing import Any

from iqa_district.accounts.models import User
from sar.models import SARVersion
from schools.demo import CURRENT_YEAR, person_name
from schools.models import AcademicYear, AreaOffice, Cluster, School
from standards.models import Standard, StandardSet

from . import services
from .models import (
    Activity,
    ActivityEvaluation,
    NeedArea,
    NeedsSurvey,
    Network,
    NetworkMember,
    ParticipantRole,
    SatisfactionResponse,
    SharedPractice,
    Support,
    TrainingEvent,
)

# (kind, title, month, day, need areas, objectives, what was done, results)
ACTIVITIES = [
    (
        Activity.Kind.MEETING,
        "ประชุมชี้แจงแผนการนิเทศเครือข่ายและผลการสำรวจความต้องการ",
        6,
        5,
        ["qa_system"],
        "ผู้บริหารและครูแกนนำเข้าใจแผนการนิเทศเครือข่าย\nสถานศึกษากำหนดประเด็นพัฒนาร่วมกัน",
        "ชี้แจงผลการสำรวจความต้องการ (แบบ ๑) และร่วมกันกำหนดปฏิทินกิจกรรมของกลุ่ม",
        "ได้ปฏิทินกิจกรรมเครือข่ายและผู้รับผิดชอบของแต่ละสถานศึกษา",
    ),
    (
        Activity.Kind.TRAINING,
        "อบรมเชิงปฏิบัติการการวัดและประเมินผลตามสภาพจริง",
        7,
        10,
        ["measurement"],
        "ครูออกแบบเครื่องมือวัดผลตามสภาพจริงได้\nครูสร้างเกณฑ์การให้คะแนน (Rubric) ได้",
        "บรรยายและฝึกปฏิบัติการสร้างเครื่องมือวัดผล ครูนำเสนอผลงานรายกลุ่มสาระ",
        "ครูร้อยละ ๘๕ สร้างเกณฑ์การให้คะแนนได้ถูกต้อง",
    ),
    (
        Activity.Kind.SUPERVISION,
        "นิเทศการจัดการเรียนรู้เชิงรุกในชั้นเรียนแบบพี่เลี้ยง",
        8,
        14,
        ["teacher"],
        "ครูจัดกิจกรรมการเรียนรู้เชิงรุกได้\nครูสะท้อนผลการสอนร่วมกับพี่เลี้ยง",
        "ศึกษานิเทศก์และครูแกนนำสังเกตการสอนและให้ข้อมูลย้อนกลับรายบุคคล",
        "ครูปรับแผนการจัดการเรียนรู้ตามข้อเสนอแนะ",
    ),
    (
        Activity.Kind.SHARING,
        "เวทีแลกเปลี่ยนเรียนรู้แบบอย่างที่ดีด้านการอ่านออกเขียนได้",
        9,
        18,
        ["curriculum", "teacher"],
        "สถานศึกษาแลกเปลี่ยนแนวปฏิบัติที่ดีด้านการอ่าน\nครูนำแนวปฏิบัติไปปรับใช้",
        "ครูต้นแบบนำเสนอนวัตกรรมการสอนอ่านและจัดนิทรรศการผลงานนักเรียน",
        "สถานศึกษา ๔ แห่งนำนวัตกรรมบัตรคำไปทดลองใช้",
    ),
    (
        Activity.Kind.SEMINAR,
        "สัมมนาการจัดทำรายงานการประเมินตนเอง (SAR) ที่มีหลักฐานเชิงประจักษ์",
        11,
        6,
        ["qa_system", "measurement"],
        "สถานศึกษาวางแผนเก็บหลักฐานเชิงประจักษ์\nสถานศึกษาเขียนรายงานผลตามมาตรฐานได้",
        "วิเคราะห์ตัวอย่าง SAR และฝึกเชื่อมโยงหลักฐานกับค่าเป้าหมาย",
        "สถานศึกษาทุกแห่งมีแผนการเก็บหลักฐานของตน",
    ),
]
NETWORKS = [
    (Network.Kind.CORE_TEACHERS, "เครือข่ายครูแกนนำการวัดและประเมินผล", "ทุกกลุ่มสาระ"),
    (Network.Kind.MODEL_TEACHERS, "เครือข่ายครูต้นแบบการสอนอ่าน", "ป.๑–๓"),
    (Network.Kind.LEVEL, "เครือข่ายครูปฐมวัย", "ปฐมวัย"),
    (Network.Kind.MODEL_IQA_SCHOOL, "โรงเรียนต้นแบบการประกันคุณภาพภายใน", ""),
    (Network.Kind.WORLD_CLASS, "โรงเรียนมาตรฐานสากล", ""),
]
STRENGTHS = [
    "ผู้เข้าร่วมมีส่วนร่วมสูงและนำเสนอผลงานได้ชัดเจน",
    "ครูแกนนำเป็นพี่เลี้ยงให้เพื่อนครูได้อย่างมีประสิทธิภาพ",
]
IMPROVEMENTS = [
    "ควรเพิ่มเวลาฝึกปฏิบัติและติดตามผลในชั้นเรียน",
    "ควรจัดเก็บผลงานของครูเป็นคลังความรู้ของกลุ่ม",
]


def _unique_name(rng: random.Random, used: set[str]) -> str:
    """A made-up name not yet used in this activity or event."""
    while True:
        name = person_name(rng)
        if name not in used:
            used.add(name)
            return name


def _clusters(office: AreaOffice, supervisor: User | None) -> list[Cluster]:
    clusters = office.clusters.order_by("name")
    if supervisor is not None:
        own = list(clusters.filter(supervisors=supervisor)[:2])
        if len(own) == 2:
            return own
    return list(clusters[:2])


def _answer_surveys(cluster, year, actors, rng, *, keep_open):
    survey = NeedsSurvey.objects.filter(cluster=cluster, academic_year=year).first()
    if survey is None:
        survey = services.survey_open(
            cluster=cluster,
            academic_year=year,
            closes_on=datetime.date(year.year - 543, 5, 31),
            actor=actors["manager"],
        )
    if survey.responses.exists():
        return survey
    for school in cluster.schools.order_by("code"):
        areas = rng.sample(NeedArea.values, k=rng.randint(2, 4))
        staff = actors["staff"].get(school.pk, actors["root"])
        services.survey_answer(
            survey=survey,
            school=school,
            priorities={area: rng.choice([2, 3, 4, 4, 5, 5]) for area in areas},
            supports=rng.sample(Support.values, k=rng.randint(1, 3)),
            comments=rng.choice(["", "ขอให้จัดกิจกรรมช่วงปิดภาคเรียน", "ต้องการวิทยากรภายนอก"]),
            actor=staff,
        )
    if not keep_open:
        services.survey_close(survey=survey, actor=actors["manager"])
    return survey


def _networks(cluster, schools, manager, rng):
    for kind, name, level in NETWORKS:
        network = Network.objects.filter(cluster=cluster, name=name).first()
        if network is None:
            network = services.network_create(
                cluster=cluster, kind=kind, name=name, level=level, actor=manager
            )
        if NetworkMember.objects.filter(network=network).exists():
            continue
        members = schools[:2] if network.of_schools else schools[: min(6, len(schools))]
        for school in members:
            services.network_member_add(
                network=network,
                school=school,
                person_name="" if network.of_schools else person_name(rng),
                position="" if network.of_schools else "ครู",
                actor=manager,
            )


def _activity(plan, spec, schools, manager, rng, standards):
    kind, title, month, day, areas, objectives, done, results = spec
    existing = Activity.objects.filter(plan=plan, title=title).first()
    if existing is not None:
        return existing, False
    ce = plan.academic_year.year - 543
    starts = datetime.date(ce, month, day)
    network = Network.objects.filter(cluster=plan.cluster).order_by("kind", "name").first()
    activity = services.activity_save(
        plan=plan,
        kind=kind,
        title=title,
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=1 if kind == Activity.Kind.TRAINING else 0),
        place=f"ห้องประชุม{schools[0].name}",
        network=network,
        target_schools=schools,
        target_teachers=len(schools) * 2,
        need_areas=areas,
        standards=standards,
        objectives=objectives,
        actor=manager,
    )
    attended = []
    used: set[str] = {manager.display_name}
    for school in schools:
        for role in (ParticipantRole.CORE_TEACHER, ParticipantRole.TEACHER):
            participant = services.participant_add(
                activity=activity,
                school=school,
                name=_unique_name(rng, used),
                role=role,
                actor=manager,
            )
            if rng.random() < 0.85:
                attended.append(participant.pk)
    services.participant_add(
        activity=activity, name=manager.display_name, role=ParticipantRole.SUPERVISOR, actor=manager
    )
    services.attendance_set(activity=activity, attended_ids=attended, actor=manager)
    services.activity_record(activity=activity, what_was_done=done, results=results, actor=manager)
    count = len(activity.objective_lines())
    five = rng.random() < 0.6
    services.evaluation_save(
        activity=activity,
        scale=ActivityEvaluation.Scale.FIVE if five else ActivityEvaluation.Scale.MET,
        ratings={
            n: (rng.choice([3, 4, 4, 5]) if five else rng.random() < 0.85)
            for n in range(1, count + 1)
        },
        strengths=rng.choice(STRENGTHS),
        improvements=rng.choice(IMPROVEMENTS),
        recommendations="ควรติดตามการนำไปใช้ในชั้นเรียนภายใน ๑ เดือน",
        evaluator_name=manager.display_name,
        evaluator_position=manager.position or "ศึกษานิเทศก์",
        receiver_name=person_name(rng),
        receiver_position="ผู้อำนวยการสถานศึกษา",
        signed_on=starts + datetime.timedelta(days=2),
        actor=manager,
    )
    services.satisfaction_set_open(activity=activity, is_open=True, actor=manager)
    for n in range(rng.randint(4, 9)):
        SatisfactionResponse.objects.get_or_create(
            activity=activity,
            respondent_key=f"demo-{activity.pk}-{n}",
            defaults={
                "role": ParticipantRole.TEACHER,
                "ratings": [rng.choice([3, 4, 4, 5, 5]) for _ in range(5)],
                "comment": rng.choice(["", "ได้ความรู้ที่นำไปใช้ได้จริง", "อยากให้มีกิจกรรมต่อเนื่อง"]),
            },
        )
    return activity, True


def _training(office, year, manager, schools, rng):
    events = [
        (
            TrainingEvent.Kind.IQA_TRAINING,
            "อบรมการพัฒนาระบบการประกันคุณภาพภายในสถานศึกษา",
            datetime.date(year.year - 543, 6, 25),
        ),
        (
            TrainingEvent.Kind.ONESQA_CRITERIA,
            "ประชุมชี้แจงเกณฑ์การประเมินคุณภาพภายนอก (สมศ.)",
            datetime.date(year.year - 543, 8, 20),
        ),
        (
            TrainingEvent.Kind.SHARING,
            "เวทีแลกเปลี่ยนเรียนรู้จุดเด่นและแบบอย่างที่ดีของสถานศึกษา",
            datetime.date(year.year - 543, 10, 28),
        ),
    ]
    created = 0
    for kind, title, held_on in events:
        if TrainingEvent.objects.filter(area_office=office, title=title).exists():
            continue
        event = services.training_save(
            office=office,
            academic_year=year,
            kind=kind,
            title=title,
            held_on=held_on,
            place="ห้องประชุมสำนักงานเขตพื้นที่การศึกษา",
            description="ผู้รับผิดชอบงานประกันคุณภาพของสถานศึกษาเข้าร่วมแห่งละ ๑–๒ คน",
            actor=manager,
        )
        came = []
        used: set[str] = set()
        for school in schools:
            for _n in range(rng.choice([1, 1, 2])):
                attendee = services.training_attendee_add(
                    event=event,
                    school=school,
                    name=_unique_name(rng, used),
                    position=rng.choice(["ครู", "ครูผู้รับผิดชอบงานประกันคุณภาพ", "ผู้อำนวยการสถานศึกษา"]),
                    actor=manager,
                )
                if rng.random() < 0.9:
                    came.append(attendee.pk)
        services.training_attendance_set(event=event, attended_ids=came, actor=manager)
        created += 1
    return created


def _share_practices(office, manager):
    versions = (
        SARVersion.objects.filter(report__school__area_office=office, submitted_at__isnull=False)
        .exclude(innovations="")
        .select_related("report__school")
        .order_by("-report__academic_year", "report__school__code", "-number")
    )
    shared = 0
    seen: set[int] = set()
    for version in versions:
        if version.report.school_id in seen or shared >= 4:
            continue
        seen.add(version.report.school_id)
        if SharedPractice.objects.filter(
            school=version.report.school_id, academic_year=version.report.academic_year_id
        ).exists():
            continue
        services.practice_share(version=version, public=True, actor=manager)
        shared += 1
    return shared


def seed(office: AreaOffice, *, stdout: Any) -> None:
    year = AcademicYear.objects.filter(pk=CURRENT_YEAR).first()
    manager = User.objects.filter(username="supervisor", area_office=office).first()
    root = User.objects.filter(username="superadmin").first()
    if year is None or manager is None or root is None:
        stdout.write("networks: academic year, supervisor or superadmin missing; skipped")
        return
    rng = random.Random(5)  # noqa: S311 - demo data
    clusters = _clusters(office, manager)
    staff = {
        u.school_id: u
        for u in User.objects.filter(area_office=office, role=User.Role.SCHOOL_STAFF)
        if u.school_id
    }
    actors = {"manager": manager, "root": root, "staff": staff}
    standards = list(
        Standard.objects.filter(
            standard_set__level=StandardSet.Level.BASIC,
            standard_set__area_office=None,
            standard_set__school=None,
        ).order_by("number")[:2]
    )
    new_activities = 0
    for index, cluster in enumerate(clusters):
        if not cluster.supervisors.filter(pk=manager.pk).exists():
            cluster.supervisors.add(manager)
        schools: list[School] = list(cluster.schools.order_by("code"))
        if not schools:
            continue
        _answer_surveys(cluster, year, actors, rng, keep_open=index == 0)
        _networks(cluster, schools, manager, rng)
        plan = services.plan_save(
            cluster=cluster,
            academic_year=year,
            goals="ยกระดับคุณภาพการวัดและประเมินผลและการประกันคุณภาพภายในของสถานศึกษาในกลุ่ม",
            actor=manager,
        )
        specs = ACTIVITIES if index == 0 else ACTIVITIES[1:4]
        for spec in specs:
            _activity_row, created = _activity(plan, spec, schools[:5], manager, rng, standards)
            new_activities += int(created)
        if index == 0:
            report = services.report_save(
                cluster=cluster,
                academic_year=year,
                period_start=datetime.date(year.year - 543, 5, 16),
                period_end=datetime.date(year.year - 543, 11, 30),
                outcomes_teachers="ครูแกนนำ ๑๐ คนเป็นพี่เลี้ยงด้านการวัดผลให้เพื่อนครูในกลุ่ม\n"
                "ครูส่วนใหญ่สร้างเกณฑ์การให้คะแนนและใช้ในชั้นเรียนได้",
                outcomes_schools="สถานศึกษาทุกแห่งมีแผนการเก็บหลักฐานเชิงประจักษ์สำหรับ SAR\n"
                "สถานศึกษา ๔ แห่งนำนวัตกรรมการสอนอ่านไปใช้",
                problems="ช่วงเวลาจัดกิจกรรมตรงกับภาระงานของสถานศึกษา\nงบประมาณการเดินทางของครูมีจำกัด",
                next_directions="จัดกิจกรรมในช่วงปิดภาคเรียนและใช้การประชุมออนไลน์เสริม\n"
                "ขยายผลเครือข่ายครูต้นแบบไปยังกลุ่มเครือข่ายอื่น",
                actor=manager,
            )
            if not report.is_public:
                services.report_set_public(report=report, public=True, actor=manager)
    events = _training(
        office,
        year,
        manager,
        list(office.schools.filter(is_active=True).order_by("code")[:24]),
        rng,
    )
    shared = _share_practices(office, manager)
    stdout.write(
        f"networks: {len(clusters)} clusters, {new_activities} new activities, "
        f"{events} new training events, {shared} practices shared"
    )
