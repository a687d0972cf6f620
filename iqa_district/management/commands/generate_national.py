"""`python manage.py generate_national [--seed 1] [--scale 1.0 | --offices N] [--years 2]`

A national data set for benchmarks and load tests: 245 area offices (183 primary, 62
secondary) and 29,449 schools with size bands as OBEC has them (many small schools),
clusters, targets, one or two years of accepted SARs with Thai narrative text built from
the formulaic sentences real SARs use, help needs and visits. The same seed gives the
same data. The large tables go in with COPY on PostgreSQL (bulk_create elsewhere) and
the tables are ANALYZEd after the load, so the planner does not choose nested loops on
statistics of empty tables.

A composition root: it writes rows of every app, so it lives here beside seed_demo.
"""

import csv
import io
import math
import random
import time
from argparse import ArgumentParser
from collections.abc import Iterable, Iterator, Sequence
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone

from sar.models import HelpNeed, ItemResult, SARVersion, SelfAssessmentReport, StandardResult
from schools.models import AcademicYear, AreaOffice, Cluster, School
from standards.models import Item, SchoolTarget, Standard, StandardSet, TargetLock
from supervision.models import FormTemplate, Visit

OFFICES, SCHOOLS, SECONDARY_OFFICES = 245, 29_449, 62
SECONDARY_SCHOOLS = 2_359
PROVINCES = [
    "อุบลราชธานี", "ศรีสะเกษ", "นครราชสีมา", "ขอนแก่น", "อุดรธานี", "เชียงใหม่", "เชียงราย",
    "นครศรีธรรมราช", "สงขลา", "สุราษฎร์ธานี", "บุรีรัมย์", "สุรินทร์", "ร้อยเอ็ด", "มหาสารคาม",
    "กาฬสินธุ์", "สกลนคร", "นครพนม", "เลย", "หนองคาย", "ชัยภูมิ", "เพชรบูรณ์", "พิษณุโลก",
    "นครสวรรค์", "ลำปาง", "น่าน", "แพร่", "ตาก", "กาญจนบุรี", "ราชบุรี", "ชลบุรี", "ระยอง",
    "จันทบุรี", "ปราจีนบุรี", "สระแก้ว", "ลพบุรี", "สระบุรี", "พระนครศรีอยุธยา", "นครปฐม",
    "สุพรรณบุรี", "ตรัง", "พัทลุง", "ปัตตานี", "ยะลา", "นราธิวาส", "กระบี่", "ชุมพร",
]  # fmt: skip
VILLAGES = [
    "หนองบัว", "โนนสูง", "ดอนแดง", "หัวฝาย", "นาคำ", "โคกกลาง", "ห้วยทราย", "บ่อแก",
    "สระแก้ว", "ท่าช้าง", "หนองแวง", "โพนทอง", "นาเจริญ", "คำใหญ่", "ป่าติ้ว", "ดงมะไฟ",
    "หนองหิน", "โคกสว่าง", "ทุ่งใหญ่", "วังน้ำ", "บุ่งหวาย", "เหล่าเสือโก้ก", "แก่งเกลี้ยง",
]  # fmt: skip
STRENGTHS = [
    "ผู้เรียนมีความสามารถในการอ่าน การเขียน และการสื่อสารเหมาะสมตามระดับชั้น",
    "ผู้เรียนมีสุขภาวะทางร่างกายดี มีน้ำหนักและส่วนสูงตามเกณฑ์",
    "ผู้เรียนมีคุณลักษณะอันพึงประสงค์ มีวินัยและความรับผิดชอบ",
    "ครูจัดการเรียนรู้เชิงรุก (Active Learning) ให้ผู้เรียนได้ลงมือปฏิบัติจริง",
    "ผู้บริหารใช้หลักการมีส่วนร่วม ชุมชนให้การสนับสนุนการจัดการศึกษา",
    "มีระบบประกันคุณภาพภายในที่ชัดเจน ดำเนินการตามวงจรคุณภาพ PDCA อย่างต่อเนื่อง",
    "ครูได้รับการพัฒนาผ่านชุมชนการเรียนรู้ทางวิชาชีพ (PLC)",
    "สภาพแวดล้อมภายในโรงเรียนร่มรื่น ปลอดภัย เอื้อต่อการเรียนรู้",
    "เด็กมีพัฒนาการด้านร่างกาย อารมณ์ จิตใจ สังคม และสติปัญญาสมวัย",
    "โรงเรียนจัดกิจกรรมส่งเสริมคุณธรรมจริยธรรมและค่านิยมที่ดีอย่างสม่ำเสมอ",
]
IMPROVEMENTS = [
    "ควรพัฒนาทักษะการคิดวิเคราะห์และการแก้ปัญหาของผู้เรียน",
    "ควรยกระดับผลสัมฤทธิ์ทางการเรียนวิชาคณิตศาสตร์และวิทยาศาสตร์",
    "ควรส่งเสริมการใช้เทคโนโลยีดิจิทัลในการจัดการเรียนรู้",
    "ควรพัฒนาระบบการวัดและประเมินผลที่หลากหลายตามสภาพจริง",
    "ควรนำผลการประเมินมาปรับปรุงแผนพัฒนาคุณภาพการศึกษาอย่างเป็นระบบ",
    "ผลการทดสอบ O-NET ยังต่ำกว่าค่าเฉลี่ยระดับประเทศ",
    "ควรส่งเสริมทักษะการใช้ภาษาอังกฤษเพื่อการสื่อสาร",
    "ควรเพิ่มการมีส่วนร่วมของผู้ปกครองในการพัฒนาผู้เรียน",
]
HELP = "ต้องการการสนับสนุนสื่อ อุปกรณ์ และงบประมาณเพิ่มเติม เนื่องจากโรงเรียนมีขนาดเล็กและครูไม่ครบชั้น"
BATCH = 20_000


