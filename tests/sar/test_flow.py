"""The whole journey at view level: a school opens, saves, submits; the supervisor returns;
the school resubmits (version 2); the supervisor accepts. Every step's permissions."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sar import services
from sar.models import SAREvent, SelfAssessmentReport
from standards.models import QualityLevel

from .factories import editor_post_data, pdf_bytes

Status = SelfAssessmentReport.Status


@pytest.fixture
def client_for(client):
    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


def sar_urls(report):
    """Every URL that shows or changes ``report`` (what school2 must never reach)."""
    pk = report.pk
    return {
        "get": [
            reverse("sar:detail", args=[pk]),
            reverse("sar:detail", args=[pk]) + "?v=1",
            reverse("sar:edit", args=[pk]),
            reverse("sar:compare", args=[pk]) + "?a=1&b=2",
            reverse("sar:download", args=[pk, 1, "pdf"]),
            reverse("sar:download", args=[pk, 1, "pdf"]) + "?inline=1",
            reverse("sar:download", args=[pk, 2, "pdf"]),
            reverse("sar:download", args=[pk, 1, "docx"]),
        ],
        "post": [
            reverse("sar:edit", args=[pk]),
            reverse("sar:visibility", args=[pk]),
            reverse("sar:accept", args=[pk]),
            reverse("sar:return", args=[pk]),
        ],
    }


def assert_no_access(client, report, *, expected=(403, 404), skip_edit=False):
    urls = sar_urls(report)
    if skip_edit:  # a page no supervisor may use at all answers 403 by role first
        edit = reverse("sar:edit", args=[report.pk])
        urls = {k: [u for u in v if u != edit] for k, v in urls.items()}
        assert client.get(edit).status_code == 403
    for url in urls["get"]:
        response = client.get(url)
        assert response.status_code in expected, url
    for url in urls["post"]:
        response = client.post(url, {"comment": "x", "is_public": "0", "lock_version": 0})
        assert response.status_code in expected, url


def test_end_to_end(
    client_for,
    school,
    academic_year,
    school_staff,
    school_staff2,
    supervisor,
    executive,
    other_supervisor,
    committee_member,
    test_standards,
):
    # The school opens this year's SAR.
    c = client_for(school_staff)
    page = c.get(reverse("sar:my"))
    assert "เริ่มจัดทำ SAR" in page.content.decode()
    response = c.post(reverse("sar:open"))
    report = SelfAssessmentReport.objects.get(school=school, academic_year=academic_year)
    assert response.url == reverse("sar:edit", args=[report.pk])
    editor = c.get(response.url)
    html = editor.content.decode()
    assert editor.status_code == 200
    assert "แนบไฟล์ SAR (PDF) ที่ลงนามแล้ว" in html  # the missing list
    assert "ความต้องการและการช่วยเหลือ" in html

    # Saves a partial draft: nothing typed is lost.
    data = editor_post_data(report, text=False)
    response = c.post(reverse("sar:edit", args=[report.pk]), data)
    assert response.status_code == 302
    report.refresh_from_db()
    version = report.latest_version
    assert version.board_approved_on == datetime.date(2025, 5, 20)
    assert version.help_needs.get().category == "curriculum"

    # Submitting an incomplete SAR saves it and says what is missing.
    data = editor_post_data(report, action="submit", level=QualityLevel.GOOD, text=False)
    response = c.post(reverse("sar:edit", args=[report.pk]), data, follow=True)
    html = response.content.decode()
    assert "ยังส่งรายงานไม่ได้" in html
    assert "ระบุจุดเด่นของมาตรฐานที่ 1" in html
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    assert report.latest_version.item_results.filter(level=QualityLevel.GOOD).exists()

    # Complete with the signed PDF and submit.
    data = editor_post_data(report, action="submit", level=QualityLevel.GOOD)
    data["pdf"] = SimpleUploadedFile("SAR ลงนาม.pdf", pdf_bytes(), content_type="application/pdf")
    response = c.post(reverse("sar:edit", args=[report.pk]), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    v1 = report.latest_version
    assert v1.is_frozen and v1.pdf_original_name == "SAR ลงนาม.pdf"
    # Read-only now: the editor sends the school to the detail page.
    assert c.get(reverse("sar:edit", args=[report.pk])).url == reverse(
        "sar:detail", args=[report.pk]
    )
    # The school cannot review its own SAR.
    assert c.post(reverse("sar:accept", args=[report.pk])).status_code == 403

    # Other users never see it.
    assert_no_access(client_for(school_staff2), report)
    assert_no_access(client_for(other_supervisor), report, expected=(404,), skip_edit=True)
    assert_no_access(client_for(committee_member), report, expected=(403,))
    anon = client_for(None)
    for url in sar_urls(report)["get"]:
        assert anon.get(url).status_code == 302

    # The executive reads but cannot review.
    c = client_for(executive)
    assert c.get(reverse("sar:detail", args=[report.pk])).status_code == 200
    for name in ("sar:accept", "sar:return"):
        assert c.post(reverse(name, args=[report.pk]), {"comment": "x"}).status_code == 403

    # The supervisor finds it in the queue and returns it; a comment is required.
    c = client_for(supervisor)
    queue = c.get(reverse("sar:review_queue")).content.decode()
    assert school.name in queue
    detail = c.get(reverse("sar:detail", args=[report.pk])).content.decode()
    assert 'id="review"' in detail and "?inline=1" in detail
    response = c.post(reverse("sar:return", args=[report.pk]), {"comment": "   "})
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    c.post(reverse("sar:return", args=[report.pk]), {"comment": "โปรดปรับระดับมาตรฐานที่ 1"})
    report.refresh_from_db()
    assert report.status == Status.RETURNED

    # The school sees the comment and resubmits: version 2.
    c = client_for(school_staff)
    assert "โปรดปรับระดับมาตรฐานที่ 1" in c.get(reverse("sar:my")).content.decode()
    editor = c.get(reverse("sar:edit", args=[report.pk])).content.decode()
    assert "โปรดปรับระดับมาตรฐานที่ 1" in editor
    data = editor_post_data(report, action="submit", level=QualityLevel.VERY_GOOD)
    response = c.post(reverse("sar:edit", args=[report.pk]), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert [v.number for v in report.versions.all()] == [1, 2]
    v2 = report.latest_version
    assert v2.is_frozen and v2.pdf.name == v1.pdf.name
    v1.refresh_from_db()
    assert set(v1.standard_results.values_list("level", flat=True)) == {QualityLevel.GOOD}

    # school2 still cannot reach it, including version 2's files.
    assert_no_access(client_for(school_staff2), report)

    # The supervisor compares and accepts.
    c = client_for(supervisor)
    compare = c.get(reverse("sar:compare", args=[report.pk])).content.decode()
    assert "สูงขึ้น" in compare
    response = c.post(reverse("sar:accept", args=[report.pk]), {"comment": ""})
    assert response.url == reverse("sar:review_queue")
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED
    history = c.get(reverse("sar:detail", args=[report.pk])).content.decode()
    for label in ("เริ่มจัดทำ", "ส่งรายงาน", "ส่งกลับให้แก้ไข", "รับรายงาน", "โปรดปรับระดับมาตรฐานที่ 1"):
        assert label in history
    assert (
        list(report.events.values_list("action", flat=True)).count(SAREvent.Action.SUBMITTED) == 2
    )
    # Accepting twice is refused politely.
    c.post(reverse("sar:accept", args=[report.pk]))
    assert report.events.filter(action=SAREvent.Action.ACCEPTED).count() == 1


def test_stale_form_keeps_input_and_warns(client, as_user, sar, school_staff):
    c = as_user(school_staff)
    url = reverse("sar:edit", args=[sar.pk])
    first = editor_post_data(sar, innovations="ฉบับของครูคนแรก")
    second = editor_post_data(sar, innovations="ข้อความของครูคนที่สอง")
    assert c.post(url, first).status_code == 302
    response = c.post(url, second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "ข้อมูลที่ท่านกรอกยังอยู่ในหน้านี้" in html
    assert "ข้อความของครูคนที่สอง" in html  # the user's input is still on the page
    sar.refresh_from_db()
    assert sar.latest_version.innovations == "ฉบับของครูคนแรก"
    # The page now carries the current lock: saving again, deliberately, works.
    assert f'value="{sar.lock_version}"' in html
    second["lock_version"] = sar.lock_version
    assert c.post(url, second).status_code == 302
    sar.refresh_from_db()
    assert sar.latest_version.innovations == "ข้อความของครูคนที่สอง"


def test_invalid_fields_keep_everything_typed(as_user, sar, school_staff):
    c = as_user(school_staff)
    data = editor_post_data(sar, innovations="ไม่หาย", board_approved_on="31/02/2568")
    item_key = next(k for k in data if k.endswith("-result_percent"))
    data[item_key] = "150"
    response = c.post(reverse("sar:edit", args=[sar.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "วันที่ไม่ถูกต้อง" in html
    assert "ไม่หาย" in html
    sar.refresh_from_db()
    assert sar.lock_version == 0 and sar.latest_version.innovations == ""


def test_board_date_accepts_be_and_iso_and_shows_be(as_user, sar, school_staff):
    c = as_user(school_staff)
    url = reverse("sar:edit", args=[sar.pk])
    c.post(url, editor_post_data(sar, board_approved_on="16/12/2565"))
    sar.refresh_from_db()
    assert sar.latest_version.board_approved_on == datetime.date(2022, 12, 16)
    html = c.get(url).content.decode()
    assert 'value="16/12/2565"' in html and "16 ธ.ค. 2565" in html
    c.post(url, editor_post_data(sar, board_approved_on="2023-01-05"))
    sar.refresh_from_db()
    assert sar.latest_version.board_approved_on == datetime.date(2023, 1, 5)
    c.post(url, editor_post_data(sar, board_approved_on="๕/๑/๒๕๖๖"))
    sar.refresh_from_db()
    assert sar.latest_version.board_approved_on == datetime.date(2023, 1, 5)


def test_future_board_date_is_refused(as_user, sar, school_staff):
    response = as_user(school_staff).post(
        reverse("sar:edit", args=[sar.pk]), editor_post_data(sar, board_approved_on="01/01/2600")
    )
    assert response.status_code == 400
    assert "ต้องไม่เป็นวันในอนาคต" in response.content.decode()


def test_editor_shows_target_and_met(as_user, sar, school, academic_year, school_staff):
    from standards.models import SchoolTarget

    row = sar.latest_version.item_results.select_related("item").first()
    SchoolTarget.objects.create(
        school=school, academic_year=academic_year, item=row.item, target_level=4, target_percent=80
    )
    row.level, row.result_percent = 3, 90
    row.save()
    html = as_user(school_staff).get(reverse("sar:edit", args=[sar.pk])).content.decode()
    assert "ไม่บรรลุเป้าหมาย" in html and "ดีเลิศ" in html
    row.level = 4
    row.save()
    html = as_user(school_staff).get(reverse("sar:edit", args=[sar.pk])).content.decode()
    assert "บรรลุเป้าหมาย" in html


def test_my_sar_page_roles(client, as_user, supervisor, school_staff, academic_year):
    assert client.get(reverse("sar:my")).status_code == 302
    assert as_user(supervisor).get(reverse("sar:my")).status_code == 403
    html = as_user(school_staff).get(reverse("sar:my")).content.decode()
    assert "ปีการศึกษา 2567" in html


def test_supervisor_cannot_open_or_edit_a_school_sar(as_user, sar, supervisor):
    c = as_user(supervisor)
    assert c.post(reverse("sar:open")).status_code == 403
    assert c.get(reverse("sar:edit", args=[sar.pk])).status_code == 403


def test_visibility_toggle(as_user, sar, school_staff, executive, supervisor):
    url = reverse("sar:visibility", args=[sar.pk])
    assert as_user(executive).post(url, {"is_public": "0"}).status_code == 403
    as_user(school_staff).post(url, {"is_public": "0"})
    sar.refresh_from_db()
    assert not sar.is_public
    as_user(supervisor).post(url, {"is_public": "1"})
    sar.refresh_from_db()
    assert sar.is_public


def test_compare_needs_two_versions_and_unknown_version_is_404(as_user, sar, supervisor):
    c = as_user(supervisor)
    response = c.get(reverse("sar:compare", args=[sar.pk]))
    assert response.url == reverse("sar:detail", args=[sar.pk])
    assert c.get(reverse("sar:detail", args=[sar.pk]) + "?v=9").status_code == 404


def test_heading_items_group_the_rows_without_inputs(as_user, sar, school_staff, supervisor):
    html = as_user(school_staff).get(reverse("sar:edit", args=[sar.pk])).content.decode()
    heading = (
        sar.latest_version.item_results.select_related("item__parent")
        .exclude(item__parent=None)
        .first()
        .item.parent
    )
    assert f"<strong>{heading.code} {heading.title_th}</strong>" in html
    assert f'name="item-{heading.pk}-level"' not in html
    html = as_user(supervisor).get(reverse("sar:detail", args=[sar.pk])).content.decode()
    assert f"<strong>{heading.code}</strong>" in html


def test_review_forms_have_distinct_ids(as_user, sar, supervisor, school_staff):
    """Accept and return both have a comment box; each label must point at its own."""
    from tests.sar.factories import fill_version

    fill_version(sar.latest_version)
    services.sar_submit(report=sar, actor=school_staff)
    page = as_user(supervisor).get(reverse("sar:detail", args=[sar.pk])).content.decode()
    assert page.count('name="comment"') == 2
    assert 'id="id_comment"' not in page
    assert 'id="id_return_comment"' in page and 'for="id_return_comment"' in page
    assert 'id="id_accept_comment"' in page
