"""Standards browser and yearly targets: content, permissions, locking, the matrix."""

from decimal import Decimal

import pytest
from django.urls import reverse

from sar.models import SelfAssessmentReport
from standards.models import Item, SchoolTarget, StandardSet
from standards.services import targets_lock
from tests.factories import AcademicYearFactory, SchoolFactory
from tests.standards.factories import SchoolTargetFactory, national_item

pytestmark = pytest.mark.django_db


# --- Browser ---------------------------------------------------------------------------


def test_set_list_and_detail_show_the_standards(as_user, school_staff):
    client = as_user(school_staff)
    content = client.get(reverse("standards:set_list")).content.decode()
    assert "มาตรฐานการศึกษา ระดับการศึกษาขั้นพื้นฐาน พ.ศ. ๒๕๖๑" in content
    basic = StandardSet.objects.get(code="MOE2561-BASIC")
    detail = client.get(reverse("standards:set_detail", args=[basic.pk])).content.decode()
    assert "มาตรฐานที่ 3 กระบวนการจัดการเรียนการสอนที่เน้นผู้เรียนเป็นสำคัญ" in detail
    assert "ผลสัมฤทธิ์ทางวิชาการของผู้เรียน" in detail  # heading 1.1
    assert "มีความสามารถในการสร้างนวัตกรรม" in detail  # leaf 1.1.3
    assert "มีการบริหารจัดการชั้นเรียนเชิงบวก" in detail


def test_browser_hides_another_office_copy(as_user, supervisor, other_office):
    from standards.services import standard_set_adopt
    from tests.factories import central_superuser

    copy = standard_set_adopt(
        template=StandardSet.objects.templates().get(),
        office=other_office,
        actor=central_superuser(),
    )
    client = as_user(supervisor)
    assert client.get(reverse("standards:set_detail", args=[copy.pk])).status_code == 404
    assert copy.code not in client.get(reverse("standards:set_list")).content.decode()


