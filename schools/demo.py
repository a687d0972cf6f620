"""The demo area office: about 250 generated schools in clusters, academic years.

Names are generated from common Isan place-name syllables; no real school or person is
described. Deterministic: the same run gives the same district.
"""

import datetime
import random

from .models import AcademicYear, AreaOffice, Cluster, School

DEMO_OFFICE_CODE = "DEMO-UBN5"
DEMO_SCHOOL_COUNT = 254  # as many as สพป.อุบลราชธานี เขต ๕ reports (seed 003)
CURRENT_YEAR = 2569
DEMO_YEARS = (2567, 2568, 2569)

DISTRICTS = ["พิบูลมังสาหาร", "สิรินธร", "โขงเจียม", "ศรีเมืองใหม่", "ตาลสุม", "โพธิ์ไทร"]
PREFIXES = [
    "หนอง",
    "โนน",
    "ดอน",
    "นา",
    "ห้วย",
    "โคก",
    "ท่า",
    "บุ่ง",
    "กุด",
    "ป่า",
    "วัง",
    "คำ",
    "แก่ง",
    "บก",
    "หัว",
    "ทุ่ง",
    "หาด",
    "ดง",
]
SUFFIXES = [
    "ไผ่",
    "สูง",
    "แดง",
    "ใหญ่",
    "ยาง",
    "คูณ",
    "เรือ",
    "ขาม",
    "บัว",
    "ตาล",
    "แสง",
    "ทอง",
    "เจริญ",
    "สะอาด",
    "กลาง",
    "น้อย",
    "งิ้ว",
    "หว้า",
    "จิก",
    "ม่วง",
    "โพธิ์",
    "ไทร",
    "ขี้เหล็ก",
    "หินลาด",
    "ผักหวาน",
    "ยาว",
    "สำราญ",
    "ศรีสุข",
]
# Thai titles follow the person: นาย for a man, นาง or นางสาว for a woman.
MEN = ["สมชาย", "ประเสริฐ", "สุรชัย", "อำนาจ", "ธวัชชัย", "บุญเลิศ", "วีระพงษ์", "ไพโรจน์"]
WOMEN = ["สมศรี", "วิไลวรรณ", "พรทิพย์", "จันทร์เพ็ญ", "กาญจนา", "นิภาพร", "สุภาวดี", "อรุณี"]
LAST_NAMES = [
    "ศรีสุวรรณ",
    "บุญมา",
    "แก้วกาญจน์",
    "พรหมสุข",
    "ทองดี",
    "สายบุญ",
    "จันทร์หอม",
    "ศรีวงศ์",
    "คำภูแสน",
    "มณีวงศ์",
    "พิมพ์ทอง",
    "ไชยมงคล",
]


def person_name(rng):
    """A made-up Thai name whose title matches it (no นางสาวธวัชชัย)."""
    if rng.random() < 0.5:
        title, first = "นาย", rng.choice(MEN)
    else:
        title, first = rng.choice(["นาง", "นางสาว"]), rng.choice(WOMEN)
    return f"{title}{first} {rng.choice(LAST_NAMES)}"


def seed_academic_years():
    for year in DEMO_YEARS:
        AcademicYear.objects.get_or_create(year=year, defaults=AcademicYear.defaults_for(year))
    if not AcademicYear.objects.filter(is_current=True).exists():
        AcademicYear.objects.filter(year=CURRENT_YEAR).update(is_current=True)


def seed_office():
    """Create (once) the demo office, its clusters and schools; return the office."""
    office, _ = AreaOffice.objects.get_or_create(
        code=DEMO_OFFICE_CODE,
        defaults={
            "name": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุบลราชธานี เขต ๕ (สาธิต)",
            "short_name": "สพป.อุบลราชธานี เขต ๕ (สาธิต)",
            "kind": AreaOffice.Kind.PRIMARY,
            "province": "อุบลราชธานี",
            "address": "ถนนพิบูล-อุบล อำเภอพิบูลมังสาหาร จังหวัดอุบลราชธานี ๓๔๑๑๐",
            "director_name": "นายประเสริฐ ศรีสุวรรณ",
        },
    )
    seed_academic_years()
    if office.schools.exists():
        return office

    rng = random.Random(2567)  # noqa: S311 - demo data, not security
    clusters = []
    for district in DISTRICTS:
        for n in (1, 2):
            cluster, _ = Cluster.objects.get_or_create(
                area_office=office, name=f"กลุ่มเครือข่ายสถานศึกษา{district} {n}"
            )
            clusters.append((district, cluster))

    used = set()
    schools = []
    for i in range(DEMO_SCHOOL_COUNT):
        district, cluster = clusters[i % len(clusters)]
        if i < len(DISTRICTS):
            name = f"โรงเรียนอนุบาล{DISTRICTS[i]}"
            district, cluster = DISTRICTS[i], clusters[i * 2][1]
        else:
            while True:
                village = rng.choice(PREFIXES) + rng.choice(SUFFIXES)
                kind = rng.choices(["บ้าน", "ชุมชน", ""], weights=[85, 10, 5])[0]
                name = f"โรงเรียน{kind}{village}" if kind else f"โรงเรียน{village}วิทยา"
                if name not in used:
                    break
        used.add(name)
        students = int(rng.lognormvariate(4.9, 0.7))
        students = max(18, min(students, 1900))
        basic_upper = rng.random() < 0.25  # opportunity-expansion schools teach ม.ต้น
        schools.append(
            School(
                area_office=office,
                cluster=cluster,
                code=f"1034{550000 + i + 1:06d}",
                obec_code=f"3434{i + 1:04d}",
                name=name,
                subdistrict=rng.choice(PREFIXES) + rng.choice(SUFFIXES),
                district=district,
                province="อุบลราชธานี",
                offers_ece=rng.random() < 0.9,
                offers_primary=True,
                offers_lower_secondary=basic_upper,
                students=students,
                students_as_of=datetime.date(2026, 6, 10),
                director_name=person_name(rng),
                phone=f"045-{rng.randint(200000, 499999)}",
            )
        )
    School.objects.bulk_create(schools)
    return office
