"""Benchmarks of the school registry: a national-size import and the list page's queries."""

import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from iqa_district.accounts.models import User
from schools.services import school_import_apply
from tests.factories import AreaOfficeFactory, UserFactory
from tests.schools.factories import school_rows, to_csv

NATIONAL_SCHOOLS = 30_000


def bench_school_import(report):
    """All OBEC schools (~29,500) in one file: check every row, then bulk write."""
    office = AreaOfficeFactory(code="BENCH-IMPORT")
    data = to_csv(school_rows(NATIONAL_SCHOOLS), thai_headers=True)
    started = time.perf_counter()
    check, _record = school_import_apply(office=office, data=data, filename="bench.csv")
    report(f"school_import_{NATIONAL_SCHOOLS}", time.perf_counter() - started, "s")
    assert check.counts["new"] == NATIONAL_SCHOOLS

    started = time.perf_counter()
    school_import_apply(office=office, data=data, filename="bench.csv")
    report(f"school_reimport_unchanged_{NATIONAL_SCHOOLS}", time.perf_counter() - started, "s")

    user = UserFactory(username="bench_import_sup", role=User.Role.SUPERVISOR, area_office=office)
    client = Client(HTTP_HOST="localhost")  # the bench runs with production ALLOWED_HOSTS
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/schools/", {"q": "โรงเรียน"})
    assert response.status_code == 200
    report(f"school_list_queries_{NATIONAL_SCHOOLS}", len(queries), "queries")
    started = time.perf_counter()
    client.get("/schools/", {"q": "โรงเรียน", "page": 3})
    report("school_list_response_time", (time.perf_counter() - started) * 1000, "ms")


BENCHMARKS = [bench_school_import]
