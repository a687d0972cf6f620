"""The public page of reported research, the report PDF only where allowed, the dashboard
card and the school page's section."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from research import services
from research.models import ResearchProject
from tests.research.factories import ResearchProjectFactory
from tests.sar.factories import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def disseminated(office, academic_year, supervisor, school):
    project = ResearchProjectFactory(
        area_office=office,
        academic_year=academic_year,
        title="การนิเทศภายในแบบกัลยาณมิตร",
        abstract="บทคัดย่อของงานวิจัย",
        findings="ครูพัฒนาขึ้น",
        status=ResearchProject.Status.DISSEMINATED,
        is_public=True,
        report_is_public=True,
    )
    project.schools.add(school)
    services.file_add(
        project=project,
        kind="report",
        uploaded=SimpleUploadedFile("report.pdf", pdf_bytes(), content_type="application/pdf"),
        actor=supervisor,
    )
    return project


def test_public_list_and_detail_without_login(client, disseminated, office, academic_year):
    hidden = ResearchProjectFactory(
        area_office=office,
        academic_year=academic_year,
        title="งานวิจัยที่ยังไม่เผยแพร่",
        status=ResearchProject.Status.ANALYSING,
        is_public=True,
    )
    page = client.get(reverse("public:research_list"))
    body = page.content.decode()
    assert page.status_code == 200
    assert disseminated.title in body and hidden.title not in body
    assert client.get(reverse("public:research_list"), {"q": "กัลยาณมิตร"}).status_code == 200
    assert (
        hidden.title
        not in client.get(reverse("public:research_list"), {"q": "ยังไม่"}).content.decode()
    )
    detail = client.get(reverse("public:research_detail", args=[disseminated.pk]))
    assert "บทคัดย่อของงานวิจัย" in detail.content.decode()
    assert "public-research-report" in detail.content.decode()
    assert client.get(reverse("public:research_detail", args=[hidden.pk])).status_code == 404
    assert client.post(reverse("public:research_list")).status_code == 405


def test_report_pdf_only_where_the_researcher_allows(client, disseminated):
    url = reverse("public:research_report", args=[disseminated.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Security-Policy"].startswith("sandbox")
    disseminated.report_is_public = False
    disseminated.save()
    assert client.get(url).status_code == 404
    detail = client.get(reverse("public:research_detail", args=[disseminated.pk]))
    assert "public-research-report" not in detail.content.decode()


def test_public_list_bounded_queries(client, office, academic_year, django_assert_max_num_queries):
    for size in (3, 30):
        while ResearchProject.objects.count() < size:
            ResearchProjectFactory(
                area_office=office,
                academic_year=academic_year,
                status="disseminated",
                is_public=True,
            )
        with django_assert_max_num_queries(4):
            assert client.get(reverse("public:research_list")).status_code == 200


def test_dashboard_card(disseminated, supervisor, school_staff2, committee_member, as_user):
    body = as_user(supervisor).get("/").content.decode()
    assert "งานวิจัยและพัฒนาการประกันคุณภาพ" in body
    assert "รายงานผลแล้ว 1" in body
    assert "งานวิจัยและพัฒนาการประกันคุณภาพ" not in as_user(committee_member).get("/").content.decode()


def test_school_page_section(disseminated, school, school_staff, other_supervisor, as_user):
    url = reverse("schools:detail", args=[school.pk])
    body = as_user(school_staff).get(url).content.decode()
    assert 'id="school-research"' in body and disseminated.title in body
