"""The seed's third frequency rule: every school checked by the district committee at least
once in three years; the compliance page shows the last check and flags the schools whose
three years run out this year (issue 13 item 3)."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from schools.models import School
from supervision import compliance
from supervision.models import Visit
from tests.factories import AcademicYearFactory, SchoolFactory
from tests.supervision.factories import VisitFactory

OPEN = datetime.date(2026, 12, 1)  # inside academic year 2569
AFTER = datetime.date(2027, 6, 1)


@pytest.fixture
def years(db):
    return {y: AcademicYearFactory(year=y) for y in (2565, 2566, 2567, 2568, 2569)}


@pytest.mark.parametrize(
    ("last", "today", "state"),
    [
        (2569, OPEN, "met"),
        (2568, OPEN, "met"),
        (2567, OPEN, "runs_out"),  # checked in the first of the three years
        (2566, OPEN, "pending"),  # out of the three years: due now
        (None, OPEN, "pending"),
        (2566, AFTER, "missing"),
        (None, AFTER, "missing"),
    ],
)
def test_cycle_state_at_its_boundaries(years, last, today, state):
    assert compliance.cycle_state(last, years[2569], today) == state


def _checked(school, year, status=Visit.Status.PUBLISHED, kind=Visit.Kind.DISTRICT_VISIT):
    VisitFactory(
        school=school,
        academic_year=year,
        status=status,
        kind=kind,
        date=datetime.date(year.year - 543, 8, 20),
    )


def test_the_page_shows_the_last_check_and_flags_the_schools_due(
    as_user, office, years, supervisor
):
    recent = SchoolFactory(area_office=office, name="โรงเรียนตรวจปีที่แล้ว")
    runs_out = SchoolFactory(area_office=office, name="โรงเรียนครบรอบปีนี้")
    never = SchoolFactory(area_office=office, name="โรงเรียนไม่เคยตรวจ")
    _checked(recent, years[2568])
    _checked(runs_out, years[2567])
    _checked(runs_out, years[2565])
    # Neither a planned visit nor a process-1 supervision counts as the committee's check.
    _checked(never, years[2568], status=Visit.Status.PLANNED)
    _checked(never, years[2569], kind=Visit.Kind.IQA_SUPERVISION)
    rows = {
        r.school.pk: r.cycle
        for r in compliance.compliance_rows(
            School.objects.filter(area_office=office), years[2569], OPEN
        )
    }
    assert (rows[recent.pk].state, rows[recent.pk].last_year) == ("met", 2568)
    assert (rows[runs_out.pk].state, rows[runs_out.pk].last_check) == (
        "runs_out",
        datetime.date(2024, 8, 20),
    )
    assert (rows[never.pk].state, rows[never.pk].last_check) == ("pending", None)

    client = as_user(supervisor)
    url = reverse("supervision:compliance")
    flagged = client.get(url, {"year": 2569, "status": "cycle"}).content.decode()
    assert "โรงเรียนครบรอบปีนี้" in flagged and "โรงเรียนไม่เคยตรวจ" in flagged
    assert "โรงเรียนตรวจปีที่แล้ว" not in flagged
    assert "ครบรอบ 3 ปีในปีนี้" in flagged
    book = load_workbook(
        io.BytesIO(client.get(reverse("supervision:compliance_xlsx"), {"year": 2569}).content)
    )
    header = [c.value for c in book.active[1]]
    assert header[-2:] == ["ตรวจเยี่ยมในรอบ 3 ปี", "ตรวจเยี่ยมครั้งล่าสุด"]


@pytest.mark.parametrize("n", [3, 30])
def test_three_year_history_adds_no_query_per_school(
    as_user, office, years, supervisor, n, django_assert_max_num_queries
):
    for _ in range(n):
        school = SchoolFactory(area_office=office)
        for year in (years[2566], years[2567], years[2568]):
            _checked(school, year)
    client = as_user(supervisor)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("supervision:compliance"), {"year": 2569}).status_code == 200