def _now_columns(model: type[models.Model], given: Sequence[str]) -> list[tuple[str, Any]]:
    """The concrete columns ``given`` leaves out, each with what Django would store."""
    now = timezone.now()
    extra = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.attname in given:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value: Any = now
        else:
            value = field.get_db_prep_save(field.get_default(), connection)
        extra.append((str(field.column), value))
    return extra


def insert(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple[Any, ...]]
) -> int:
    """Insert plain tuples: COPY on PostgreSQL, bulk_create in big batches elsewhere.
    No ids come back; use it for the rows nothing else points at."""
    count = 0
    if connection.vendor != "postgresql":
        batch: list[models.Model] = []
        for row in rows:
            batch.append(model(**dict(zip(columns, row, strict=True))))
            if len(batch) >= BATCH:
                count += len(model._default_manager.bulk_create(batch))
                batch = []
        return count + len(model._default_manager.bulk_create(batch))
    extra = _now_columns(model, columns)
    by_attname = {f.attname: f.column for f in model._meta.concrete_fields}
    names = [str(by_attname[c]) for c in columns] + [c for c, _v in extra]
    tail = [v for _c, v in extra]
    sql = (
        f"COPY {model._meta.db_table} ({', '.join(names)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
    )

    def flush(buffer: io.StringIO) -> None:
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(sql, buffer)

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([("\\N" if v is None else v) for v in (*row, *tail)])
        count += 1
        if count % BATCH == 0:
            flush(buffer)
            buffer = io.StringIO()
            writer = csv.writer(buffer)
    flush(buffer)
    return count


def _school_counts(rng: random.Random, offices: int, schools: int) -> list[tuple[str, int]]:
    """(kind, number of schools) per office: a quarter secondary with few schools each."""
    secondary = round(offices * SECONDARY_OFFICES / OFFICES)
    kinds = ["secondary"] * secondary + ["primary"] * (offices - secondary)
    secondary_share = SECONDARY_SCHOOLS / SCHOOLS if secondary else 0
    targets = {"secondary": schools * secondary_share, "primary": schools * (1 - secondary_share)}
    counts: list[tuple[str, int]] = []
    for kind in ("primary", "secondary"):
        n = kinds.count(kind)
        if not n:
            continue
        weights = [rng.uniform(0.6, 1.4) for _ in range(n)]
        total = round(targets[kind])
        share = [max(1, math.floor(total * w / sum(weights))) for w in weights]
        share[0] += total - sum(share)
        counts += [(kind, s) for s in share]
    return counts


def _students(rng: random.Random, kind: str) -> int:
    # OBEC: about half the primary schools have under 120 pupils; secondary are larger.
    median = 110 if kind == "primary" else 650
    return max(8, int(rng.lognormvariate(math.log(median), 0.8)))


