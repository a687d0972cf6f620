"""The statistics of one instrument with 10,000 responses (ten Likert items, an open
question a tenth answer): query count and time of the figures, the page and the XLSX."""

import time
from typing import Any, cast

from django.conf import settings
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from iqa_district.accounts.models import User
from schools.models import AcademicYear
from supervision.models import FormItem, FormSection, FormTemplate
from tests.factories import AreaOfficeFactory, UserFactory

from . import analysis
from .models import Answer, Instrument, ResearchProject, Response

RESPONSES = 10_000
PHRASES = ["ควรลดภาระงานเอกสาร", "การประชุม PLC ช่วยวางแผนร่วมกัน", "ควรมีคู่มือที่ชัดเจน"]


def _instrument(office: Any, year: AcademicYear) -> Instrument:
    template = FormTemplate.objects.create(
        area_office=office,
        code="R-BENCH",
        title="แบบสอบถามทดสอบสมรรถนะ",
        process=FormTemplate.Process.RESEARCH,
        form_no=FormTemplate.FormNo.F72,
    )
    for order in (1, 2):
        section = FormSection.objects.create(template=template, order=order, title=f"ตอน {order}")
        for n in range(5):
            FormItem.objects.create(
                section=section,
                order=n,
                code=f"{order}.{n}",
                text=f"ข้อ {order}.{n}",
                answer_type=FormItem.AnswerType.LIKERT,
            )
    FormItem.objects.create(
        section=section, order=9, code="o", text="ข้อเสนอแนะ", answer_type=FormItem.AnswerType.TEXT
    )
    project = ResearchProject.objects.create(
        area_office=office,
        title="งานวิจัยทดสอบสมรรถนะ",
        researchers="ผู้วิจัย",
        kind=ResearchProject.Kind.DISTRICT,
        academic_year=year,
        objectives="ทดสอบ",
    )
    return Instrument.objects.create(
        project=project, template=template, title="แบบสอบถามครู", respondent_type="teacher"
    )


def bench_statistics(report: Any) -> None:
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        _bench(report)


def _bench(report: Any) -> None:
    year, _created = AcademicYear.objects.get_or_create(
        year=2569, defaults=AcademicYear.defaults_for(2569)
    )
    office = AreaOfficeFactory(code="BENCH-RES")
    user = cast(
        User, UserFactory(username="bench_research", role=User.Role.SUPERVISOR, area_office=office)
    )
    instrument = _instrument(office, year)
    items = list(FormItem.objects.filter(section__template=instrument.template).order_by("pk"))
    started = time.perf_counter()
    responses = Response.objects.bulk_create(
        Response(instrument=instrument, respondent_key=f"r{n}") for n in range(RESPONSES)
    )
    answers = []
    for r in responses:
        for i, item in enumerate(items):
            if item.answer_type == FormItem.AnswerType.TEXT:
                if r.pk % 10 == 0:
                    answers.append(Answer(response=r, item=item, text=PHRASES[r.pk % 3]))
            else:
                answers.append(Answer(response=r, item=item, value=1 + (r.pk * 7 + i) % 5))
    Answer.objects.bulk_create(answers, batch_size=5000)
    report("research_fill_10000_responses", time.perf_counter() - started, "s")
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load: the planner's row counts are current.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE research_response, research_answer")

    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        analysis.figures(instrument)
        elapsed = (time.perf_counter() - started) * 1000
    report("research_statistics_queries_10000_responses", len(queries), "queries")
    report("research_statistics_time_10000_responses", elapsed, "ms")

    client = Client()
    client.force_login(user)
    for name, url in (
        ("page", f"/research/instruments/{instrument.pk}/statistics/"),
        ("xlsx", f"/research/instruments/{instrument.pk}/statistics.xlsx"),
    ):
        started = time.perf_counter()
        status = client.get(url).status_code
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
        report(
            f"research_statistics_{name}_10000_responses",
            (time.perf_counter() - started) * 1000,
            "ms",
        )


BENCHMARKS = [bench_statistics]
