"""A school's whole picture at /schools/<id>/: SARs by year with status and the level per
standard across years, targets met, visits and their committees, self-evaluations,
compliance, open recommendations; who sees it; bounded queries at two history sizes."""

import datetime

import pytest
from django.urls import reverse

from sar.models import SelfAssessmentReport
from sar.school_profile import chart_points
from schools.models import AcademicYear
from tests.factories import AcademicYearFactory
from tests.sar.factories import make_framework, make_sar, make_target
from tests.supervision.factories import SelfEvaluationFactory, VisitFactory, full_committee

pytestmark = pytest.mark.django_db
# Measured: the same count at 2 and at 8 years of history (session, user, school, 5 for
# the SARs, 1 for visits, 1 for self-evaluations, 5 for compliance, the follow-up, then
# 1 for ONESQA, 1 for research and the cluster networks' own, ...).
QUERY_BOUND = 27


def _history(school, years, framework):
    """A SAR per year, level of standard 1 rising from 2, a target per year, a visit per year."""
    for n, year in enumerate(years):
        AcademicYearFactory(year=year)
        make_sar(
            school,
            year,
            standards={framework["B1"]: (min(2 + n, 5), "จุดเด่น", ""), framework["B2"]: (3, "", "")},
            items={framework["1.1.1"]: (70 + n, 3)},
        )
        make_target(school, year, framework["1.1.1"], 3, 71)  # met from the second year on


def _url(school):
    return reverse("schools:detail", args=[school.pk])


def test_supervisor_sees_sars_trend_targets_visits_and_compliance(
    as_user, supervisor, school, academic_year, office
):
    f = make_framework()
    _history(school, [2565, 2566], f)
    make_sar(
        school,
        academic_year.year,
        status=SelfAssessmentReport.Status.SUBMITTED,
        versions=2,
        standards={f["B1"]: (5, "", "")},
        items={f["1.1.1"]: (90, 5)},
    )
    make_target(school, academic_year.year, f["1.1.1"], 4, 80)
    committee = full_committee(office=office, year=academic_year)
    visit = VisitFactory(
        school=school,
        academic_year=academic_year,
        committee=committee,
        date=academic_year.starts_on + datetime.timedelta(days=30),
    )
    SelfEvaluationFactory(
        school=school, academic_year=academic_year, semester=1, notes="ประเมินภายในครั้งที่หนึ่ง"
    )

    response = as_user(supervisor).get(_url(school))

    assert response.status_code == 200
    html = response.content.decode()
    sections = [s.key for s in response.context["sections"]]
    assert sections == [
        "school-sars",
        "school-visits",
        "school-self-evaluations",
        "school-compliance",
    ]
    sar = response.context["sections"][0].context
    assert [r.report.academic_year_id for r in sar["rows"]] == [academic_year.year, 2566, 2565]
    assert [(r.targets_met, r.targets_total) for r in sar["rows"]] == [(1, 1), (1, 1), (0, 1)]
    assert sar["rows"][0].version_count == 2
    trend = next(t for t in sar["trends"] if t.label.endswith("มาตรฐานที่ 1"))
    assert trend.levels == [2, 3, 5]
    assert trend.direction == 1
    picture = html.split('id="school-picture"', 1)[1].split("</main>", 1)[0]
    # The chart is inline SVG: no script, no style attribute (the CSP allows neither).
    assert "<polyline" in picture
    assert "<script" not in picture and "style=" not in picture
    assert reverse("sar:compare", args=[sar["rows"][0].report.pk]) in html
    assert reverse("supervision:visit_detail", args=[visit.pk]) in html
    assert committee.name in html
    assert reverse("supervision:committee_order_pdf", args=[committee.pk]) in html
    assert "ประเมินภายในครั้งที่หนึ่ง" in html
    assert 'id="school-compliance-cycle"' in html
    assert 'href="#school-visits"' in html


def test_chart_points_span_the_box_and_leave_gaps():
    points = chart_points([1, None, 5])
    assert [p[2] for p in points] == [1, 5]
    assert points[0][1] > points[1][1]  # level 5 is drawn higher (smaller y)


def test_school_sees_its_own_picture_without_drafts_of_visits(
    as_user, school_staff, school, academic_year, office
):
    f = make_framework()
    make_sar(school, academic_year.year, standards={f["B1"]: (4, "", "")})
    planned = VisitFactory(school=school, academic_year=academic_year)  # not published
    response = as_user(school_staff).get(_url(school))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("sar:detail", args=[SelfAssessmentReport.objects.get().pk]) in html
    assert reverse("supervision:visit_detail", args=[planned.pk]) not in html
    assert 'id="school-compliance"' in html


def test_school_and_other_office_cannot_see_another_school(
    as_user, school_staff2, other_supervisor, school
):
    assert as_user(school_staff2).get(_url(school)).status_code == 404
    assert as_user(other_supervisor).get(_url(school)).status_code == 404


def test_committee_member_sees_no_sar_or_compliance(as_user, committee_member, school):
    response = as_user(committee_member).get(_url(school))
    assert response.status_code == 200
    keys = [s.key for s in response.context["sections"]]
    assert "school-sars" not in keys and "school-compliance" not in keys


def test_anonymous_goes_to_login(client, school):
    response = client.get(_url(school))
    assert response.status_code == 302


@pytest.mark.parametrize("years", [2, 8])
def test_queries_do_not_grow_with_history(
    as_user, supervisor, school, academic_year, office, django_assert_max_num_queries, years
):
    f = make_framework()
    first = academic_year.year - years
    _history(school, list(range(first, academic_year.year)), f)
    committee = full_committee(office=office, year=academic_year)
    for n in range(years):
        VisitFactory(school=school, academic_year_id=first + n, committee=committee, answers=False)
        SelfEvaluationFactory(school=school, academic_year_id=first + n, semester=1)
    client = as_user(supervisor)
    assert AcademicYear.objects.count() >= years
    with django_assert_max_num_queries(QUERY_BOUND) as captured:
        response = client.get(_url(school))
    assert len(response.context["sections"][0].context["rows"]) == years
    print(f"school picture, {years} years: {len(captured)} queries")
