"""Form ๗.๓ for 254 and 3,000 schools: each school evaluated by ONESQA on three standards,
with its SAR levels; the computation's queries and time, and the XLSX."""

import time

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from sar.models import SARVersion, SelfAssessmentReport, StandardResult
from schools.models import AcademicYear, School
from standards.models import Standard, StandardSet
from tests.factories import AreaOfficeFactory

from .models import ExternalEvaluation, OnesqaRound, OnesqaStandardResult, RatingLevel, RatingScale
from .synthesis.data import district_figures
from .synthesis.xlsx import synthesis_xlsx


def _round() -> tuple[OnesqaRound, list[Standard]]:
    scale, _created = RatingScale.objects.get_or_create(
        code="BENCH-5L", defaults={"name": "ห้าระดับ"}
    )
    for value, label in ((5, "ยอดเยี่ยม"), (4, "ดีเลิศ"), (3, "ดี"), (2, "ปานกลาง"), (1, "กำลังพัฒนา")):
        RatingLevel.objects.get_or_create(scale=scale, value=value, defaults={"label": label})
    standard_set = StandardSet.objects.create(
        code="BENCH-ONESQA-BASIC",
        name_th="มาตรฐานทดสอบสมรรถนะ",
        level="basic",
        valid_from_year=2561,
    )
    standards = [
        Standard.objects.create(standard_set=standard_set, number=n, title_th=f"มาตรฐานที่ {n}")
        for n in (1, 2, 3)
    ]
    onesqa_round = OnesqaRound.objects.create(
        number=90, name="รอบทดสอบสมรรถนะ", year_from=2564, year_to=2568, scale=scale
    )
    onesqa_round.frameworks.set([standard_set])
    return onesqa_round, standards


def _fill(office, count, year, onesqa_round, standards) -> None:
    start = School.objects.filter(area_office=office).count()
    schools = School.objects.bulk_create(
        School(
            area_office=office,
            code=f"8{office.pk:03d}{n:06d}",
            name=f"โรงเรียนทดสอบ {n}",
            offers_primary=True,
        )
        for n in range(start, count)
    )
    evaluations = ExternalEvaluation.objects.bulk_create(
        ExternalEvaluation(
            school=s,
            round=onesqa_round,
            academic_year=year,
            kind="regular",
            mode="on_site",
            scheduled_from=year.semester2_starts_on,
            scheduled_to=year.semester2_starts_on,
            status="final",
        )
        for s in schools
    )
    levels = {lv.value: lv for lv in RatingLevel.objects.filter(scale=onesqa_round.scale_id)}
    OnesqaStandardResult.objects.bulk_create(
        OnesqaStandardResult(
            evaluation=e, standard=st, level=levels[1 + (n + i) % 5], source="final"
        )
        for n, e in enumerate(evaluations)
        for i, st in enumerate(standards)
    )
    reports = SelfAssessmentReport.objects.bulk_create(
        SelfAssessmentReport(school=s, academic_year=year, status="accepted") for s in schools
    )
    versions = SARVersion.objects.bulk_create(SARVersion(report=r, number=1) for r in reports)
    StandardResult.objects.bulk_create(
        StandardResult(version=v, standard=st, level=1 + (n + 2 * i) % 5)
        for n, v in enumerate(versions)
        for i, st in enumerate(standards)
    )


def bench_onesqa_synthesis(report, counts=(254, 3000)):
    year, _created = AcademicYear.objects.get_or_create(
        year=2568, defaults=AcademicYear.defaults_for(2568)
    )
    onesqa_round, standards = _round()
    office = AreaOfficeFactory(code="BENCH-ONESQA")
    for count in counts:
        _fill(office, count, year, onesqa_round, standards)
        if connection.vendor == "postgresql":
            # Rows bulk-inserted a moment ago have no statistics yet (autovacuum analyses a
            # live database's tables): without them the planner expects one school and one
            # evaluation and nests loops over 3,000 × 3,000 rows (3.3 of the 4.5 s measured
            # before, and most of the 25 s before the EXISTS rewrite).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            data, rows = district_figures(office, onesqa_round)
            elapsed = (time.perf_counter() - started) * 1000
            cpu_ms = (time.process_time() - cpu) * 1000
        assert data["schools"] == count, data["schools"]
        report(f"onesqa_synthesis_queries_{count}_schools", len(queries), "queries")
        report(f"onesqa_synthesis_time_{count}_schools", elapsed, "ms")
        # This process's CPU (the Python side), steadier than wall time on a loaded machine.
        report(f"onesqa_synthesis_cpu_{count}_schools", cpu_ms, "ms")
        database_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        report(f"onesqa_synthesis_db_{count}_schools", database_ms, "ms")
        started = time.perf_counter()
        synthesis_xlsx(data, rows)
        report(
            f"onesqa_synthesis_xlsx_{count}_schools", (time.perf_counter() - started) * 1000, "ms"
        )


BENCHMARKS = [bench_onesqa_synthesis]
