"""Committees in the admin: composition rule on one screen, scoping, member import/export,
and the appointment order as PDF."""

import shutil
import subprocess

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from supervision.models import Committee, CommitteeMember, composition_errors
from tests.supervision.factories import CommitteeFactory, CommitteeMemberFactory, full_committee

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:supervision_committee_add")


@pytest.fixture
def admin_user(district_admin):
    district_admin.user_permissions.set(
        Permission.objects.filter(content_type__app_label="supervision")
    )
    return district_admin


SEAT_DETAILS = {
    "agency_rep": {"agency_rep_kind": "deputy_director"},
    "peer_admin": {"education_level": "primary"},
}


def committee_post(office, year, school, members, details=SEAT_DETAILS):
    data = {
        "area_office": office.pk,
        "kind": Committee.Kind.DISTRICT_VISIT,
        "name": "คณะกรรมการตรวจเยี่ยมพื้นที่เชิงประเมิน ชุดที่ ๑",
        "academic_year": year.pk,
        "is_active": "on",
        "order_number": "511/2567",
        "order_date": "2024-12-16",
        "order_preamble": "",
        "duties": "",
        "schools": [school.pk] if school else [],
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        "_save": "บันทึก",
    }
    for n, (name, role) in enumerate(members):
        data.update(
            {
                f"members-{n}-order": str(n + 1),
                f"members-{n}-name": name,
                f"members-{n}-position": "ตำแหน่งทดสอบ",
                f"members-{n}-organisation": "หน่วยงานทดสอบ",
                f"members-{n}-role": role,
                f"members-{n}-user": "",
                **{f"members-{n}-{k}": v for k, v in details.get(role, {}).items()},
            }
        )
    return data


FIVE = [
    ("นายประธาน ใจดี", "chair"),
    ("นางผู้ทรง คุณวุฒิ", "onesqa_expert"),
    ("นายผู้แทน เขตพื้นที่", "agency_rep"),
    ("นางผู้บริหาร มากประสบการณ์", "peer_admin"),
    ("นางสาวเลขา ทดสอบ", "secretary"),
]


def test_admin_creates_committee_with_five_members_and_order_in_one_request(
    as_user, admin_user, office, academic_year, school
):
    client = as_user(admin_user)
    response = client.post(ADD_URL, committee_post(office, academic_year, school, FIVE))
    assert response.status_code == 302, response.content.decode()[:3000]
    committee = Committee.objects.get()
    assert committee.order_number == "511/2567"
    assert committee.order_number_thai == "๕๑๑/๒๕๖๗"
    assert list(committee.schools.all()) == [school]
    assert sorted(committee.members.values_list("role", flat=True)) == sorted(r for _n, r in FIVE)


def test_admin_refuses_district_committee_without_required_roles(
    as_user, admin_user, office, academic_year, school
):
    client = as_user(admin_user)
    members = [m for m in FIVE if m[1] != "onesqa_expert"]
    data = committee_post(office, academic_year, school, members)
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "ต้องมี ผู้ทรงคุณวุฒิจาก สมศ. อย่างน้อย 1 คน" in body
    assert not Committee.objects.exists()
    # Nothing typed is lost: the members entered are shown again.
    assert "นายผู้แทน เขตพื้นที่" in body


def test_deleting_a_required_member_in_the_admin_is_refused(
    as_user, admin_user, office, academic_year
):
    committee = full_committee(office=office, year=academic_year)
    members = list(committee.members.order_by("order"))
    url = reverse("admin:supervision_committee_change", args=[committee.pk])
    data = committee_post(office, academic_year, None, [])
    data.pop("schools")
    data.update({"members-TOTAL_FORMS": "3", "members-INITIAL_FORMS": "3", "name": committee.name})
    for n, member in enumerate(members):
        data.update(
            {
                f"members-{n}-id": member.pk,
                f"members-{n}-committee": committee.pk,
                f"members-{n}-order": member.order,
                f"members-{n}-name": member.name,
                f"members-{n}-role": member.role,
            }
        )
    data["members-0-DELETE"] = "on"
    response = as_user(admin_user).post(url, data)
    assert response.status_code == 200
    assert committee.members.count() == 3


def test_other_kinds_need_no_particular_roles():
    assert composition_errors(Committee.Kind.SCHOOL_INTERNAL, ["member"]) == []
    assert len(composition_errors(Committee.Kind.DISTRICT_VISIT, ["chair"])) == 3
    assert (
        composition_errors(
            Committee.Kind.DISTRICT_VISIT, ["onesqa_expert", "agency_rep", "peer_admin"]
        )
        == []
    )


def test_admin_list_is_scoped_to_the_office(
    as_user, admin_user, office, other_office, academic_year
):
    CommitteeFactory(area_office=office, academic_year=academic_year, name="ชุดของเขตเรา")
    CommitteeFactory(area_office=other_office, academic_year=academic_year, name="ชุดของเขตอื่น")
    body = as_user(admin_user).get(reverse("admin:supervision_committee_changelist")).content
    assert "ชุดของเขตเรา" in body.decode()
    assert "ชุดของเขตอื่น" not in body.decode()
    search = as_user(admin_user).get(
        reverse("admin:supervision_committee_changelist"), {"q": "เขตเรา"}
    )
    assert "ชุดของเขตเรา" in search.content.decode()


