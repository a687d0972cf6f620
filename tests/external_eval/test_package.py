"""What the district sends ONESQA per round (issue 14 item 9): the published SAR synthesis,
each school's issues and its latest SAR, as one official PDF and an XLSX, and the date it
was sent (service, audit, roles)."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from external_eval import services
from external_eval.models import OnesqaPackage
from external_eval.package.data import package_contents
from external_eval.package.documents import package_pdf, package_xlsx
from iqa_district.audit.models import AuditEntry
from sar.models import SelfAssessmentReport, SynthesisRun
from sar.synthesis.models import EvaluationIssue
from standards.models import Standard
from tests.factories import AcademicYearFactory, SchoolFactory
from tests.sar.factories import make_sar, make_test_standards

from .factories import make_evaluation, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def onesqa_round(db):
    return make_round(*make_test_standards().values())


@pytest.fixture
def district(office, school, school2, other_office_school, onesqa_round, academic_year):
    """``school`` is evaluated in the round with two issues and two SARs (the later one
    counts); ``school2`` has an issue only; another office's school has both."""
    make_evaluation(school, onesqa_round, academic_year)
    make_evaluation(other_office_school, onesqa_round, academic_year)
    SynthesisRun.objects.create(
        area_office=office,
        academic_year=academic_year,
        status=SynthesisRun.Status.DONE,
        is_published=True,
        published_at=timezone.now(),
        school_count=2,
    )
    for target, text, order in (
        (school, '=HYPERLINK("http://x")การอ่านออกเขียนได้', 1),
        (school, "ความปลอดภัยของอาคารเรียน", 2),
        (school2, "ทักษะดิจิทัลของผู้เรียน", 1),
        (other_office_school, "ประเด็นของเขตอื่น", 1),
    ):
        EvaluationIssue.objects.create(
            school=target,
            academic_year=academic_year,
            source=EvaluationIssue.Source.STAKEHOLDER,
            source_name="เครือข่ายผู้ปกครอง",
            text=text,
            order=order,
        )
    standard = Standard.objects.filter(standard_set__level="basic").order_by("number").first()
    AcademicYearFactory(year=2566)
    make_sar(school, 2566, standards={standard: (2, "", "")})
    make_sar(school, 2567, standards={standard: (4, "", "")})
    make_sar(school2, 2567, status=SelfAssessmentReport.Status.DRAFT)
    return office


def test_the_contents_are_the_offices_schools_issues_and_latest_sars(
    district, onesqa_round, school, school2
):
    contents = package_contents(district, onesqa_round)
    assert contents["run"] is not None and contents["year"] == 2567
    entries = {e.school: e for e in contents["schools"]}
    assert set(entries) == {school, school2}
    first = entries[school]
    assert first.evaluation is not None
    assert [i.text for i in first.issues][1] == "ความปลอดภัยของอาคารเรียน"
    assert first.sar.report.academic_year_id == 2567
    assert first.sar.levels == [("ขั้นพื้นฐาน มาตรฐานที่ 1", "ดีเลิศ")]
    # A draft was never sent: no latest SAR.
    assert entries[school2].evaluation is None and entries[school2].sar is None


def test_the_pdf_passes_the_official_checks(district, onesqa_round):
    from tests.pdf.tools import check_official_pdf

    check_official_pdf(
        package_pdf(package_contents(district, onesqa_round)),
        "onesqa-package",
        expect_text=["ประเด็นที่ต้องการให้มีการประเมิน", "ความปลอดภัยของอาคารเรียน", "ดีเลิศ"],
    )


def test_the_xlsx_is_formula_safe(district, onesqa_round):
    book = load_workbook(io.BytesIO(package_xlsx(package_contents(district, onesqa_round))))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][6] == "ประเด็นที่ต้องการให้มีการประเมิน"
    texts = [row[6] for row in rows[1:]]
    assert "ทักษะดิจิทัลของผู้เรียน" in texts
    assert not any(str(t).startswith("=") for t in texts if t)
    assert any(str(t).endswith("การอ่านออกเขียนได้") for t in texts if t)