def test_browser_needs_login(client):
    response = client.get(reverse("standards:set_list"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


# --- Editing targets -----------------------------------------------------------------


def edit_url(year=2567):
    return reverse("standards:targets_edit", args=[year])


def post_data(forms):
    """Management form + one dict per form (in item order)."""
    data = {
        "form-TOTAL_FORMS": str(len(forms)),
        "form-INITIAL_FORMS": str(len(forms)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, values in enumerate(forms):
        for key, value in values.items():
            data[f"form-{i}-{key}"] = value
    return data


def items_of(school):
    return list(Item.objects.applicable_to(school, 2567))


def test_school_staff_saves_targets_for_all_applicable_items(
    as_user, school_staff, school, academic_year
):
    items = items_of(school)
    assert len(items) == 35  # ECE + primary
    forms = [{"target_level": "", "target_percent": "", "criterion": ""} for _ in items]
    first = next(i for i, item in enumerate(items) if item.code == "1.1.1")
    forms[first] = {"target_level": "4", "target_percent": "80", "criterion": "นักเรียนอ่านออกเขียนได้"}
    client = as_user(school_staff)
    page = client.get(edit_url())
    assert "มีความสามารถในการอ่าน การเขียน การสื่อสาร และการคิดคำนวณ" in page.content.decode()
    response = client.post(edit_url(), post_data(forms))
    assert response.status_code == 302
    target = SchoolTarget.objects.get(school=school, academic_year=academic_year)
    assert target.item.code == "1.1.1"
    assert target.target_level == 4 and target.target_percent == Decimal("80")
    assert target.criterion == "นักเรียนอ่านออกเขียนได้"


def test_invalid_row_keeps_what_the_user_typed(as_user, school_staff, school, academic_year):
    items = items_of(school)
    forms = [{"target_level": "", "target_percent": "", "criterion": ""} for _ in items]
    forms[0] = {"target_level": "", "target_percent": "150", "criterion": "เกณฑ์ที่พิมพ์ไว้"}
    response = as_user(school_staff).post(edit_url(), post_data(forms))
    assert response.status_code == 200
    content = response.content.decode()
    assert "เกณฑ์ที่พิมพ์ไว้" in content
    assert "ระบุระดับคุณภาพเป้าหมายด้วย" in content
    assert not SchoolTarget.objects.exists()


def test_clearing_the_level_removes_the_target(as_user, school_staff, school, academic_year):
    items = items_of(school)
    SchoolTargetFactory(school=school, academic_year=academic_year, item=items[0])
    forms = [{"target_level": "", "target_percent": "", "criterion": ""} for _ in items]
    as_user(school_staff).post(edit_url(), post_data(forms))
    assert not SchoolTarget.objects.exists()


def test_copy_from_last_year_fills_the_form_without_saving(
    as_user, school_staff, school, academic_year
):
    last = AcademicYearFactory(year=2566)
    item = national_item("MOE2561-BASIC", "2.4")
    SchoolTargetFactory(
        school=school,
        academic_year=last,
        item=item,
        target_level=5,
        criterion="ครูทุกคนได้รับการพัฒนา ๒๐ ชั่วโมง",
    )
    response = as_user(school_staff).get(edit_url(), {"copy": "1"})
    content = response.content.decode()
    assert "ครูทุกคนได้รับการพัฒนา ๒๐ ชั่วโมง" in content
    assert "คัดลอกค่าเป้าหมายจากปีการศึกษา 2566" in content
    assert not SchoolTarget.objects.filter(academic_year=academic_year).exists()


@pytest.mark.parametrize("status", ["submitted", "accepted"])
def test_targets_lock_once_the_sar_is_submitted(
    as_user, school_staff, school, academic_year, status
):
    SelfAssessmentReport.objects.create(school=school, academic_year=academic_year, status=status)
    targets_lock(school=school, academic_year=academic_year)  # what sar_submit does
    items = items_of(school)
    forms = [{"target_level": "3", "target_percent": "", "criterion": ""} for _ in items]
    client = as_user(school_staff)
    assert "ค่าเป้าหมายจึงถูกล็อก" in client.get(edit_url()).content.decode()
    client.post(edit_url(), post_data(forms))
    assert not SchoolTarget.objects.exists()


def test_a_returned_sar_unlocks_the_targets(as_user, school_staff, school, academic_year):
    SelfAssessmentReport.objects.create(
        school=school, academic_year=academic_year, status="returned"
    )
    items = items_of(school)
    forms = [{"target_level": "3", "target_percent": "", "criterion": ""} for _ in items]
    as_user(school_staff).post(edit_url(), post_data(forms))
    assert SchoolTarget.objects.filter(school=school).count() == 35


def test_school_staff_cannot_touch_another_school_by_any_url(
    as_user, school_staff2, school, school2, academic_year
):
    """school_staff2 posts to every targets URL; only their own school changes."""
    client = as_user(school_staff2)
    items = items_of(school2)
    forms = [{"target_level": "3", "target_percent": "", "criterion": ""} for _ in items]
    client.post(edit_url(), post_data(forms))
    assert not SchoolTarget.objects.filter(school=school).exists()
    assert SchoolTarget.objects.filter(school=school2).count() == len(items)
    # the read-only page of another school is a 404, and no URL takes a school to edit
    assert client.get(reverse("standards:school_targets", args=[school.pk])).status_code == 404
    assert client.post(reverse("standards:school_targets", args=[school.pk])).status_code == 404
    assert not SchoolTarget.objects.filter(school=school).exists()


def test_a_tampered_form_count_is_refused(as_user, school_staff, school, academic_year):
    forms = [{"target_level": "3", "target_percent": "", "criterion": ""}]
    response = as_user(school_staff).post(edit_url(), post_data(forms))
    assert response.status_code == 302
    assert not SchoolTarget.objects.exists()


def test_only_school_staff_edit(as_user, supervisor, committee_member, academic_year, client):
    assert as_user(supervisor).get(edit_url()).status_code == 403
    assert as_user(committee_member).get(edit_url()).status_code == 403
    client.logout()
    response = client.get(edit_url())
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_targets_home_routes_by_role(
    as_user, school_staff, supervisor, committee_member, academic_year
):
    assert as_user(school_staff).get(reverse("standards:targets_home"))["Location"] == edit_url()
    assert as_user(supervisor).get(reverse("standards:targets_home"))["Location"] == reverse(
        "standards:target_matrix"
    )
    assert as_user(committee_member).get(reverse("standards:targets_home")).status_code == 403


# --- Read-only targets and the matrix -------------------------------------------------


def test_supervisor_reads_a_school_targets(as_user, supervisor, school, academic_year):
    SchoolTargetFactory(
        school=school,
        academic_year=academic_year,
        item=national_item("MOE2561-BASIC", "3.3"),
        criterion="ครูจัดชั้นเรียนเชิงบวกทุกห้อง",
    )
    url = reverse("standards:school_targets", args=[school.pk])
    content = as_user(supervisor).get(url).content.decode()
    assert "ครูจัดชั้นเรียนเชิงบวกทุกห้อง" in content and "ดีเลิศ" in content


def test_other_office_cannot_read_targets(as_user, other_supervisor, school, academic_year, client):
    url = reverse("standards:school_targets", args=[school.pk])
    assert as_user(other_supervisor).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_matrix_shows_targets_of_the_office(
    as_user, supervisor, school, school2, other_office_school, academic_year
):
    SchoolTargetFactory(
        school=school,
        academic_year=academic_year,
        item=national_item("MOE2561-BASIC", "1.1.1"),
        target_level=5,
    )
    response = as_user(supervisor).get(reverse("standards:target_matrix"))
    content = response.content.decode()
    assert "โรงเรียนบ้านหนองไผ่" in content and "โรงเรียนบ้านโนนสูง" in content
    assert "โรงเรียนบ้านต่างเขต" not in content
    assert "ยอดเยี่ยม" in content
    assert len(response.context["items"]) == 21


def test_matrix_forbidden_for_school_staff_and_committee(
    as_user, school_staff, committee_member, academic_year, client
):
    url = reverse("standards:target_matrix")
    assert as_user(school_staff).get(url).status_code == 403
    assert as_user(committee_member).get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("count", [5, 60])
def test_matrix_queries_are_bounded(
    as_user, supervisor, office, academic_year, count, django_assert_max_num_queries
):
    basic_items = list(Item.objects.assessed().filter(standard__standard_set__code="MOE2561-BASIC"))
    for school in SchoolFactory.create_batch(count, area_office=office):
        for item in basic_items[:5]:
            SchoolTargetFactory(school=school, academic_year=academic_year, item=item)
    client = as_user(supervisor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("standards:target_matrix"))
    assert response.context["page"].paginator.count == count


# --- Dashboard cards -------------------------------------------------------------------


def test_dashboard_cards(
    as_user, supervisor, school_staff, committee_member, school, school2, academic_year
):
    SchoolTargetFactory(
        school=school, academic_year=academic_year, item=national_item("MOE2561-BASIC", "2.1")
    )
    content = as_user(supervisor).get(reverse("dashboard")).content.decode()
    assert "สถานศึกษาที่กำหนดค่าเป้าหมายปี 2567 แล้ว" in content
    assert "จากทั้งหมด 2 แห่ง" in content
    content = as_user(school_staff).get(reverse("dashboard")).content.decode()
    assert "ค่าเป้าหมายปีการศึกษา 2567" in content and "1/35" in content
    content = as_user(committee_member).get(reverse("dashboard")).content.decode()
    assert "กำหนดค่าเป้าหมายปี" not in content and "ค่าเป้าหมายปีการศึกษา" not in content


# --- School-added standards -------------------------------------------------------------

OWN = reverse("standards:school_standards")


def test_school_staff_adds_own_standard_and_items(as_user, school_staff, school, academic_year):
    client = as_user(school_staff)
    client.post(OWN, {"action": "add_standard", "standard-title_th": "อัตลักษณ์ ยิ้ม ไหว้ ทักทาย"})
    own = StandardSet.objects.get(school=school)
    standard = own.standards.get()
    assert standard.number == 4 and own.level == StandardSet.Level.SCHOOL
    client.post(
        OWN, {"action": "add_item", "standard": standard.pk, "item-title_th": "นักเรียนไหว้ทักทายผู้ใหญ่"}
    )
    client.post(
        OWN, {"action": "add_item", "standard": standard.pk, "item-title_th": "นักเรียนมีจิตอาสา"}
    )
    assert list(standard.items.values_list("code", flat=True)) == ["4.1", "4.2"]
    content = client.get(OWN).content.decode()
    assert "นักเรียนไหว้ทักทายผู้ใหญ่" in content
    # the new items join the school's targets page
    assert "นักเรียนมีจิตอาสา" in client.get(edit_url()).content.decode()
    assert len(items_of(school)) == 37


def test_item_with_a_target_cannot_be_deleted(as_user, school_staff, school, academic_year):
    from standards.services import school_item_add, school_standard_add

    standard = school_standard_add(school=school, title_th="จุดเน้น", actor=school_staff)
    item = school_item_add(standard=standard, title_th="ประเด็นทดสอบ", actor=school_staff)
    SchoolTargetFactory(school=school, academic_year=academic_year, item=item)
    response = as_user(school_staff).post(
        OWN, {"action": "delete_item", "item": item.pk}, follow=True
    )
    assert "ลบไม่ได้ เพราะมีค่าเป้าหมาย" in response.content.decode()
    assert Item.objects.filter(pk=item.pk).exists()


def test_school_staff_cannot_change_another_school_standards(
    as_user, school_staff, school_staff2, school, academic_year
):
    from standards.services import school_item_add, school_standard_add

    standard = school_standard_add(school=school, title_th="จุดเน้น", actor=school_staff)
    item = school_item_add(standard=standard, title_th="ประเด็นของโรงเรียนแรก", actor=school_staff)
    client = as_user(school_staff2)
    assert client.post(OWN, {"action": "delete_item", "item": item.pk}).status_code == 404
    response = client.post(
        OWN, {"action": "add_item", "standard": standard.pk, "item-title_th": "แทรก"}
    )
    assert response.status_code == 404
    assert list(standard.items.values_list("title_th", flat=True)) == ["ประเด็นของโรงเรียนแรก"]


def test_own_standards_page_is_for_school_staff(as_user, supervisor, client):
    assert as_user(supervisor).get(OWN).status_code == 403
    client.logout()
    assert client.get(OWN).status_code == 302


def test_superuser_without_school_gets_403_not_an_error(client, academic_year):
    from tests.factories import UserFactory

    root = UserFactory(username="root", area_office=None, is_superuser=True, is_staff=True)
    client.force_login(root)
    assert client.get(edit_url()).status_code == 403
    assert client.get(OWN).status_code == 403


def test_admin_action_adopts_the_template(client, office):
    from tests.factories import UserFactory

    admin_user = UserFactory(
        username="office_admin",
        role="district_admin",
        area_office=office,
        is_staff=True,
        is_superuser=True,
    )
    client.force_login(admin_user)
    template = StandardSet.objects.templates().get()
    client.post(
        "/admin/standards/standardset/",
        {"action": "adopt_for_my_office", "_selected_action": [template.pk]},
    )
    copy = StandardSet.objects.get(area_office=office)
    assert copy.standards.count() == 3
