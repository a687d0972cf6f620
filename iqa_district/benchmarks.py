"""Benchmarks of project-wide code."""

import time

from django.test import Client

from iqa_district.accounts.models import User
from tests.factories import AreaOfficeFactory, UserFactory


def bench_dashboard(report):
    office = AreaOfficeFactory(code="BENCH")
    user = UserFactory(username="bench_sup", role=User.Role.SUPERVISOR, area_office=office)
    client = Client()
    client.force_login(user)
    client.get("/")
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        client.get("/")
    report("dashboard_response_time", (time.perf_counter() - started) / runs * 1000, "ms")


BENCHMARKS = [bench_dashboard]
