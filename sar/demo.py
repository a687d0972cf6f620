"""Demo SARs: last year's (2568) nearly all sent and reviewed, this year's (2569) under way.

Deterministic and idempotent: a year that already has SARs in the office is left alone.
Rows are written with ``bulk_create`` (about 20,000 of them for 254 schools), so the
services are bypassed on purpose; the statuses, versions, history rows and target locks
written here are the ones the services would have written. No real school or person is described.
"""

import datetime
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from iqa_district.accounts.models import User
from schools.models import AcademicYear
from standards.models import Item, Standard, StandardSet, TargetLock

from .models import HelpNeed, ItemResult, SAREvent, SARVersion, SelfAssessmentReport, StandardResult

Status = SelfAssessmentReport.Status
Action = SAREvent.Action

DEMO_PDF_NAME = "sar/demo/demo-sar.pdf"
NATIONAL_SETS = {"ece": "MOE2561-ECE", "basic": "MOE2561-BASIC"}
LAST_YEAR, THIS_YEAR = 2568, 2569

# (status, weight) per year; "none" = not started.
MIX = {
    LAST_YEAR: [
        ("accepted", 76),
        ("accepted_after_return", 8),
        ("submitted", 5),
        ("returned", 4),
        ("draft", 3),
        ("none", 4),
    ],
    THIS_YEAR: [("draft", 36), ("submitted", 10), ("accepted", 3), ("none", 51)],
}

STRENGTHS = {
    ("basic", 1): [
        "ผู้เรียนมีความสามารถในการอ่าน การเขียน และการสื่อสารภาษาไทยเหมาะสมตามระดับชั้น",
        "ผลการทดสอบระดับชาติ (O-NET) วิชาภาษาไทยสูงกว่าค่าเฉลี่ยระดับเขตพื้นที่",
        "ผู้เรียนมีคุณลักษณะอันพึงประสงค์ มีวินัย ความรับผิดชอบ และจิตอาสา",
        "ผู้เรียนมีสุขภาวะทางร่างกายดี มีน้ำหนักและส่วนสูงตามเกณฑ์",
        "ผู้เรียนภาคภูมิใจในท้องถิ่นและความเป็นไทย ร่วมกิจกรรมประเพณีของชุมชนอย่างสม่ำเสมอ",
        "ผู้เรียนใช้เทคโนโลยีสารสนเทศในการสืบค้นข้อมูลและสร้างชิ้นงานได้อย่างสร้างสรรค์",
    ],
    ("basic", 2): [
        "ผู้บริหารใช้หลักการมีส่วนร่วม ชุมชนและผู้ปกครองให้การสนับสนุนการจัดการศึกษาอย่างดี",
        "สถานศึกษามีแผนพัฒนาคุณภาพการศึกษาที่สอดคล้องกับบริบทและนโยบายของต้นสังกัด",
        "มีระบบประกันคุณภาพภายในที่ชัดเจน ดำเนินการตามวงจรคุณภาพ PDCA อย่างต่อเนื่อง",
        "สภาพแวดล้อมภายในโรงเรียนร่มรื่น ปลอดภัย เอื้อต่อการเรียนรู้",
        "ครูได้รับการพัฒนาตามความต้องการผ่านชุมชนการเรียนรู้ทางวิชาชีพ (PLC)",
    ],
    ("basic", 3): [
        "ครูจัดการเรียนรู้เชิงรุก (Active Learning) ให้ผู้เรียนได้ลงมือปฏิบัติจริง",
        "ครูใช้สื่อและแหล่งเรียนรู้ในท้องถิ่นประกอบการจัดการเรียนรู้",
        "มีการวัดและประเมินผลตามสภาพจริงด้วยเครื่องมือที่หลากหลาย",
        "ครูมีการบริหารจัดการชั้นเรียนเชิงบวก ผู้เรียนรักการเรียนรู้",
        "ครูนำผลการประเมินมาให้ข้อมูลย้อนกลับเพื่อพัฒนาผู้เรียนเป็นรายบุคคล",
    ],
    ("ece", 1): [
        "เด็กมีพัฒนาการด้านร่างกายแข็งแรง มีสุขนิสัยที่ดี",
        "เด็กมีพัฒนาการด้านอารมณ์ จิตใจ ร่าเริงแจ่มใส แสดงออกอย่างเหมาะสม",
        "เด็กมีทักษะทางสังคม ช่วยเหลือตนเองและเล่นร่วมกับผู้อื่นได้",
        "เด็กสนใจเรียนรู้สิ่งรอบตัว ตั้งคำถามและแสวงหาคำตอบได้",
    ],
    ("ece", 2): [
        "สถานศึกษามีหลักสูตรสถานศึกษาปฐมวัยที่ยืดหยุ่น สอดคล้องกับบริบทท้องถิ่น",
        "จัดสภาพแวดล้อมและสื่อการเรียนรู้ที่ปลอดภัยและเพียงพอ",
        "ผู้ปกครองมีส่วนร่วมในการพัฒนาเด็กผ่านโครงการบ้านและโรงเรียนร่วมใจ",
    ],
    ("ece", 3): [
        "ครูจัดประสบการณ์การเรียนรู้ผ่านการเล่นอย่างมีความหมาย",
        "ครูประเมินพัฒนาการเด็กตามสภาพจริงและนำผลมาพัฒนาเด็ก",
        "ครูจัดกิจกรรมที่ส่งเสริมพัฒนาการเด็กครบทุกด้านอย่างสมดุล",
    ],
}