class Command(BaseCommand):
    help = "Generate a reproducible national data set (245 offices, 29,449 schools)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--scale", type=float, default=1.0, help="fraction of the nation (0.04: 10 offices)"
        )
        parser.add_argument("--offices", type=int, help="number of offices (overrides --scale)")
        parser.add_argument(
            "--schools", type=int, help="number of schools (default: in proportion)"
        )
        parser.add_argument("--year", type=int, default=2568, help="the latest academic year (BE)")
        parser.add_argument("--years", type=int, choices=(1, 2), default=2)
        parser.add_argument("--prefix", default="N", help="office codes start with this")

    def handle(self, *args: Any, **options: Any) -> None:
        offices = options["offices"] or max(1, round(OFFICES * options["scale"]))
        schools = options["schools"] or max(offices, round(SCHOOLS * offices / OFFICES))
        prefix = options["prefix"]
        if AreaOffice.objects.filter(code__startswith=f"{prefix}-").exists():
            raise CommandError(f"มีข้อมูลรหัสขึ้นต้น {prefix}- อยู่แล้ว ใช้ --prefix อื่น")
        started = time.monotonic()
        counts = generate(
            seed=options["seed"],
            offices=offices,
            schools=schools,
            year=options["year"],
            years=options["years"],
            prefix=prefix,
        )
        for name, n in counts.items():
            self.stdout.write(f"{name}: {n}")
        self.stdout.write(f"generated in {time.monotonic() - started:.1f} s")


def _standard_sets() -> dict[str, tuple[list[Standard], list[Item]]]:
    sets = {}
    for level in ("ece", "basic"):
        standard_set = StandardSet.objects.get(code=f"MOE2561-{level.upper()}")
        sets[level] = (
            list(Standard.objects.filter(standard_set=standard_set)),
            list(Item.objects.filter(standard__standard_set=standard_set, is_assessed=True)),
        )
    return sets


