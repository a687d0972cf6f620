"""PDPA: export everything held about one person (JSON + PDF), and erase a person who left
while the official records they signed stay."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from iqa_district.accounts.privacy import (
    person_pseudonymise,
    personal_data_export,
    personal_data_pdf,
)
from tests.factories import UserFactory
from tests.pdf.tools import check_official_pdf
from tests.supervision.factories import CommitteeFactory, CommitteeMemberFactory


@pytest.fixture
def person(supervisor, cluster, office):
    supervisor.first_name, supervisor.last_name = "ธวัชชัย", "ทองดี"
    supervisor.email, supervisor.phone = "thawatchai@example.go.th", "081-234-5678"
    supervisor.save()
    cluster.supervisors.add(supervisor)
    committee = CommitteeFactory(area_office=office)
    CommitteeMemberFactory(committee=committee, user=supervisor, name="นายธวัชชัย ทองดี")
    return supervisor


def test_export_holds_the_account_and_every_row_that_points_at_it(person, district_admin):
    data = personal_data_export(person=person, actor=district_admin)
    exported = data.as_json()
    assert exported["account"]["email"] == "thawatchai@example.go.th"
    assert exported["account"]["role"] == "ศึกษานิเทศก์"
    models = {record["model"]: record for record in exported["records"]}
    assert models["schools.Cluster"]["field"] == "supervisors"
    (member,) = models["supervision.CommitteeMember"]["rows"]
    assert member["name"] == "นายธวัชชัย ทองดี"
    json.dumps(exported, ensure_ascii=False)  # every value is plain JSON


def test_export_pdf_is_an_official_document(person, district_admin):
    pdf = personal_data_pdf(personal_data_export(person=person, actor=district_admin))
    check_official_pdf(
        pdf,
        "personal_data_export",
        expect_text=["รายงานข้อมูลส่วนบุคคลที่ระบบจัดเก็บ", "thawatchai@example.go.th"],
    )


@pytest.mark.parametrize("who", ["other_supervisor", "school_staff", "supervisor", "other_admin"])
def test_only_superusers_and_the_office_admin_may_export_or_erase(
    request, person, other_office, who
):
    if who == "other_admin":
        actor = UserFactory(role="district_admin", area_office=other_office, is_staff=True)
    else:
        actor = request.getfixturevalue(who)
    if actor.pk == person.pk:
        actor = UserFactory(role="supervisor", area_office=person.area_office)
    with pytest.raises(PermissionDenied):
        personal_data_export(person=person, actor=actor)
    with pytest.raises(PermissionDenied):
        person_pseudonymise(person=person, actor=actor)


def test_an_office_admin_cannot_touch_a_superuser(district_admin, office):
    root = UserFactory(is_superuser=True, is_staff=True, area_office=office)
    with pytest.raises(PermissionDenied):
        personal_data_export(person=root, actor=district_admin)


def test_erasure_removes_who_they_were_and_keeps_their_records(person, district_admin, client):
    person.set_password("รหัสผ่านเดิม-2568")
    person.save()
    erased = person_pseudonymise(person=person, actor=district_admin)
    erased.refresh_from_db()
    assert erased.username == f"erased-{erased.pk}"
    assert "ธวัชชัย" not in erased.get_full_name()
    assert (erased.email, erased.phone, erased.position) == ("", "", "")
    assert not erased.is_active and not erased.has_usable_password()
    # The official record keeps the name it was signed with, and its link.
    assert erased.committee_seats.get().name == "นายธวัชชัย ทองดี"
    assert erased.supervised_clusters.exists()
    data = personal_data_export(person=erased, actor=district_admin).as_json()
    assert "thawatchai@example.go.th" not in json.dumps(data, ensure_ascii=False)


def test_an_admin_cannot_erase_himself(district_admin):
    with pytest.raises(PermissionDenied):
        person_pseudonymise(person=district_admin, actor=district_admin)


def test_command_exports_json_and_pdf_then_erases(person, district_admin, tmp_path):
    call_command(
        "personal_data", "export", person.username, actor=district_admin.username, out=tmp_path
    )
    exported = json.loads((tmp_path / f"{person.username}.json").read_text(encoding="utf-8"))
    assert exported["account"]["phone"] == "081-234-5678"
    assert (tmp_path / f"{person.username}.pdf").read_bytes().startswith(b"%PDF")
    call_command(
        "personal_data", "erase", person.username, actor=district_admin.username, noinput=True
    )
    person.refresh_from_db()
    assert person.username == f"erased-{person.pk}"
    with pytest.raises(CommandError, match="ไม่มีสิทธิ์"):
        call_command("personal_data", "export", person.username, actor=person.username)
