"""Synthesis benchmarks: 254 schools (one real district) and 3,000 (a large one).

Each size prints the synthesis time (read + compute, what the page needs), the time of
plain SQL of the same groupings beside it (sar/synthesis/baseline.py; the ratio is our
overhead, the phrase mining included), and the whole job with the PDF
and the XLSX written and stored. Data is generated with bulk_create from a pool of
formulaic SAR sentences, as real SARs are.
"""

import random
import time

from django.db import connection
from django.utils import timezone

from schools.models import AcademicYear, AreaOffice, Cluster, School
from standards.models import Item, SchoolTarget, Standard, StandardSet, TargetLock

from .models import (
    HelpNeed,
    ItemResult,
    SARVersion,
    SelfAssessmentReport,
    StandardResult,
)
from .synthesis import services, synthesize
from .synthesis.baseline import sql_aggregate as sql_baseline

YEAR = 2568
SENTENCES = {
    "strengths": [
        "ผู้เรียนมีความสามารถในการอ่าน การเขียน และการสื่อสารเหมาะสมตามระดับชั้น",
        "ผู้เรียนมีสุขภาวะทางร่างกายดี มีน้ำหนักและส่วนสูงตามเกณฑ์",
        "ผู้เรียนมีคุณลักษณะอันพึงประสงค์ มีวินัยและความรับผิดชอบ",
        "ครูจัดการเรียนรู้เชิงรุก (Active Learning) ให้ผู้เรียนได้ลงมือปฏิบัติจริง",
        "ผู้บริหารใช้หลักการมีส่วนร่วม ชุมชนให้การสนับสนุนการจัดการศึกษา",
        "มีระบบประกันคุณภาพภายในที่ชัดเจน ดำเนินการตามวงจรคุณภาพ PDCA อย่างต่อเนื่อง",
        "ครูได้รับการพัฒนาผ่านชุมชนการเรียนรู้ทางวิชาชีพ (PLC)",
        "สภาพแวดล้อมภายในโรงเรียนร่มรื่น ปลอดภัย เอื้อต่อการเรียนรู้",
    ],
    "improvements": [
        "ควรพัฒนาทักษะการคิดวิเคราะห์และการแก้ปัญหาของผู้เรียน",
        "ควรยกระดับผลสัมฤทธิ์ทางการเรียนวิชาคณิตศาสตร์และวิทยาศาสตร์",
        "ควรส่งเสริมการใช้เทคโนโลยีดิจิทัลในการจัดการเรียนรู้",
        "ควรพัฒนาระบบการวัดและประเมินผลที่หลากหลายตามสภาพจริง",
        "ควรนำผลการประเมินมาปรับปรุงแผนพัฒนาคุณภาพการศึกษาอย่างเป็นระบบ",
        "ผลการทดสอบ O-NET ยังต่ำกว่าค่าเฉลี่ยระดับประเทศ",
    ],
}


def _sets():
    sets = {
        s.level: s for s in StandardSet.objects.filter(code__in=["MOE2561-ECE", "MOE2561-BASIC"])
    }
    for level, numbers in (("ece", 3), ("basic", 3)):
        if level in sets:
            continue
        standard_set = StandardSet.objects.create(
            code=f"SYN-BENCH-{level}", name_th=f"ชุดทดสอบ {level}", level=level, valid_from_year=2561
        )
        for number in range(1, numbers + 1):
            standard = Standard.objects.create(
                standard_set=standard_set, number=number, title_th=f"มาตรฐานที่ {number}"
            )
            for index in range(1, 6):
                Item.objects.create(
                    standard=standard, code=f"{number}.{index}", title_th=f"ประเด็น {index}"
                )
        sets[level] = standard_set
    return sets