IMPROVEMENTS = {
    ("basic", 1): [
        "ควรพัฒนาทักษะการคิดวิเคราะห์และการแก้ปัญหาของผู้เรียน",
        "ควรยกระดับผลสัมฤทธิ์ทางการเรียนวิชาคณิตศาสตร์และวิทยาศาสตร์",
        "ควรส่งเสริมทักษะการสื่อสารภาษาอังกฤษในชีวิตประจำวัน",
        "ควรพัฒนาการอ่านคล่องเขียนคล่องของผู้เรียนชั้นประถมศึกษาตอนต้น",
    ],
    ("basic", 2): [
        "ควรพัฒนาระบบสารสนเทศเพื่อการบริหารให้เป็นปัจจุบันและใช้ประโยชน์ได้จริง",
        "ควรติดตามและประเมินผลโครงการอย่างเป็นระบบ แล้วนำผลมาปรับปรุงแผนปีถัดไป",
        "ควรเปิดโอกาสให้ภาคีเครือข่ายมีส่วนร่วมในการวางแผนมากขึ้น",
    ],
    ("basic", 3): [
        "ควรนิเทศการจัดการเรียนรู้ภายในอย่างต่อเนื่องและให้ข้อมูลย้อนกลับแก่ครู",
        "ควรส่งเสริมการใช้เทคโนโลยีดิจิทัลในการจัดการเรียนรู้ให้มากขึ้น",
        "ควรพัฒนาเครื่องมือวัดผลที่วัดทักษะการคิดขั้นสูง",
    ],
    ("ece", 1): [
        "ควรส่งเสริมพัฒนาการด้านภาษาและการสื่อสารของเด็ก",
        "ควรส่งเสริมการรับประทานอาหารที่มีประโยชน์และการออกกำลังกาย",
    ],
    ("ece", 2): [
        "ควรจัดหาสื่อการเรียนรู้ปฐมวัยให้หลากหลายและเพียงพอ",
        "ควรพัฒนาครูปฐมวัยด้านการจัดประสบการณ์แบบบูรณาการ",
    ],
    ("ece", 3): [
        "ควรเพิ่มกิจกรรมที่ส่งเสริมการคิดสร้างสรรค์และการแก้ปัญหาอย่างง่าย",
        "ควรใช้ผลการประเมินพัฒนาการในการวางแผนการจัดประสบการณ์รายบุคคล",
    ],
}

PLANS = [
    "จัดทำโครงการพัฒนาทักษะการคิดวิเคราะห์ผ่านกิจกรรมโครงงาน",
    "ส่งเสริมชุมชนการเรียนรู้ทางวิชาชีพ (PLC) ภายในโรงเรียนภาคเรียนละ ๒ ครั้ง",
    "พัฒนาแหล่งเรียนรู้ในโรงเรียนและเชื่อมโยงกับภูมิปัญญาท้องถิ่น",
    "นิเทศภายในแบบกัลยาณมิตรและติดตามผลเป็นรายเดือน",
    "จัดกิจกรรมสอนเสริมสำหรับผู้เรียนที่มีผลการเรียนต่ำกว่าเกณฑ์",
    "พัฒนาระบบดูแลช่วยเหลือนักเรียนและเยี่ยมบ้านนักเรียนทุกคน",
    "ใช้แพลตฟอร์มดิจิทัลเพื่อการเรียนรู้และการติดตามผลผู้เรียน",
]

