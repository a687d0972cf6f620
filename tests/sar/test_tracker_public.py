import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sar.models import SARVersion, SelfAssessmentReport
from sar.resources import neutralise
from tests.factories import AcademicYearFactory, ClusterFactory, SchoolFactory

from .factories import fill_version

Status = SelfAssessmentReport.Status


def make_report(school, year, status, *, sent_on=None, is_public=True, pdf=True):
    sent = (
        timezone.make_aware(datetime.datetime.combine(sent_on, datetime.time(10, 0)))
        if sent_on
        else None
    )
    report = SelfAssessmentReport.objects.create(
        school=school,
        academic_year=year,
        status=status,
        first_submitted_at=sent,
        last_submitted_at=sent,
        is_public=is_public,
    )
    version = SARVersion.objects.create(report=report, number=1, submitted_at=sent)
    if pdf:
        fill_version(version)
    return report


@pytest.fixture
def district(office, cluster, academic_year):
    """Six schools in two clusters with every status; the deadline is 31 May 2568."""
    other_cluster = ClusterFactory(area_office=office, name="กลุ่มเครือข่ายสิรินธร")
    deadline = academic_year.sar_deadline
    schools = [
        SchoolFactory(
            area_office=office, cluster=cluster, code=f"10345600{i:02d}", name=f"โรงเรียนบ้านติดตาม{i}"
        )
        for i in range(4)
    ] + [
        SchoolFactory(
            area_office=office,
            cluster=other_cluster,
            code=f"10345601{i:02d}",
            name=f"โรงเรียนบ้านสิรินธร{i}",
        )
        for i in range(2)
    ]
    make_report(schools[0], academic_year, Status.ACCEPTED, sent_on=deadline)
    make_report(
        schools[1], academic_year, Status.SUBMITTED, sent_on=deadline + datetime.timedelta(days=5)
    )
    make_report(
        schools[2], academic_year, Status.RETURNED, sent_on=deadline - datetime.timedelta(days=3)
    )
    make_report(schools[3], academic_year, Status.DRAFT, pdf=False)
    make_report(
        schools[4],
        academic_year,
        Status.ACCEPTED,
        sent_on=deadline - datetime.timedelta(days=1),
        is_public=False,
    )
    # schools[5]: not started
    return schools


def test_tracker_counts_and_late_days(as_user, supervisor, district, django_assert_max_num_queries):
    c = as_user(supervisor)
    with django_assert_max_num_queries(10):
        response = c.get(reverse("sar:tracker"))
    summary = response.context["summary"]["district"]
    assert summary["total"] == 6
    assert summary["sent"] == 4  # accepted x2, submitted, returned
    assert summary["sent_percent"] == pytest.approx(66.7)
    counts = {status: count for _label, count, status in summary["by_status"]}
    assert counts == {
        "not_started": 1,
        "draft": 1,
        "submitted": 1,
        "returned": 1,
        "accepted": 2,
    }
    rows = {r.school.code: r for r in response.context["rows"]}
    assert rows["1034560001"].days_late == 5
    assert rows["1034560000"].days_late == 0
    clusters = {c.name: counts for c, counts in response.context["summary"]["clusters"]}
    assert clusters["กลุ่มเครือข่ายสิรินธร"]["sent_percent"] == 50.0
    html = response.content.decode()
    assert "โรงเรียนบ้านสิรินธร1" in html and "ยังไม่เริ่มจัดทำ" in html


