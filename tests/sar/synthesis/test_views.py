"""Synthesis pages: who may start, read, download and publish, and what they see."""

import pytest
from django.urls import reverse

from sar.models import SynthesisRun
from sar.synthesis import services
from tests.sar.synthesis.pages import section_urls, whole_report
from tests.sar.synthesis.runs import FAKE_PDF, finished_run


def url(name, *args):
    return reverse(f"sar:{name}", args=args)


# The list and the start form


def test_list_shows_own_office_runs_and_the_start_form_to_quality_managers(
    run, other_run, as_user, supervisor, django_assert_max_num_queries
):
    client = as_user(supervisor)
    with django_assert_max_num_queries(11):
        response = client.get(url("synthesis_list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert f'href="{url("synthesis_detail", run.pk)}"' in body
    assert f'href="{url("synthesis_detail", other_run.pk)}"' not in body
    assert 'id="synthesis-start-form"' in body
    assert "รวม SAR ที่ส่งแล้วแต่ยังไม่ได้รับรายงาน" in body


def test_list_query_count_does_not_grow_with_runs(
    run, office, academic_year, as_user, supervisor, django_assert_max_num_queries
):
    for _ in range(5):
        finished_run(office, academic_year)
    client = as_user(supervisor)
    with django_assert_max_num_queries(11):
        response = client.get(url("synthesis_list"))
    assert response.content.decode().count("synthesis/") >= 6


def test_executive_reads_the_list_without_the_start_form(run, as_user, executive):
    response = as_user(executive).get(url("synthesis_list"))
    assert response.status_code == 200
    assert 'id="synthesis-start-form"' not in response.content.decode()


@pytest.mark.parametrize("persona", ["school_staff", "committee_member"])
def test_school_staff_and_committee_cannot_see_syntheses(run, as_user, persona, request):
    client = as_user(request.getfixturevalue(persona))
    for name, args in [
        ("synthesis_list", ()),
        ("synthesis_detail", (run.pk,)),
        ("synthesis_standard", (run.pk, 1, 1)),
        ("synthesis_schools", (run.pk,)),
        ("synthesis_progress", (run.pk,)),
        ("synthesis_pdf", (run.pk,)),
        ("synthesis_xlsx", (run.pk,)),
    ]:
        assert client.get(url(name, *args)).status_code == 403, name
    assert client.post(url("synthesis_start"), {"academic_year": 2567}).status_code == 403
    assert client.post(url("synthesis_publish", run.pk)).status_code == 403
    assert client.post(url("synthesis_unpublish", run.pk)).status_code == 403


def test_anonymous_is_sent_to_login_everywhere(run, client):
    for name, args in [
        ("synthesis_list", ()),
        ("synthesis_detail", (run.pk,)),
        ("synthesis_standard", (run.pk, 1, 1)),
        ("synthesis_schools", (run.pk,)),
        ("synthesis_progress", (run.pk,)),
        ("synthesis_pdf", (run.pk,)),
        ("synthesis_xlsx", (run.pk,)),
    ]:
        response = client.get(url(name, *args))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
    for name in ("synthesis_publish", "synthesis_unpublish"):
        response = client.post(url(name, run.pk))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not SynthesisRun.objects.get(pk=run.pk).is_published


def test_supervisor_starts_a_run_and_is_taken_to_its_progress(
    district, academic_year, as_user, supervisor
):
    client = as_user(supervisor)
    response = client.post(
        url("synthesis_start"), {"academic_year": 2567, "include_submitted": "on"}
    )
    run = SynthesisRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("synthesis_detail", run.pk)
    assert run.include_submitted and run.requested_by == supervisor
    assert run.area_office == supervisor.area_office
    page = client.get(response["Location"]).content.decode()
    assert 'id="synthesis-progress"' in page
    assert f'hx-get="{url("synthesis_progress", run.pk)}"' in page
    assert 'hx-trigger="every 1s"' in page
    # A second start while it runs is refused in Thai; the form keeps what was chosen.
    again = client.post(url("synthesis_start"), {"academic_year": 2567, "include_submitted": "on"})
    assert again.status_code == 409
    body = again.content.decode()
    assert "กำลังสังเคราะห์ข้อมูลปีการศึกษา 2567" in body
    assert (
        'name="include_submitted" class="checkboxinput form-check-input" id="id_include_submitted" checked'
        in body
        or ("checked" in body.split('name="include_submitted"')[1][:200])
    )
    assert SynthesisRun.objects.count() == 1


def test_executive_cannot_start_or_publish(run, as_user, executive):
    client = as_user(executive)
    assert client.post(url("synthesis_start"), {"academic_year": 2567}).status_code == 403
    assert client.post(url("synthesis_publish", run.pk)).status_code == 403
    assert client.post(url("synthesis_unpublish", run.pk)).status_code == 403
    assert SynthesisRun.objects.count() == 1


# The report page, progress, downloads


def test_detail_shows_the_report_with_figures_charts_and_narrative(run, as_user, executive):
    client = as_user(executive)
    response = client.get(url("synthesis_detail", run.pk))
    page = response.content.decode()
    assert response.status_code == 200
    # The page itself: the level charts; each standard's chart comes with its section.
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="synthesis-chart"') == 2
    assert len(section_urls(page)) == 3 + 1  # three standards and the appendix
    body = whole_report(client, url("synthesis_detail", run.pk))
    assert "สถานศึกษาร้อยละ 66.67 มีผลการประเมินมาตรฐานที่ 1 อยู่ในระดับดีเลิศขึ้นไป" in body
    assert body.count('<svg xmlns="http://www.w3.org/2000/svg" class="synthesis-chart"') == 2 + 3
    assert "ความสามารถในการอ่าน" in body and "ทักษะการคิดวิเคราะห์" in body
    assert "โรงเรียนบ้านกอก" in body and "โรงเรียนต่างเขต" not in body
    assert "งบประมาณและทรัพยากร" in body
    assert 'id="download-pdf"' in body and 'id="download-xlsx"' in body
    assert 'id="publish-form"' not in body  # executives read only
    assert "cdn" not in body.lower()


def test_other_offices_run_is_not_found(run, other_run, as_user, supervisor, other_supervisor):
    client = as_user(supervisor)
    for name in ("synthesis_detail", "synthesis_progress", "synthesis_pdf", "synthesis_xlsx"):
        assert client.get(url(name, other_run.pk)).status_code == 404, name
    assert client.get(url("synthesis_standard", other_run.pk, 1, 1)).status_code == 404
    assert client.get(url("synthesis_schools", other_run.pk)).status_code == 404
    assert client.post(url("synthesis_publish", other_run.pk)).status_code == 404
    assert client.post(url("synthesis_unpublish", other_run.pk)).status_code == 404
    assert as_user(other_supervisor).get(url("synthesis_detail", run.pk)).status_code == 404


def test_progress_fragment_polls_until_done_then_reloads(
    district, office, academic_year, as_user, supervisor
):
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    services.synthesis_claim(run_id=run.pk)
    services.synthesis_progress(run_id=run.pk, attempt=1, percent=42, message="มาตรฐานที่ 2")
    client = as_user(supervisor)
    response = client.get(url("synthesis_progress", run.pk), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'aria-valuenow="42"' in body and "มาตรฐานที่ 2" in body
    assert 'hx-trigger="every 1s"' in body and "HX-Refresh" not in response
    services.synthesis_fail(run_id=run.pk, attempt=1, reason="ValueError: ข้อมูลไม่ครบ")
    response = client.get(url("synthesis_progress", run.pk), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    assert "hx-trigger" not in response.content.decode()
    assert "ValueError: ข้อมูลไม่ครบ" in client.get(url("synthesis_detail", run.pk)).content.decode()


def test_downloads_for_district_staff(run, as_user, executive):
    client = as_user(executive)
    pdf = client.get(url("synthesis_pdf", run.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == FAKE_PDF
    xlsx = client.get(url("synthesis_xlsx", run.pk))
    assert xlsx.status_code == 200
    assert "attachment" in xlsx["Content-Disposition"]
    assert b"".join(xlsx.streaming_content)[:2] == b"PK"


def test_download_of_an_unfinished_run_is_not_found(
    district, office, academic_year, as_user, supervisor
):
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    assert as_user(supervisor).get(url("synthesis_pdf", run.pk)).status_code == 404


# Publishing and the public pages


def test_publish_then_republish_another_run_of_the_same_year(
    run, office, academic_year, as_user, supervisor
):
    client = as_user(supervisor)
    page = client.get(url("synthesis_detail", run.pk)).content.decode()
    assert 'id="publish-form"' in page and "data-confirm=" in page
    response = client.post(url("synthesis_publish", run.pk))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.is_published and run.published_by == supervisor
    newer = finished_run(office, academic_year)
    client.post(url("synthesis_publish", newer.pk))
    assert list(SynthesisRun.objects.published().values_list("pk", flat=True)) == [newer.pk]
    client.post(url("synthesis_unpublish", newer.pk))
    assert not SynthesisRun.objects.published().exists()


def test_publishing_an_unfinished_run_is_refused_in_thai(
    district, office, academic_year, as_user, supervisor
):
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    response = as_user(supervisor).post(url("synthesis_publish", run.pk), follow=True)
    assert "เผยแพร่ได้เฉพาะการสังเคราะห์ที่เสร็จสิ้นแล้ว" in response.content.decode()
    assert not SynthesisRun.objects.get(pk=run.pk).is_published


def test_public_pages_show_only_published_runs_without_login(
    run, other_run, supervisor, client, django_assert_max_num_queries
):
    services.synthesis_publish(run=run, actor=supervisor)
    with django_assert_max_num_queries(4):
        listing = client.get(reverse("public:synthesis_list"))
    body = listing.content.decode()
    assert listing.status_code == 200
    assert reverse("public:synthesis_detail", args=[run.pk]) in body
    assert reverse("public:synthesis_detail", args=[other_run.pk]) not in body
    detail = whole_report(client, reverse("public:synthesis_detail", args=[run.pk]))
    assert "สถานศึกษาร้อยละ 66.67 มีผลการประเมินมาตรฐานที่ 1" in detail
    assert reverse("public:synthesis_standard", args=[run.pk, 2, 1]) in detail
    assert "/sar/synthesis/" not in detail  # the public page links only public sections
    pdf = client.get(reverse("public:synthesis_pdf", args=[run.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content) == FAKE_PDF
    assert client.get(reverse("public:synthesis_detail", args=[other_run.pk])).status_code == 404
    assert client.get(reverse("public:synthesis_pdf", args=[other_run.pk])).status_code == 404
    index = client.get(reverse("public:index")).content.decode()
    assert index.count(f'href="{reverse("public:synthesis_list")}"') == 1


def test_nav_link_for_district_staff_only(run, as_user, supervisor, school_staff):
    assert 'id="nav-synthesis"' in as_user(supervisor).get(reverse("dashboard")).content.decode()
    assert (
        'id="nav-synthesis"' not in as_user(school_staff).get(reverse("dashboard")).content.decode()
    )


def test_dashboard_card_shows_the_latest_run_to_district_staff(
    run, as_user, executive, school_staff, django_assert_max_num_queries
):
    from iqa_district import dashboard
    from iqa_district.dashboard import cards_for
    from sar.synthesis.dashboard import synthesis_cards

    assert synthesis_cards in dashboard._providers  # registered by SarConfig.ready
    with django_assert_max_num_queries(1):
        [card] = synthesis_cards(executive)
    assert card.value == "ปีการศึกษา 2567"
    assert card.url == url("synthesis_detail", run.pk)
    assert ("สถานศึกษาที่สังเคราะห์", "3") in card.details
    assert ("เผยแพร่", "ยังไม่เผยแพร่") in card.details
    page = as_user(executive).get(reverse("dashboard")).content.decode()
    assert "การสังเคราะห์ SAR ล่าสุด" in page
    assert not [c for c in cards_for(school_staff) if "สังเคราะห์" in c.title]