def make_district(code, n_schools, *, seed=1):
    """An office of ``n_schools`` schools, each with an accepted SAR for YEAR."""
    rng = random.Random(seed)
    AcademicYear.objects.get_or_create(year=YEAR, defaults=AcademicYear.defaults_for(YEAR))
    office = AreaOffice.objects.create(code=code, name=f"สพป.ทดสอบ {code}", kind="primary")
    clusters = Cluster.objects.bulk_create(
        Cluster(area_office=office, name=f"กลุ่มเครือข่ายทดสอบ {i + 1}")
        for i in range(max(1, n_schools // 20))
    )
    schools = School.objects.bulk_create(
        School(
            area_office=office,
            cluster=clusters[i % len(clusters)],
            code=f"{code[-3:]}{i:07d}"[-10:].rjust(10, "9"),
            name=f"โรงเรียนบ้านทดสอบ {i + 1}",
            offers_ece=rng.random() < 0.7,
            offers_primary=True,
            students=rng.choice([45, 90, 150, 300, 700, 1800]),
        )
        for i in range(n_schools)
    )
    sets = _sets()
    items = {
        level: list(Item.objects.filter(standard__standard_set=s, is_assessed=True))
        for level, s in sets.items()
    }
    standards = {level: list(Standard.objects.filter(standard_set=s)) for level, s in sets.items()}
    now = timezone.now()
    reports = SelfAssessmentReport.objects.bulk_create(
        SelfAssessmentReport(
            school=school,
            academic_year_id=YEAR,
            status="accepted" if rng.random() < 0.9 else "submitted",
            first_submitted_at=now,
            last_submitted_at=now,
        )
        for school in schools
    )
    versions = SARVersion.objects.bulk_create(
        SARVersion(report=report, number=1, submitted_at=now) for report in reports
    )
    item_results, standard_results, targets, needs = [], [], [], []
    categories = [c.value for c in HelpNeed.Category]
    for school, version in zip(schools, versions, strict=True):
        levels = (["ece"] if school.offers_ece else []) + ["basic"]
        for level in levels:
            standard_results.extend(
                StandardResult(
                    version=version,
                    standard=standard,
                    level=rng.choice([2, 3, 3, 4, 4, 4, 5]),
                    strengths=" ".join(rng.sample(SENTENCES["strengths"], 2)),
                    improvements=" ".join(rng.sample(SENTENCES["improvements"], 2)),
                )
                for standard in standards[level]
            )
            for item in items[level]:
                level_reached = rng.choice([2, 3, 3, 4, 4, 5])
                item_results.append(
                    ItemResult(
                        version=version,
                        item=item,
                        result_percent=rng.randint(50, 100),
                        level=level_reached,
                    )
                )
                targets.append(
                    SchoolTarget(
                        school=school,
                        academic_year_id=YEAR,
                        item=item,
                        target_level=rng.choice([3, 4]),
                        target_percent=rng.choice([None, 70, 80]),
                    )
                )
        needs.extend(
            HelpNeed(
                version=version,
                category=rng.choice(categories),
                description="ต้องการการสนับสนุนสื่อและงบประมาณเพิ่มเติม",
            )
            for _ in range(rng.randint(0, 2))
        )
    # Every SAR here is with the district, so sar_submit would have locked its targets.
    locks = [TargetLock(school=school, academic_year_id=YEAR, locked_at=now) for school in schools]
    for model, rows in (
        (ItemResult, item_results),
        (StandardResult, standard_results),
        (SchoolTarget, targets),
        (TargetLock, locks),
        (HelpNeed, needs),
    ):
        model.objects.bulk_create(rows, batch_size=5000)
    # As generate_national does after its load: on the statistics of the empty tables
    # the planner joins the targets to their results in nested loops over every row.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return office


def sql_aggregate(office):
    """The same groupings as plain SQL (sar/synthesis/baseline.py): levels per standard
    overall, by cluster and size band, items with targets met, schools meeting their
    targets, last year's result. It used to group standard levels only, which made the
    synthesis look 2-6x slower against it than it is."""
    return sql_baseline(office, YEAR)


def _bench(report, n_schools):
    from pythainlp.tokenize import word_tokenize

    word_tokenize("อุ่นเครื่อง")  # the dictionary loads once per worker process
    office = make_district(f"BENCH{n_schools}", n_schools)
    name = f"synthesis_{n_schools}_schools"

    started = time.perf_counter()
    results = synthesize(office, YEAR)
    synthesis = time.perf_counter() - started
    assert results["coverage"]["schools"] > 0

    started = time.perf_counter()
    rows = sql_aggregate(office)
    aggregate = time.perf_counter() - started
    assert rows["levels"]

    academic_year = AcademicYear.objects.get(year=YEAR)
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    started = time.perf_counter()
    assert services.synthesis_execute(run_id=run.pk)
    whole = time.perf_counter() - started

    report(name, synthesis, "s")
    report(f"{name}_sql_aggregate", aggregate, "s")
    report(f"{name}_overhead_ratio", synthesis / aggregate, "x")
    # Item 3's goal (issue 19): the figures alone, the mining measured apart, best of
    # three after a warm-up beside the SQL of the same groupings, in the same run.
    from .synthesis.benchmarks import best_of, figures_only

    figures = best_of(lambda: figures_only(office, YEAR))
    aggregate = best_of(lambda: sql_aggregate(office))
    report(f"{name}_figures", figures, "s")
    report(f"{name}_figures_sql_best", aggregate, "s")
    report(f"{name}_figures_ratio", figures / aggregate, "x")
    report(f"{name}_with_pdf", whole, "s")

    # The job's two outputs alone, CPU seconds (less sensitive to a busy machine).
    from .models import SynthesisRun
    from .synthesis import pdf as synthesis_pdf
    from .synthesis.xlsx import render_xlsx

    run = SynthesisRun.objects.get(pk=run.pk)
    started = time.process_time()
    synthesis_pdf.render_pdf_bytes(run, run.results)
    report(f"{name}_pdf_cpu", time.process_time() - started, "s")
    # The per-school appendix, its own document rendered on the first request only.
    started = time.process_time()
    synthesis_pdf.render_appendix_pdf_bytes(run, run.results)
    report(f"{name}_appendix_pdf_cpu", time.process_time() - started, "s")
    started = time.process_time()
    render_xlsx(run, run.results)
    report(f"{name}_xlsx_cpu", time.process_time() - started, "s")
    _bench_report_page(report, name, run)
    _pdf_in_child(report, name, run.pk)


def _bench_report_page(report, name, run):
    """The report page's parts: the first request builds a part (reading the results),
    the next ones read it from the cache; no part may grow with the schools."""
    from .synthesis import report_page
    from .synthesis.presentation import present

    started = time.process_time()
    present(run.results)
    report(f"{name}_present_cpu", time.process_time() - started, "s")
    for label in ("cold", "warm"):
        started = time.process_time()
        contents = report_page.contents_html(run, "staff")
        report(f"{name}_report_page_{label}_cpu", time.process_time() - started, "s")
    report(f"{name}_report_page_size", len(contents.encode()) / 1024, "KiB")
    sections = [
        report_page.standard_html(run, "staff", set_no, std_no, None)
        for set_no, level_set in enumerate(run.results["level_sets"], start=1)
        for std_no in range(1, len(level_set["standards"]) + 1)
    ]
    sections.append(report_page.schools_html(run, "staff", None))
    largest = max(len(html.encode()) for html in sections)
    report(f"{name}_report_largest_section_size", largest / 1024, "KiB")


def _pdf_in_child(report, name, run_pk):
    """The official PDF of the run rendered in a fresh process, as a worker renders it:
    CPU seconds of the rendering, peak RSS of the whole process, pages."""
    from iqa_district.bench_child import render_in_child

    cpu, peak, pages = render_in_child("sar.benchmarks", "child_synthesis_pdf", run_pk)
    report(f"{name}_pdf_child_cpu", cpu, "s")
    report(f"{name}_pdf_peak_rss", peak, "MiB")
    report(f"{name}_pdf_pages", pages, "pages")


def child_synthesis_pdf(pdf_path, run_pk):
    """In the child: render the run's PDF into ``pdf_path`` and print its CPU seconds."""
    from pathlib import Path

    from iqa_district.bench_child import child_report

    from .models import SynthesisRun
    from .synthesis import pdf as synthesis_pdf

    run = SynthesisRun.objects.select_related("area_office").get(pk=run_pk)
    started = time.process_time()
    pdf = synthesis_pdf.render_pdf_bytes(run, run.results)
    cpu = time.process_time() - started
    Path(pdf_path).write_bytes(pdf)
    child_report(cpu)


def bench_synthesis_254(report):
    _bench(report, 254)


def bench_synthesis_3000(report):
    _bench(report, 3000)


BENCHMARKS = [bench_synthesis_254, bench_synthesis_3000]
