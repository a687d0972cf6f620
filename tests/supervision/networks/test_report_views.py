"""Form ๓: written by the cluster's supervisor, computed from forms ๑–๒, an official PDF
that passes the project's checks, published on the public pages when chosen."""

import datetime

import pytest
from django.urls import reverse

from sar.models import SARVersion
from supervision.networks import services
from supervision.networks.models import ActivityEvaluation, ClusterReport, SharedPractice
from supervision.networks.pdf import cluster_report_pdf
from tests.pdf.tools import check_official_pdf
from tests.sar.factories import make_sar, make_test_standards

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(cluster, academic_year, activity, participants, cluster_supervisor):
    services.evaluation_save(
        activity=activity,
        scale=ActivityEvaluation.Scale.FIVE,
        ratings={1: 4, 2: 2},
        evaluator_name="นางสาวสมใจ ใจดี",
        signed_on=datetime.date(2024, 6, 21),
        actor=cluster_supervisor,
    )
    return services.report_save(
        cluster=cluster,
        academic_year=academic_year,
        period_start=datetime.date(2024, 5, 16),
        period_end=datetime.date(2025, 3, 31),
        outcomes_teachers="ครูออกแบบการวัดผลตามสภาพจริงได้ 12 คน",
        problems="เวลาไม่ตรงกับตารางสอน",
        next_directions="จัดกิจกรรมช่วงปิดภาคเรียน",
        actor=cluster_supervisor,
    )


def test_the_supervisor_writes_form_3(
    as_user, cluster_supervisor, cluster, academic_year, activity
):
    client = as_user(cluster_supervisor)
    url = reverse("networks:report_edit", args=[cluster.pk]) + f"?year={academic_year.year}"
    body = client.get(url).content.decode()
    assert "16/05/2567" in body or "2024-05-16" in body
    response = client.post(
        url,
        {
            "period_start": "16/05/2567",
            "period_end": "31/03/2568",
            "outcomes_teachers": "ครูวัดผลได้",
            "problems": "เวลาน้อย",
            "next_directions": "ต่อยอด",
        },
    )
    assert response.status_code == 302
    report = ClusterReport.objects.get()
    assert (report.period_start, report.period_end) == (
        datetime.date(2024, 5, 16),
        datetime.date(2025, 3, 31),
    )
    body = client.get(url).content.decode()
    assert "กิจกรรมดำเนินแล้ว 1 จาก 1" in body


def test_form_3_refused_to_others(
    as_user, client, executive, school_staff, other_supervisor, cluster, academic_year, report
):
    url = reverse("networks:report_edit", args=[cluster.pk]) + f"?year={academic_year.year}"
    data = {"period_start": "2024-05-16", "period_end": "2025-03-31"}
    assert client.get(url).status_code == 302
    assert as_user(executive).get(url).status_code == 200
    assert as_user(executive).post(url, data).status_code == 403
    assert as_user(school_staff).get(url).status_code == 403
    assert as_user(other_supervisor).get(url).status_code == 404
    pdf_url = reverse("networks:report_pdf", args=[report.pk])
    assert as_user(other_supervisor).get(pdf_url).status_code == 404
    assert as_user(school_staff).get(pdf_url).status_code == 403
    publish = reverse("networks:report_publish", args=[report.pk])
    assert as_user(executive).post(publish, {"public": "1"}).status_code == 403
    assert as_user(other_supervisor).post(publish, {"public": "1"}).status_code == 404
    report.refresh_from_db()
    assert not report.is_public


def test_form_3_pdf_passes_the_official_checks(report):
    check_official_pdf(
        cluster_report_pdf(report),
        "networks-cluster-report",
        expect_text=[
            "แบบรายงานผลของศึกษานิเทศก์ประจำสหวิทยาเขต",
            "ประชุมเครือข่ายครูแกนนำ",
            "ครูออกแบบการวัดผลตามสภาพจริงได้ ๑๒ คน",
            "เวลาไม่ตรงกับตารางสอน",
            "ร้อยละ ๖๖.๗",
        ],
    )


def test_publishing_puts_form_3_on_the_public_pages(as_user, client, cluster_supervisor, report):
    public_pdf = reverse("public:networks_report_pdf", args=[report.pk])
    assert client.get(public_pdf).status_code == 404
    response = as_user(cluster_supervisor).post(
        reverse("networks:report_publish", args=[report.pk]), {"public": "1"}
    )
    assert response.status_code == 302
    client.logout()
    assert client.get(public_pdf)["Content-Type"] == "application/pdf"
    assert report.cluster.name in client.get(reverse("public:networks_practices")).content.decode()
    as_user(cluster_supervisor).post(
        reverse("networks:report_publish", args=[report.pk]), {"public": "0"}
    )
    client.logout()
    assert client.get(public_pdf).status_code == 404


def test_the_supervisor_downloads_the_pdf(as_user, executive, report):
    response = as_user(executive).get(reverse("networks:report_pdf", args=[report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


# --- shared practices from the SARs ------------------------------------------------------


@pytest.fixture
def innovation(school, academic_year):
    make_test_standards()
    sar = make_sar(school, academic_year.pk)
    version = SARVersion.objects.filter(report=sar).order_by("-number").first()
    version.innovations = 'นวัตกรรม "อ่านคล่อง เขียนคล่อง" ด้วยบัตรคำ'
    version.save()
    return version


def test_innovations_are_listed_and_published(
    as_user, client, supervisor, executive, innovation, academic_year
):
    url = reverse("networks:practice_list") + f"?year={academic_year.year}"
    assert "อ่านคล่อง เขียนคล่อง" in as_user(executive).get(url).content.decode()
    share = reverse("networks:practice_share", args=[innovation.pk])
    assert as_user(executive).post(share, {"public": "1"}).status_code == 403
    as_user(supervisor).post(share, {"public": "1"})
    practice = SharedPractice.objects.get()
    assert practice.is_public and practice.text.startswith("นวัตกรรม")
    client.logout()
    assert "อ่านคล่อง เขียนคล่อง" in client.get(reverse("public:networks_practices")).content.decode()


def test_a_resubmitted_sar_is_listed_once_with_its_latest_innovation(
    as_user, executive, innovation, academic_year
):
    assert innovation.submitted_at is not None
    SARVersion.objects.create(
        report=innovation.report,
        number=innovation.number + 1,
        innovations="นวัตกรรม ห้องเรียนกลับด้าน ฉบับแก้ไข",
        submitted_at=innovation.submitted_at,
    )
    url = reverse("networks:practice_list") + f"?year={academic_year.year}"
    page = as_user(executive).get(url).content.decode()
    assert "ห้องเรียนกลับด้าน ฉบับแก้ไข" in page and "อ่านคล่อง เขียนคล่อง" not in page
    assert page.count(innovation.report.school.name) == 1


def test_practices_refused_to_others(as_user, client, school_staff, other_supervisor, innovation):
    url = reverse("networks:practice_list")
    assert client.get(url).status_code == 302
    assert as_user(school_staff).get(url).status_code == 403
    response = as_user(other_supervisor).get(url + f"?year={innovation.report.academic_year_id}")
    assert "อ่านคล่อง" not in response.content.decode()
    share = reverse("networks:practice_share", args=[innovation.pk])
    assert as_user(other_supervisor).post(share, {"public": "1"}).status_code == 404
    assert not SharedPractice.objects.exists()