def test_cluster_table_is_fetched_when_opened(as_user, supervisor, executive, district):
    page = as_user(supervisor).get(reverse("sar:tracker")).content.decode()
    # The page carries only the link to the table of every cluster (its size grows
    # with the office); htmx fetches it when the section is opened.
    assert 'id="cluster-summary"' not in page
    url = reverse("sar:tracker_clusters")
    assert f'hx-get="{url}?year=' in page
    fragment = as_user(executive).get(url, HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert 'id="cluster-summary"' in html and "กลุ่มเครือข่ายสิรินธร" in html
    assert "<html" not in html
    whole = as_user(supervisor).get(url).content.decode()  # without JavaScript
    assert "<html" in whole and "กลุ่มเครือข่ายสิรินธร" in whole


def test_tracker_query_count_does_not_grow_with_schools(
    as_user, supervisor, district, office, cluster, django_assert_max_num_queries
):
    for i in range(30):
        SchoolFactory(area_office=office, cluster=cluster, code=f"10345700{i:02d}")
    c = as_user(supervisor)
    with django_assert_max_num_queries(10):
        response = c.get(reverse("sar:tracker"))
    assert response.context["summary"]["district"]["total"] == 36


def test_tracker_filters(as_user, executive, district, cluster):
    c = as_user(executive)
    rows = c.get(reverse("sar:tracker"), {"status": "not_started"}).context["rows"]
    assert [r.school.code for r in rows] == ["1034560101"]
    rows = c.get(reverse("sar:tracker"), {"cluster": cluster.pk}).context["rows"]
    assert len(rows) == 4
    rows = c.get(reverse("sar:tracker"), {"q": "สิรินธร0"}).context["rows"]
    assert [r.school.name for r in rows] == ["โรงเรียนบ้านสิรินธร0"]


def test_tracker_other_year_has_no_reports(as_user, supervisor, district):
    AcademicYearFactory(year=2566)
    response = as_user(supervisor).get(reverse("sar:tracker"), {"year": 2566})
    assert response.context["summary"]["district"]["sent"] == 0
    assert response.context["year"].year == 2566


def test_tracker_roles(client, as_user, school_staff, committee_member, district):
    url = reverse("sar:tracker")
    assert client.get(url).status_code == 302
    assert as_user(school_staff).get(url).status_code == 403
    assert as_user(committee_member).get(url).status_code == 403


def test_tracker_only_shows_own_office(as_user, other_supervisor, district):
    response = as_user(other_supervisor).get(reverse("sar:tracker"))
    assert response.context["summary"]["district"]["total"] == 0


def test_tracker_export_xlsx(as_user, supervisor, district, school):
    school.name = '=HYPERLINK("http://evil")'
    school.save()
    response = as_user(supervisor).get(reverse("sar:tracker_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("http://evil")' in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert "โรงเรียนบ้านติดตาม1" in values
    summary = book.worksheets[1]
    district_line = [c.value for c in summary[2]]
    assert district_line[:3] == ["ทั้งเขตพื้นที่", 7, 4]  # with the `school` fixture


def test_tracker_export_forbidden_for_school(as_user, school_staff):
    assert as_user(school_staff).get(reverse("sar:tracker_export")).status_code == 403


def test_neutralise():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("@cmd") == "'@cmd"
    assert neutralise("โรงเรียน") == "โรงเรียน"
    assert neutralise(5) == 5


def test_review_queue_oldest_first(as_user, supervisor, district, django_assert_max_num_queries):
    extra = SchoolFactory(area_office=district[0].area_office, name="โรงเรียนส่งก่อน")
    make_report(
        extra,
        district[1].sars.get().academic_year,
        Status.SUBMITTED,
        sent_on=datetime.date(2025, 1, 2),
    )
    c = as_user(supervisor)
    with django_assert_max_num_queries(8):
        response = c.get(reverse("sar:review_queue"))
    names = [r.school.name for r in response.context["page"]]
    assert names == ["โรงเรียนส่งก่อน", "โรงเรียนบ้านติดตาม1"]
    response = as_user(supervisor).get(reverse("sar:review_queue"), {"q": "ติดตาม"})
    assert [r.school.name for r in response.context["page"]] == ["โรงเรียนบ้านติดตาม1"]


def test_review_queue_roles(client, as_user, school_staff, executive):
    url = reverse("sar:review_queue")
    assert client.get(url).status_code == 302
    assert as_user(school_staff).get(url).status_code == 403
    assert as_user(executive).get(url).status_code == 200


# -- public disclosure -----------------------------------------------------------------------


def test_public_list_shows_exactly_the_public_sent_sars(
    client, district, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("public:sar_list"))
    assert response.status_code == 200
    listed = {r.school.code for r in response.context["page"]}
    # accepted or submitted, and public: no returned, draft, hidden or not-started SAR
    assert listed == {"1034560000", "1034560001"}
    html = response.content.decode()
    assert "โรงเรียนบ้านติดตาม3" not in html  # draft
    assert "โรงเรียนบ้านสิรินธร0" not in html  # hidden by the school


def test_public_pdf_served_only_for_public_sent_sars(client, district):
    accepted = district[0].sars.get()
    response = client.get(reverse("public:sar_pdf", args=[accepted.pk]))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    for school in (district[2], district[3], district[4]):
        report = school.sars.get()
        assert client.get(reverse("public:sar_pdf", args=[report.pk])).status_code == 404


def test_public_index_links_to_the_list(client):
    html = client.get(reverse("public:index")).content.decode()
    assert reverse("public:sar_list") in html


def test_public_index_links_to_the_synthesis_too(client):
    html = client.get(reverse("public:index")).content.decode()
    assert 'id="public-sar-link"' in html and 'id="public-synthesis-link"' in html


@pytest.mark.parametrize("today_offset", [-30, 30])
def test_counts_in_sql_equal_the_rows(supervisor, district, academic_year, today_offset):
    """The page's summary (counted by the database) says what the rows built in Python say,
    before and after the deadline."""
    from sar.resources import tracker_counts, tracker_rows, tracker_summary
    from schools.models import School

    today = academic_year.sar_deadline + datetime.timedelta(days=today_offset)
    schools = School.objects.visible_to(supervisor).active()
    expected = tracker_summary(tracker_rows(schools, academic_year, user=supervisor, today=today))
    counted = tracker_counts(schools, academic_year, today=today)
    assert counted["district"] == expected["district"]
    assert [(c.name if c else None, n) for c, n in counted["clusters"]] == [
        (c.name if c else None, n) for c, n in expected["clusters"]
    ]


def test_the_page_counts_and_pages_in_the_database(as_user, supervisor, district, office, cluster):
    School = type(district[0])
    School.objects.bulk_create(
        School(area_office=office, cluster=cluster, code=f"20{n:08d}", name=f"โรงเรียนทดสอบ {n}")
        for n in range(60)
    )
    c = as_user(supervisor)
    first = c.get(reverse("sar:tracker"))
    assert first.context["page"].paginator.count == 66
    assert len(first.context["rows"]) == 50
    second = c.get(reverse("sar:tracker"), {"page": 2, "status": "not_started"})
    assert second.context["page"].paginator.count == 61
    assert len(second.context["rows"]) == 11
    assert all(r.status == "not_started" for r in second.context["rows"])
    hidden = c.get(reverse("sar:tracker"), {"status": "hidden"})
    assert [r.school.pk for r in hidden.context["rows"]] == [district[4].pk]