def test_recording_the_date_sent(
    district, onesqa_round, supervisor, school_staff, other_supervisor
):
    today = timezone.localdate()
    package = services.package_record_sent(
        office=district,
        onesqa_round=onesqa_round,
        sent_on=today,
        reference="ศธ ๐๔๑",
        actor=supervisor,
    )
    assert package.sent_by == supervisor
    again = services.package_record_sent(
        office=district, onesqa_round=onesqa_round, sent_on=today, actor=supervisor
    )
    assert again.pk == package.pk and OnesqaPackage.objects.count() == 1
    entries = AuditEntry.objects.filter(object_id=str(package.pk), area_office=district)
    assert entries.count() == 2
    with pytest.raises(ValidationError):
        services.package_record_sent(
            office=district,
            onesqa_round=onesqa_round,
            sent_on=today + datetime.timedelta(days=1),
            actor=supervisor,
        )
    for actor in (school_staff, other_supervisor):
        with pytest.raises(PermissionDenied):
            services.package_record_sent(
                office=district, onesqa_round=onesqa_round, sent_on=today, actor=actor
            )


def test_the_pages_roles(
    client, as_user, district, onesqa_round, supervisor, executive, school_staff, committee_member
):
    page = reverse("external_eval:package", args=[onesqa_round.pk])
    pdf = reverse("external_eval:package_download", args=[onesqa_round.pk, "pdf"])
    xlsx = reverse("external_eval:package_download", args=[onesqa_round.pk, "xlsx"])
    sent = reverse("external_eval:package_sent", args=[onesqa_round.pk])
    for target in (page, pdf, xlsx):
        assert client.get(target).status_code == 302
    for target in (page, pdf, xlsx):
        assert as_user(school_staff).get(target).status_code == 403
        assert as_user(committee_member).get(target).status_code == 403
    html = as_user(executive).get(page).content.decode()
    assert "ความปลอดภัยของอาคารเรียน" in html and "ประเด็นของเขตอื่น" not in html
    assert "package-sent-form" not in html
    assert as_user(executive).post(sent, {"sent_on": "2024-01-05"}).status_code == 403
    assert as_user(supervisor).get(pdf)["Content-Type"] == "application/pdf"
    assert as_user(supervisor).get(xlsx).status_code == 200
    bad = reverse("external_eval:package_download", args=[onesqa_round.pk, "doc"])
    assert as_user(supervisor).get(bad).status_code == 404
    response = as_user(supervisor).post(sent, {"sent_on": "2024-01-05", "reference": "ศธ ๑"})
    assert response.status_code == 302
    assert OnesqaPackage.objects.get().sent_on == datetime.date(2024, 1, 5)
    assert "ส่งแล้ว" in as_user(supervisor).get(page).content.decode()


def test_the_page_of_an_unknown_round_is_404(as_user, supervisor):
    assert as_user(supervisor).get(reverse("external_eval:package", args=[999])).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_the_page_runs_a_bounded_number_of_queries(
    as_user, office, cluster, onesqa_round, supervisor, size, django_assert_max_num_queries
):
    year = AcademicYearFactory(year=2567, is_current=True)
    standard = Standard.objects.filter(standard_set__level="basic").first()
    for n in range(size):
        school = SchoolFactory(area_office=office, cluster=cluster, code=f"10777{n:05d}")
        make_evaluation(school, onesqa_round, year)
        EvaluationIssue.objects.create(
            school=school, academic_year=year, source="district", text=f"ประเด็น {n}"
        )
        make_sar(school, 2567, standards={standard: (3, "", "")})
    client = as_user(supervisor)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("external_eval:package", args=[onesqa_round.pk]))
    assert len(response.context["schools"]) == size
