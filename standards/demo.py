"""Demo data for standards: cluster supervisors and the schools' yearly targets.

* Each demo cluster gets a supervisor (ศึกษานิเทศก์ประจำกลุ่ม): the demo login
  `supervisor` looks after the two พิบูลมังสาหาร clusters; three more (generated names,
  no login) share the others, one or two districts each as in a real office.
* Targets (ค่าเป้าหมาย) for academic years 2568 and 2569: every school set them for
  2568; about nine in ten have set them for 2569 so far. Mostly ดี/ดีเลิศ with percent
  targets of 70–90 and criterion text of the kind Thai schools announce.

Idempotent and deterministic: a school/year that already has targets is left alone.
"""

import random
from decimal import Decimal

from iqa_district.accounts.models import User
from schools.models import AcademicYear, School

from .models import Item, QualityLevel, SchoolTarget, StandardSet

TARGET_YEARS = (2568, 2569)
SHARE_WITH_TARGETS = {2568: 1.0, 2569: 0.9}
LEVEL_WEIGHTS = [
    (QualityLevel.EXCELLENT, 6),
    (QualityLevel.VERY_GOOD, 50),
    (QualityLevel.GOOD, 39),
    (QualityLevel.FAIR, 5),
]
EXTRA_SUPERVISORS = [
    ("demo_sup_sirindhorn", "นางพรทิพย์ คำภูแสน", ["สิรินธร", "โขงเจียม"]),
    ("demo_sup_srimuang", "นายสุรชัย พิมพ์ทอง", ["ศรีเมืองใหม่"]),
    ("demo_sup_talsum", "นางสาวนิภาพร ไชยมงคล", ["ตาลสุม", "โพธิ์ไทร"]),
]

