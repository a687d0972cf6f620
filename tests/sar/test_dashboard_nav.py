from django.urls import reverse

from sar import services

from .factories import fill_version


def test_district_card_shows_submission_rate(as_user, supervisor, sar, school_staff, school2):
    fill_version(sar.latest_version)
    services.sar_submit(report=sar, actor=school_staff)
    response = as_user(supervisor).get(reverse("dashboard"))
    cards = {c.title: c for c in response.context["cards"]}
    card = cards["ส่ง SAR ปีการศึกษา 2567 แล้ว"]
    assert card.value == "50.0%"  # one of the office's two schools
    assert cards["SAR รอตรวจ"].value == 1


def test_school_card_shows_own_status(as_user, school_staff, school_staff2, sar):
    cards = {c.title: c for c in as_user(school_staff).get(reverse("dashboard")).context["cards"]}
    assert cards["SAR ปีการศึกษา 2567"].value == "ร่าง"
    cards = {c.title: c for c in as_user(school_staff2).get(reverse("dashboard")).context["cards"]}
    assert cards["SAR ปีการศึกษา 2567"].value == "ยังไม่เริ่ม"


def test_committee_gets_no_sar_card(as_user, committee_member, academic_year):
    cards = as_user(committee_member).get(reverse("dashboard")).context["cards"]
    assert not any("SAR" in c.title for c in cards)


def test_nav_links_by_role(as_user, supervisor, school_staff, academic_year):
    html = as_user(school_staff).get(reverse("dashboard")).content.decode()
    assert reverse("sar:my") in html and reverse("sar:tracker") not in html
    html = as_user(supervisor).get(reverse("dashboard")).content.decode()
    assert reverse("sar:tracker") in html and reverse("sar:review_queue") in html