HELP = {
    "curriculum": ["ต้องการวิทยากรด้านการจัดการเรียนรู้เชิงรุก", "ขอคำแนะนำการปรับหลักสูตรฐานสมรรถนะ"],
    "measurement": ["ต้องการคลังข้อสอบวัดการคิดวิเคราะห์", "ขออบรมการประเมินตามสภาพจริง"],
    "qa_system": ["ขอให้ศึกษานิเทศก์ช่วยทบทวนการกำหนดค่าเป้าหมาย", "ต้องการตัวอย่างการเขียน SAR แบบกระชับ"],
    "teacher": ["ครูไม่ครบชั้น ต้องการอัตรากำลังครูวิชาเอกคณิตศาสตร์", "ต้องการพัฒนาครูด้านภาษาอังกฤษ"],
    "technology": ["ต้องการคอมพิวเตอร์สำหรับห้องเรียน", "สัญญาณอินเทอร์เน็ตไม่เสถียร ต้องการการสนับสนุน"],
    "budget": ["ขอสนับสนุนงบประมาณซ่อมแซมอาคารเรียน", "ต้องการงบประมาณจัดซื้อสื่อปฐมวัย"],
    "building": ["ห้องน้ำนักเรียนชำรุด ต้องการปรับปรุง", "ต้องการปรับปรุงโรงอาหาร"],
    "student_care": ["ต้องการนักจิตวิทยาโรงเรียนช่วยดูแลนักเรียนกลุ่มเสี่ยง"],
}

INNOVATIONS = [
    'นวัตกรรม "อ่านคล่อง เขียนคล่อง ด้วยบันได ๕ ขั้น"',
    'รูปแบบการบริหารแบบมีส่วนร่วม "บ้าน วัด โรงเรียน ร่วมใจ"',
    'แบบอย่างที่ดี "ห้องเรียนสีเขียว" ปลูกผักปลอดสารพิษ',
    'กิจกรรม "คณิตคิดสนุก" ฝึกคิดเลขเร็วทุกเช้า',
    'โครงการ "ธนาคารขยะรีไซเคิล" ปลูกฝังจิตสำนึกรักษ์สิ่งแวดล้อม',
]

RETURN_COMMENTS = [
    "โปรดแนบไฟล์ SAR ที่ผู้อำนวยการและประธานคณะกรรมการสถานศึกษาลงนามครบถ้วน",
    "ระดับคุณภาพมาตรฐานที่ ๑ ไม่สอดคล้องกับผลการดำเนินงานรายประเด็น โปรดทบทวน",
    "วันที่คณะกรรมการสถานศึกษาให้ความเห็นชอบไม่ตรงกับเอกสาร โปรดตรวจสอบ",
    "โปรดระบุหลักฐานเชิงประจักษ์ประกอบจุดเด่นของมาตรฐานที่ ๓",
]


def _demo_pdf(stdout):
    """One small real PDF shared by the demo versions, rendered once."""
    if default_storage.exists(DEMO_PDF_NAME):
        return DEMO_PDF_NAME
    try:
        from iqa_district.pdf import render_pdf

        content = render_pdf("sar/pdf/demo_sar.html", {})
    except Exception as exc:  # no Pango in this environment: a plain one-page PDF
        stdout.write(f"sar: PDF engine unavailable ({exc.__class__.__name__}); using pypdf")
        import io

        import pypdf

        writer = pypdf.PdfWriter()
        writer.add_blank_page(595, 842)
        buffer = io.BytesIO()
        writer.write(buffer)
        content = buffer.getvalue()
    return default_storage.save(DEMO_PDF_NAME, ContentFile(content))