# What the percent counts, per item: "ร้อยละ <n> ของ…" (Thai school announcements).
CRITERIA = {
    (
        "MOE2561-BASIC",
        "1.1.1",
    ): "ของนักเรียนมีผลการประเมินการอ่าน การเขียน การสื่อสาร และการคิดคำนวณ ในระดับดีขึ้นไป",
    (
        "MOE2561-BASIC",
        "1.1.2",
    ): "ของนักเรียนผ่านการประเมินความสามารถในการคิดวิเคราะห์และแก้ปัญหาตามเกณฑ์ของสถานศึกษา",
    ("MOE2561-BASIC", "1.1.3"): "ของนักเรียนสร้างชิ้นงานหรือโครงงานเชิงนวัตกรรมได้อย่างน้อยคนละ ๑ ชิ้นต่อปี",
    ("MOE2561-BASIC", "1.1.4"): "ของนักเรียนใช้เทคโนโลยีสารสนเทศในการสืบค้นและนำเสนองานได้อย่างเหมาะสม",
    ("MOE2561-BASIC", "1.1.5"): "ของนักเรียนมีผลสัมฤทธิ์ทางการเรียนเฉลี่ยทุกกลุ่มสาระการเรียนรู้ระดับ ๓ ขึ้นไป",
    (
        "MOE2561-BASIC",
        "1.1.6",
    ): "ของนักเรียนมีความรู้ ทักษะพื้นฐาน และเจตคติที่ดีต่องานอาชีพ ผ่านการประเมินกิจกรรมงานอาชีพ",
    ("MOE2561-BASIC", "1.2.1"): "ของนักเรียนมีคุณลักษณะอันพึงประสงค์ตามหลักสูตรในระดับดีขึ้นไป",
    ("MOE2561-BASIC", "1.2.2"): "ของนักเรียนเข้าร่วมกิจกรรมอนุรักษ์ศิลปวัฒนธรรมและประเพณีท้องถิ่น",
    ("MOE2561-BASIC", "1.2.3"): "ของนักเรียนยอมรับและอยู่ร่วมกับผู้อื่นบนความแตกต่างได้ ตามแบบประเมินพฤติกรรม",
    ("MOE2561-BASIC", "1.2.4"): "ของนักเรียนมีน้ำหนักและส่วนสูงตามเกณฑ์ และมีสุขภาวะทางจิตสังคมที่ดี",
    ("MOE2561-BASIC", "2.1"): "ของผู้มีส่วนเกี่ยวข้องมีส่วนร่วมกำหนดเป้าหมาย วิสัยทัศน์ และพันธกิจของสถานศึกษา",
    ("MOE2561-BASIC", "2.2"): "ของโครงการตามแผนปฏิบัติการประจำปีดำเนินการครบวงจร PDCA และรายงานผล",
    (
        "MOE2561-BASIC",
        "2.3",
    ): "ของกิจกรรมพัฒนาวิชาการครอบคลุมนักเรียนทุกกลุ่มเป้าหมาย รวมทั้งนักเรียนที่มีความต้องการพิเศษ",
    (
        "MOE2561-BASIC",
        "2.4",
    ): "ของครูได้รับการพัฒนาตามแผนพัฒนาตนเองไม่น้อยกว่า ๒๐ ชั่วโมงต่อปี และเข้าร่วมชุมชนการเรียนรู้ทางวิชาชีพ",
    ("MOE2561-BASIC", "2.5"): "ของผู้ปกครองและนักเรียนพึงพอใจต่อสภาพแวดล้อมทางกายภาพและสังคมของสถานศึกษา",
    ("MOE2561-BASIC", "2.6"): "ของงานบริหารทั้ง ๔ ฝ่ายใช้ระบบสารสนเทศในการบริหารจัดการและจัดเก็บข้อมูล",
    ("MOE2561-BASIC", "3.1"): "ของครูจัดการเรียนรู้แบบลงมือปฏิบัติ (Active Learning) ตามแผนการจัดการเรียนรู้",
    ("MOE2561-BASIC", "3.2"): "ของครูใช้สื่อ เทคโนโลยี และแหล่งเรียนรู้ในท้องถิ่นประกอบการจัดการเรียนรู้",
    (
        "MOE2561-BASIC",
        "3.3",
    ): "ของครูบริหารจัดการชั้นเรียนเชิงบวก มีข้อตกลงร่วมกับนักเรียน และดูแลช่วยเหลือนักเรียนรายบุคคล",
    ("MOE2561-BASIC", "3.4"): "ของครูวัดและประเมินผลด้วยเครื่องมือที่หลากหลายและนำผลไปพัฒนานักเรียน",
    (
        "MOE2561-BASIC",
        "3.5",
    ): "ของครูแลกเปลี่ยนเรียนรู้และให้ข้อมูลย้อนกลับผ่านกระบวนการ PLC อย่างน้อยภาคเรียนละ ๒ ครั้ง",
    ("MOE2561-ECE", "1.1"): "ของเด็กมีน้ำหนักและส่วนสูงตามเกณฑ์ มีสุขนิสัยที่ดี และดูแลความปลอดภัยของตนเองได้",
    ("MOE2561-ECE", "1.2"): "ของเด็กร่าเริงแจ่มใส แสดงออกทางอารมณ์ได้เหมาะสมกับวัย",
    ("MOE2561-ECE", "1.3"): "ของเด็กช่วยเหลือตนเองในกิจวัตรประจำวันและเล่นร่วมกับผู้อื่นได้",
    ("MOE2561-ECE", "1.4"): "ของเด็กสนทนาโต้ตอบ เล่าเรื่อง และตั้งคำถามเพื่อแสวงหาความรู้ได้",
    ("MOE2561-ECE", "2.1"): "ของหน่วยการจัดประสบการณ์ครอบคลุมพัฒนาการทั้ง ๔ ด้าน และสอดคล้องกับบริบทท้องถิ่น",
    ("MOE2561-ECE", "2.2"): "ของห้องเรียนปฐมวัยมีครูประจำชั้นหรือผู้ดูแลเด็กเพียงพอตามเกณฑ์",
    ("MOE2561-ECE", "2.3"): "ของครูปฐมวัยได้รับการพัฒนาด้านการจัดประสบการณ์อย่างน้อยปีละ ๑ ครั้ง",
    ("MOE2561-ECE", "2.4"): "ของห้องเรียนมีมุมประสบการณ์และสื่อที่ปลอดภัยและเพียงพอ",
    ("MOE2561-ECE", "2.5"): "ของครูใช้สื่อเทคโนโลยีที่เหมาะสมกับวัยสนับสนุนการจัดประสบการณ์",
    ("MOE2561-ECE", "2.6"): "ของผู้ปกครองมีส่วนร่วมในการพัฒนาคุณภาพการจัดการศึกษาปฐมวัย",
    ("MOE2561-ECE", "3.1"): "ของแผนการจัดประสบการณ์ส่งเสริมพัฒนาการทุกด้านอย่างสมดุล",
    ("MOE2561-ECE", "3.2"): "ของกิจกรรมเปิดโอกาสให้เด็กได้ลงมือกระทำ เล่น และเรียนรู้อย่างมีความสุข",
    ("MOE2561-ECE", "3.3"): "ของห้องเรียนจัดบรรยากาศเอื้อต่อการเรียนรู้ ใช้สื่อเหมาะสมกับวัย",
    ("MOE2561-ECE", "3.4"): "ของเด็กได้รับการประเมินพัฒนาการตามสภาพจริงและนำผลไปพัฒนาเด็ก",
}


