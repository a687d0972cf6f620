"""Compliance page with three years of visits (the three-year rule): query count and
response time for 254 and 3,000 schools."""

import time

from django.conf import settings
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from iqa_district.accounts.models import User
from schools.models import AcademicYear, School
from tests.factories import AreaOfficeFactory, UserFactory

from .models import SelfEvaluation, Visit


def _fill_office(office, count, year, template):
    start = School.objects.filter(area_office=office).count()
    schools = School.objects.bulk_create(
        School(
            area_office=office,
            code=f"9{office.pk:03d}{n:06d}",
            name=f"โรงเรียนทดสอบสมรรถนะ {n}",
            offers_primary=True,
        )
        for n in range(start, count)
    )
    # Three years of history for the three-year rule: each earlier year checks a third
    # of the schools, so some were last checked one, two or more years ago.
    for back in (1, 2):
        earlier, _created = AcademicYear.objects.get_or_create(
            year=year.year - back, defaults=AcademicYear.defaults_for(year.year - back)
        )
        Visit.objects.bulk_create(
            Visit(
                school=s,
                academic_year=earlier,
                semester=1,
                kind=Visit.Kind.DISTRICT_VISIT,
                date=earlier.semester1_starts_on,
                template=template,
                status=Visit.Status.PUBLISHED,
            )
            for n, s in enumerate(schools)
            if n % 3 == back
        )
    Visit.objects.bulk_create(
        Visit(
            school=s,
            academic_year=year,
            semester=1,
            kind=Visit.Kind.DISTRICT_VISIT,
            date=year.semester1_starts_on,
            template=template,
            status=Visit.Status.PUBLISHED if n % 2 else Visit.Status.PLANNED,
        )
        for n, s in enumerate(schools)
    )
    SelfEvaluation.objects.bulk_create(
        SelfEvaluation(school=s, academic_year=year, semester=1, date=year.semester1_starts_on)
        for n, s in enumerate(schools)
        if n % 3
    )


def bench_compliance(report):
    # The test client's host name is not an allowed host outside the test runner.
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        _bench_compliance(report)


def _bench_compliance(report):
    from supervision.models import FormTemplate

    year, _ = AcademicYear.objects.get_or_create(
        year=2569, defaults={**AcademicYear.defaults_for(2569), "is_current": True}
    )
    template = FormTemplate.objects.get(code="P2-7.1", version=1)
    office = AreaOfficeFactory(code="BENCH-SUP")
    user = UserFactory(username="bench_sup_comp", role=User.Role.SUPERVISOR, area_office=office)
    client = Client()
    client.force_login(user)
    for count in (254, 3000):
        _fill_office(office, count, year, template)
        response = client.get("/supervision/compliance/", {"year": 2569})
        assert response.status_code == 200, response.status_code
        reset_queries()  # each request resets the log; start the count from zero
        with CaptureQueriesContext(connection) as queries:
            client.get("/supervision/compliance/", {"year": 2569})
        runs = 5
        started = time.perf_counter()
        for _ in range(runs):
            client.get("/supervision/compliance/", {"year": 2569})
        elapsed = (time.perf_counter() - started) / runs * 1000
        report(f"supervision_compliance_queries_{count}_schools", len(queries), "queries")
        report(f"supervision_compliance_time_{count}_schools", elapsed, "ms")
        started = time.perf_counter()
        client.get("/supervision/compliance.xlsx", {"year": 2569})
        report(
            f"supervision_compliance_xlsx_{count}_schools",
            (time.perf_counter() - started) * 1000,
            "ms",
        )


BENCHMARKS = [bench_compliance]