def _aware(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _level_around(rng, base):
    return max(1, min(5, round(base + rng.gauss(0, 0.7))))


PERCENT_BY_LEVEL = {5: (90, 100), 4: (80, 90), 3: (70, 80), 2: (60, 70), 1: (45, 60)}


class _Builder:
    def __init__(self, rng, sets, pdf_name, supervisor):
        self.rng = rng
        self.sets = sets  # level -> (standards, items by standard id)
        self.pdf_name = pdf_name
        self.supervisor = supervisor
        self.versions, self.items, self.standards, self.needs, self.events = [], [], [], [], []

    def content(self, version, school, base):
        rng = self.rng
        for level_key, (standards, items_by_standard) in self.sets.items():
            if level_key == "ece" and not school.offers_ece:
                continue
            if level_key == "basic" and not school.offers_basic:
                continue
            for standard in standards:
                levels = []
                for item in items_by_standard.get(standard.pk, []):
                    level = _level_around(rng, base)
                    levels.append(level)
                    low, high = PERCENT_BY_LEVEL[level]
                    self.items.append(
                        ItemResult(
                            version=version,
                            item=item,
                            level=level,
                            result_percent=round(rng.uniform(low, high), 2),
                        )
                    )
                key = (level_key, standard.number)
                self.standards.append(
                    StandardResult(
                        version=version,
                        standard=standard,
                        level=round(sum(levels) / len(levels)) if levels else round(base),
                        strengths="\n".join(rng.sample(STRENGTHS[key], 2)),
                        improvements="\n".join(
                            rng.sample(IMPROVEMENTS[key], min(2, len(IMPROVEMENTS[key])))
                        ),
                        development_plan="\n".join(rng.sample(PLANS, 2)),
                        evidence_links=f"https://sar.example.ac.th/{school.code}/std-{level_key}-{standard.number}",
                    )
                )
        for category in rng.sample(list(HELP), rng.randint(1, 3)):
            self.needs.append(
                HelpNeed(version=version, category=category, description=rng.choice(HELP[category]))
            )

    def event(self, report, action, when, *, actor=None, version=None, frm="", to="", comment=""):
        self.events.append(
            (
                SAREvent(
                    report=report,
                    version=version,
                    actor=actor,
                    action=action,
                    from_status=frm,
                    to_status=to,
                    comment=comment,
                ),
                when,
            )
        )


def seed(office, *, stdout):
    sets = {}
    for level_key, code in NATIONAL_SETS.items():
        standard_set = StandardSet.objects.filter(code=code).first()
        if standard_set is None:
            stdout.write(f"sar: standard set {code} not found; demo SARs skipped")
            return
        standards = list(Standard.objects.filter(standard_set=standard_set).order_by("number"))
        items = {}
        for item in Item.objects.filter(
            standard__standard_set=standard_set, is_assessed=True
        ).order_by("order"):
            items.setdefault(item.standard_id, []).append(item)
        sets[level_key] = (standards, items)

    years = {y.year: y for y in AcademicYear.objects.filter(year__in=[LAST_YEAR, THIS_YEAR])}
    schools = list(office.schools.filter(is_active=True).order_by("code"))
    if not schools or len(years) < 2:
        stdout.write("sar: demo schools or academic years 2568/2569 missing; skipped")
        return
    users = {
        u.username: u for u in User.objects.filter(username__in=["supervisor", "school", "school2"])
    }
    supervisor = users.get("supervisor")
    pdf_name = _demo_pdf(stdout)

    for year_number in (LAST_YEAR, THIS_YEAR):
        year = years[year_number]
        if SelfAssessmentReport.objects.filter(
            academic_year=year, school__area_office=office
        ).exists():
            continue
        rng = random.Random(year_number)  # noqa: S311 - demo data
        builder = _Builder(rng, sets, pdf_name, supervisor)
        made = _seed_year(builder, year, schools, users)
        stdout.write(f"sar: {made} SARs for academic year {year_number}")


def _seed_year(builder, year, schools, users):
    rng = builder.rng
    deadline = year.sar_deadline
    today = timezone.localdate()
    statuses, weights = zip(*MIX[year.year], strict=True)
    plan = []
    for index, school in enumerate(schools):
        status = rng.choices(statuses, weights)[0]
        if year.year == THIS_YEAR and index == 0:
            status = "draft"  # the demo user `school`
        elif year.year == THIS_YEAR and index == 1:
            status = "returned"  # the demo user `school2`
        elif year.year == LAST_YEAR and index in (0, 1):
            status = "accepted"
        if status != "none":
            plan.append((school, status))

    reports = []
    for school, status in plan:
        final = "accepted" if status == "accepted_after_return" else status
        reports.append(SelfAssessmentReport(school=school, academic_year=year, status=final))
    SelfAssessmentReport.objects.bulk_create(reports)

    staff_by_school = {u.school_id: u for u in users.values() if u.school_id}
    versions_meta = []
    for report, (school, status) in zip(reports, plan, strict=True):
        actor = staff_by_school.get(school.pk)
        base = rng.gauss(3.7, 0.55)
        if year.year == LAST_YEAR:
            # Sent around the deadline: most on time, about one in eight late.
            started = deadline - datetime.timedelta(days=rng.randint(40, 90))
            offset = rng.randint(1, 20) if rng.random() < 0.12 else -rng.randint(0, 30)
            sent_on = deadline + datetime.timedelta(days=offset)
        else:
            started = today - datetime.timedelta(days=rng.randint(30, 60))
            sent_on = min(started + datetime.timedelta(days=rng.randint(5, 25)), today)
        version_count = 2 if status in ("accepted_after_return",) else 1
        if status == "returned" and year.year == THIS_YEAR:
            version_count = 1
        sent = status in ("submitted", "accepted", "accepted_after_return", "returned")
        builder.event(report, Action.CREATED, _aware(started, 8), actor=actor, to=Status.DRAFT)
        for number in range(1, version_count + 1):
            submitted_at = None
            if sent:
                day = (
                    sent_on
                    if number == 1
                    else sent_on + datetime.timedelta(days=rng.randint(7, 20))
                )
                submitted_at = _aware(day, rng.randint(8, 16))
            version = SARVersion(
                report=report,
                number=number,
                pdf=builder.pdf_name if sent or rng.random() < 0.5 else "",
                pdf_original_name=f"SAR{year.year}-{school.code}.pdf",
                board_approved_on=(sent_on - datetime.timedelta(days=rng.randint(3, 15)))
                if sent or rng.random() < 0.4
                else None,
                innovations=rng.choice(INNOVATIONS),
                submitted_at=submitted_at,
                submitted_by=actor if submitted_at else None,
            )
            versions_meta.append((report, version, status, base, number, version_count, actor))
        report.first_submitted_at = _aware(sent_on, 9) if sent else None

    SARVersion.objects.bulk_create([meta[1] for meta in versions_meta])

    for report, version, status, base, number, version_count, actor in versions_meta:
        school = report.school
        # A resubmitted version mostly repeats the first with levels nudged up a little.
        builder.content(version, school, base + (0.3 if number == 2 else 0))
        when = version.submitted_at
        if when is None:
            if status == "draft":
                builder.event(
                    report,
                    Action.SAVED,
                    _aware(today - datetime.timedelta(days=2)),
                    actor=actor,
                    version=version,
                    frm=Status.DRAFT,
                    to=Status.DRAFT,
                )
            continue
        if number == 2:
            builder.event(
                report,
                Action.REVISED,
                when - datetime.timedelta(days=1),
                actor=actor,
                version=version,
                frm=Status.RETURNED,
                to=Status.RETURNED,
            )
        builder.event(
            report,
            Action.SUBMITTED,
            when,
            actor=actor,
            version=version,
            frm=Status.RETURNED if number == 2 else Status.DRAFT,
            to=Status.SUBMITTED,
        )
        review_at = when + datetime.timedelta(days=rng.randint(2, 10))
        if number < version_count or status == "returned":
            builder.event(
                report,
                Action.RETURNED,
                review_at,
                actor=builder.supervisor,
                version=version,
                frm=Status.SUBMITTED,
                to=Status.RETURNED,
                comment=rng.choice(RETURN_COMMENTS),
            )
        elif status in ("accepted", "accepted_after_return"):
            if year.year == THIS_YEAR and review_at.date() > today:
                review_at = _aware(today, 9)
            builder.event(
                report,
                Action.ACCEPTED,
                review_at,
                actor=builder.supervisor,
                version=version,
                frm=Status.SUBMITTED,
                to=Status.ACCEPTED,
            )
            report.accepted_at = review_at
        report.last_submitted_at = when

    ItemResult.objects.bulk_create(builder.items, batch_size=2000)
    StandardResult.objects.bulk_create(builder.standards, batch_size=1000)
    HelpNeed.objects.bulk_create(builder.needs, batch_size=1000)
    events = SAREvent.objects.bulk_create([e for e, _when in builder.events], batch_size=2000)
    # auto_now_add stamped them "now"; the history needs the dates they stand for.
    for event, (_e, when) in zip(events, builder.events, strict=True):
        event.created_at = when
    SAREvent.objects.bulk_update(events, ["created_at"], batch_size=2000)
    SelfAssessmentReport.objects.bulk_update(
        reports, ["first_submitted_at", "last_submitted_at", "accepted_at"], batch_size=1000
    )
    # The target locks sar_submit sets and sar_return clears: a SAR still with the district.
    TargetLock.objects.bulk_create(
        TargetLock(school=report.school, academic_year=year, locked_at=report.last_submitted_at)
        for report in reports
        if report.status in (Status.SUBMITTED, Status.ACCEPTED)
    )
    return len(reports)