@transaction.atomic
def generate(
    *, seed: int, offices: int, schools: int, year: int, years: int, prefix: str
) -> dict[str, int]:
    rng = random.Random(seed)
    years_made = [year - back for back in range(years)][::-1]
    for y in years_made:
        AcademicYear.objects.get_or_create(year=y, defaults=AcademicYear.defaults_for(y))
    shares = _school_counts(rng, offices, schools)
    office_rows = []
    for index, (kind, _n) in enumerate(shares):
        province = PROVINCES[index % len(PROVINCES)]
        district_no = index // len(PROVINCES) + 1
        short = "สพป." if kind == "primary" else "สพม."
        office_rows.append(
            AreaOffice(
                code=f"{prefix}-{index + 1:03d}",
                name=f"สำนักงานเขตพื้นที่การศึกษา{'ประถม' if kind == 'primary' else 'มัธยม'}ศึกษา"
                f"{province} เขต {district_no}",
                short_name=f"{short}{province} เขต {district_no}",
                kind=kind,
            )
        )
    made_offices = AreaOffice.objects.bulk_create(office_rows)
    clusters: list[Cluster] = []
    school_rows: list[tuple[AreaOffice, Cluster, str, int]] = []
    for office, (kind, n) in zip(made_offices, shares, strict=True):
        own = [
            Cluster(
                area_office=office,
                name=f"กลุ่มเครือข่ายส่งเสริมประสิทธิภาพ{VILLAGES[c % len(VILLAGES)]} {c + 1}",
            )
            for c in range(max(1, n // 12))
        ]
        clusters += own
        for s in range(n):
            school_rows.append((office, own[s % len(own)], kind, len(school_rows)))
    Cluster.objects.bulk_create(clusters, batch_size=BATCH)
    # Ten-digit codes of their own per prefix, numbered through the whole set.
    code_base = 8_000_000_000 + sum(map(ord, prefix)) % 100 * 10_000_000
    made_schools = School.objects.bulk_create(
        (
            School(
                area_office=office,
                cluster=cluster,
                code=str(code_base + n),
                name=f"โรงเรียนบ้าน{VILLAGES[rng.randrange(len(VILLAGES))]} {n + 1}",
                offers_ece=kind == "primary" and rng.random() < 0.75,
                offers_primary=kind == "primary",
                offers_lower_secondary=kind == "secondary" or rng.random() < 0.15,
                offers_upper_secondary=kind == "secondary",
                students=_students(rng, kind),
            )
            for office, cluster, kind, n in school_rows
        ),
        batch_size=BATCH,
    )
    sets = _standard_sets()
    counts = {"offices": len(made_offices), "schools": len(made_schools), "clusters": len(clusters)}
    for y in years_made:
        for name, n in _year(rng, made_schools, sets, y).items():
            counts[f"{name}_{y}"] = n
    tables = [m._meta.db_table for m in (School, SelfAssessmentReport, SARVersion, ItemResult,
                                          StandardResult, SchoolTarget, HelpNeed, Visit)]  # fmt: skip
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ANALYZE {table}")
    return counts


def _year(
    rng: random.Random,
    schools: list[School],
    sets: dict[str, tuple[list[Standard], list[Item]]],
    year: int,
) -> dict[str, int]:
    """One academic year: targets, SARs (nine in ten accepted), results, needs, visits."""
    academic_year = AcademicYear.objects.get(year=year)
    submitted = timezone.now() - timedelta(days=365 * (2568 - year) + 30)
    reports = SelfAssessmentReport.objects.bulk_create(
        (
            SelfAssessmentReport(
                school=school,
                academic_year=academic_year,
                status="accepted" if rng.random() < 0.9 else "submitted",
                first_submitted_at=submitted,
                last_submitted_at=submitted,
            )
            for school in schools
        ),
        batch_size=BATCH,
    )
    versions = SARVersion.objects.bulk_create(
        (SARVersion(report=r, number=1, submitted_at=submitted) for r in reports),
        batch_size=BATCH,
    )
    # Each school has a quality of its own, so its levels and targets agree.
    quality = [rng.gauss(3.6, 0.6) for _ in schools]

    def levels_of(school: School) -> list[str]:
        return (["ece"] if school.offers_ece else []) + ["basic"]

    def level(q: float) -> int:
        return min(5, max(1, round(rng.gauss(q, 0.7))))

    def item_rows() -> Iterator[tuple[Any, ...]]:
        for school, version, q in zip(schools, versions, quality, strict=True):
            for lv in levels_of(school):
                for item in sets[lv][1]:
                    reached = level(q)
                    yield (
                        version.pk,
                        item.pk,
                        min(100, max(0, 20 * reached - rng.randint(0, 15))),
                        reached,
                    )

    def standard_rows() -> Iterator[tuple[Any, ...]]:
        for school, version, q in zip(schools, versions, quality, strict=True):
            for lv in levels_of(school):
                for standard in sets[lv][0]:
                    yield (
                        version.pk,
                        standard.pk,
                        level(q),
                        " ".join(rng.sample(STRENGTHS, 2)),
                        " ".join(rng.sample(IMPROVEMENTS, 2)),
                    )

    def target_rows() -> Iterator[tuple[Any, ...]]:
        for school, q in zip(schools, quality, strict=True):
            for lv in levels_of(school):
                for item in sets[lv][1]:
                    goal = min(5, max(3, round(q + rng.choice([0, 0, 1]))))
                    yield school.pk, academic_year.pk, item.pk, goal, rng.choice([None, 70, 80])

    counts = {
        "item_results": insert(
            ItemResult, ["version_id", "item_id", "result_percent", "level"], item_rows()
        ),
        "standard_results": insert(
            StandardResult,
            ["version_id", "standard_id", "level", "strengths", "improvements"],
            standard_rows(),
        ),
        "targets": insert(
            SchoolTarget,
            ["school_id", "academic_year_id", "item_id", "target_level", "target_percent"],
            target_rows(),
        ),
    }
    categories = [c.value for c in HelpNeed.Category]
    counts["help_needs"] = insert(
        HelpNeed,
        ["version_id", "category", "description"],
        (
            (version.pk, rng.choice(categories), HELP)
            for version in versions
            for _ in range(rng.choice([0, 0, 1, 2]))
        ),
    )
    insert(
        TargetLock,
        ["school_id", "academic_year_id", "locked_at"],
        ((school.pk, academic_year.pk, submitted) for school in schools),
    )
    template = FormTemplate.objects.filter(code="P2-7.1").order_by("-version").first()
    if template is not None:
        start = academic_year.semester1_starts_on
        counts["visits"] = insert(
            Visit,
            ["school_id", "academic_year_id", "semester", "kind", "date", "template_id", "status"],
            (
                (
                    school.pk,
                    academic_year.pk,
                    1,
                    Visit.Kind.DISTRICT_VISIT,
                    start + timedelta(days=rng.randrange(120)),
                    template.pk,
                    Visit.Status.PUBLISHED if rng.random() < 0.7 else Visit.Status.PLANNED,
                )
                for school in schools
                if rng.random() < 0.8
            ),
        )
    counts["sars"] = len(reports)
    return counts