def seed_cluster_supervisors(office, *, stdout):
    supervisor = User.objects.filter(username="supervisor", area_office=office).first()
    assignments = []
    if supervisor is not None:
        assignments.append((supervisor, ["พิบูลมังสาหาร"]))
    for username, full_name, districts in EXTRA_SUPERVISORS:
        first, last = full_name.split(" ", 1)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": User.Role.SUPERVISOR,
                "area_office": office,
                "first_name": first,
                "last_name": last,
                "position": "ศึกษานิเทศก์ชำนาญการ",
            },
        )
        if created:
            user.set_unusable_password()  # a name on the pages, not a login
            user.save(update_fields=["password"])
        assignments.append((user, districts))
    assigned = 0
    for user, districts in assignments:
        for cluster in office.clusters.all():
            in_district = any(cluster.name.startswith(f"กลุ่มเครือข่ายสถานศึกษา{d}") for d in districts)
            if in_district and not cluster.supervisors.filter(pk=user.pk).exists():
                cluster.supervisors.add(user)
                assigned += 1
    stdout.write(f"standards: {assigned} cluster supervisor assignments")


def _target(rng, school, year, item, set_code, previous):
    """A realistic target; a school tends to keep or raise last year's."""
    if previous is not None and rng.random() < 0.7:
        level = min(5, previous.target_level + (1 if rng.random() < 0.08 else 0))
        percent = min(Decimal(95), (previous.target_percent or Decimal(75)) + rng.choice([0, 0, 5]))
    else:
        levels, weights = zip(*LEVEL_WEIGHTS, strict=True)
        level = rng.choices(levels, weights)[0]
        percent = Decimal(rng.choice([70, 75, 80, 80, 85, 85, 90]))
    criterion = CRITERIA.get((set_code, item.code), "ของกลุ่มเป้าหมายผ่านเกณฑ์ที่สถานศึกษากำหนด")
    return SchoolTarget(
        school=school,
        academic_year=year,
        item=item,
        target_level=level,
        target_percent=percent,
        criterion=f"ร้อยละ {percent:.0f} {criterion}",
    )


def seed_targets(office, *, stdout):
    years = {y.year: y for y in AcademicYear.objects.filter(year__in=TARGET_YEARS)}
    if len(years) != len(TARGET_YEARS):
        stdout.write("standards: academic years 2568/2569 missing; targets skipped")
        return
    schools = list(School.objects.filter(area_office=office).order_by("code"))
    first_code = schools[0].code if schools else None
    rng = random.Random(2568)  # noqa: S311 - demo data, not security
    created = 0
    for year_number in TARGET_YEARS:
        year = years[year_number]
        if SchoolTarget.objects.filter(school__area_office=office, academic_year=year).exists():
            continue  # seeded before
        previous_year = {
            (t.school_id, t.item_id): t
            for t in SchoolTarget.objects.filter(
                school__area_office=office, academic_year=year_number - 1
            )
        }
        batch = []
        for school in schools:
            # Deterministic by school, so the share does not drift between runs.
            take = (int(school.code) * 7919) % 100 < SHARE_WITH_TARGETS[year_number] * 100
            if not take and school.code != first_code:
                continue
            for item in Item.objects.applicable_to(school, year_number).filter(
                standard__standard_set__in=StandardSet.objects.filter(school__isnull=True)
            ):
                set_code = item.standard.standard_set.code
                previous = previous_year.get((school.pk, item.pk))
                batch.append(_target(rng, school, year, item, set_code, previous))
        SchoolTarget.objects.bulk_create(batch, batch_size=2000)
        created += len(batch)
    stdout.write(f"standards: {created} school targets for 2568–2569")


def seed(office, *, stdout):
    seed_cluster_supervisors(office, stdout=stdout)
    seed_targets(office, stdout=stdout)