def test_member_export_contains_only_own_office(
    as_user, admin_user, office, other_office, academic_year
):
    own = full_committee(office=office, year=academic_year)
    CommitteeMemberFactory(committee=own, name="นางสมใจ ส่งออก")
    other = full_committee(office=other_office, year=academic_year)
    CommitteeMemberFactory(committee=other, name="นายต่างเขต ไม่ควรเห็น")
    client = as_user(admin_user)
    url = reverse("admin:supervision_committeemember_export")
    response = client.post(
        url,
        {
            "format": "0",
            "export_items": list(CommitteeMember.objects.values_list("pk", flat=True)),
            **{f"committeememberresource_{f}": "on" for f in ("id", "committee", "name", "role")},
        },
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "นางสมใจ ส่งออก" in text
    assert "นายต่างเขต ไม่ควรเห็น" not in text


def test_member_import_adds_members_and_refuses_other_office(
    admin_user, office, other_office, academic_year
):
    import tablib

    from supervision.resources import CommitteeMemberResource

    own = full_committee(office=office, year=academic_year)
    other = full_committee(office=other_office, year=academic_year)
    dataset = tablib.Dataset(headers=["committee", "order", "name", "position", "role"])
    dataset.append([own.pk, 9, "นางนำเข้า สำเร็จ", "ครูชำนาญการพิเศษ", "กรรมการ"])
    result = CommitteeMemberResource().import_data(dataset, dry_run=False, user=admin_user)
    assert not result.has_errors() and not result.has_validation_errors()
    assert own.members.get(name="นางนำเข้า สำเร็จ").role == CommitteeMember.Role.MEMBER

    bad = tablib.Dataset(headers=["committee", "order", "name", "position", "role"])
    bad.append([other.pk, 9, "นายแอบ นำเข้า", "", "member"])
    result = CommitteeMemberResource().import_data(bad, dry_run=False, user=admin_user)
    assert result.has_errors() or result.has_validation_errors()
    assert not CommitteeMember.objects.filter(name="นายแอบ นำเข้า").exists()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_order_pdf_has_thai_numerals_date_and_director(
    as_user, supervisor, office, academic_year, school, tmp_path
):
    office.director_name = "นายผู้อำนวยการ ทดสอบ"
    office.save()
    committee = full_committee(office=office, year=academic_year)
    committee.schools.add(school)
    response = as_user(supervisor).get(
        reverse("supervision:committee_order_pdf", args=[committee.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "order.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    assert "ที่ ๕๑๑/๒๕๖๗" in text
    assert "๑๖ ธันวาคม พ.ศ. ๒๕๖๗" in text
    assert "นายผู้อำนวยการ ทดสอบ" in text
    assert "ผู้ทรงคุณวุฒิจาก สมศ." in text
    assert school.name in text


def test_order_pdf_permissions(
    client, as_user, school_staff, other_supervisor, office, academic_year
):
    committee = full_committee(office=office, year=academic_year)
    url = reverse("supervision:committee_order_pdf", args=[committee.pk])
    assert client.get(url).status_code == 302
    assert as_user(school_staff).get(url).status_code == 403
    assert as_user(other_supervisor).get(url).status_code == 404


def test_member_import_refuses_an_id_of_another_offices_member(
    admin_user, office, other_office, academic_year
):
    # Issue 11 item 3: the row names its own committee but another office's member id.
    import tablib

    from supervision.resources import CommitteeMemberResource

    own = full_committee(office=office, year=academic_year)
    other = full_committee(office=other_office, year=academic_year)
    victim = other.members.first()
    dataset = tablib.Dataset(headers=["id", "committee", "order", "name", "position", "role"])
    dataset.append([victim.pk, own.pk, 9, "นายยึด แถวต่างเขต", "", "member"])
    result = CommitteeMemberResource().import_data(dataset, dry_run=False, user=admin_user)
    assert result.has_errors() or result.has_validation_errors()
    victim.refresh_from_db()
    assert victim.committee == other and victim.name != "นายยึด แถวต่างเขต"


def test_member_import_keeps_the_composition_rule(admin_user, office, academic_year):
    # Issue 11 item 3: changing the only ONESQA expert's role by import would leave the
    # district committee incomplete; the whole import is refused.
    import tablib

    from supervision.resources import CommitteeMemberResource

    own = full_committee(office=office, year=academic_year)
    expert = own.members.get(role=CommitteeMember.Role.ONESQA_EXPERT)
    dataset = tablib.Dataset(headers=["id", "committee", "order", "name", "position", "role"])
    dataset.append([expert.pk, own.pk, expert.order, expert.name, expert.position, "member"])
    dataset.append(["", own.pk, 9, "นางเพิ่ม ใหม่", "", "member"])
    result = CommitteeMemberResource().import_data(dataset, dry_run=False, user=admin_user)
    assert result.has_errors()
    assert "สมศ" in " ".join(str(error.error) for error in result.base_errors)
    expert.refresh_from_db()
    assert expert.role == CommitteeMember.Role.ONESQA_EXPERT
    assert not own.members.filter(name="นางเพิ่ม ใหม่").exists()
