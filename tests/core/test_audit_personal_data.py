"""Issue 11 items 16 and 17 (rest): personal data written or taken outside the admin's
add/change forms is audited too — the school registry's import (the contacts of every
school) and export, the admin's imports of committee members, and a person's PDPA export
and erasure — and the PDPA rights are admin actions as well as a command."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from iqa_district.audit.models import AuditEntry
from schools.services import school_import_apply
from supervision.models import CommitteeMember
from tests.factories import UserFactory
from tests.schools.factories import school_rows, to_csv
from tests.supervision.factories import full_committee

pytestmark = pytest.mark.django_db


def only_entry(**filters):
    [entry] = AuditEntry.objects.filter(**filters)
    return entry


def test_the_school_registry_import_is_recorded(supervisor, office):
    school_import_apply(
        office=office, data=to_csv(school_rows(3)), filename="รายชื่อ.csv", actor=supervisor
    )
    entry = only_entry(action=AuditEntry.Action.IMPORT)
    assert entry.actor == supervisor and entry.area_office == office
    assert entry.object_type == "schools.SchoolImport"
    assert "รายชื่อ.csv" in entry.detail and "เพิ่ม 3" in entry.detail


def test_a_refused_import_records_nothing(supervisor, office):
    rows = school_rows(2)
    rows[0]["levels"] = "อุดมศึกษา"
    with pytest.raises(Exception, match="แถวที่ผิดพลาด"):
        school_import_apply(office=office, data=to_csv(rows), actor=supervisor)
    assert not AuditEntry.objects.exists()


def test_the_school_registry_export_is_recorded_with_the_ip(as_user, supervisor, school):
    response = as_user(supervisor).get(
        reverse("schools:export"), {"file_format": "xlsx"}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 200
    entry = only_entry(action=AuditEntry.Action.EXPORT)
    assert (entry.actor, entry.object_type) == (supervisor, "schools.School")
    assert entry.ip_address == "198.51.100.7" and "1 แห่ง (XLSX)" in entry.detail


def test_importing_committee_members_in_the_admin_is_recorded(as_user, office, academic_year):
    root = UserFactory(username="t_root", is_superuser=True, is_staff=True, area_office=None)
    committee = full_committee(office=office, year=academic_year)
    client = as_user(root)
    csv = f"committee,name,role,position\n{committee.pk},นางสาวมาลี ใจดี,member,ครู\n"
    upload = SimpleUploadedFile("members.csv", csv.encode(), content_type="text/csv")
    response = client.post(
        reverse("admin:supervision_committeemember_import"),
        {"resource": "0", "format": "0", "import_file": upload},
    )
    assert response.status_code == 200, response.content[:500]
    confirm = response.context["confirm_form"]
    assert not AuditEntry.objects.exists()  # the preview wrote nothing
    response = client.post(
        reverse("admin:supervision_committeemember_process_import"),
        confirm.initial,
        REMOTE_ADDR="198.51.100.8",
    )
    assert response.status_code == 302
    assert CommitteeMember.objects.filter(name="นางสาวมาลี ใจดี").exists()
    entry = only_entry(action=AuditEntry.Action.IMPORT)
    assert entry.object_type == "supervision.CommitteeMember" and entry.actor == root
    assert "เพิ่ม 1" in entry.detail and entry.ip_address == "198.51.100.8"


def test_a_pdpa_export_and_erasure_are_recorded(school_staff, office_admin):
    from iqa_district.accounts.privacy import person_pseudonymise, personal_data_export

    personal_data_export(person=school_staff, actor=office_admin)
    person_pseudonymise(person=school_staff, actor=office_admin)
    export = only_entry(action=AuditEntry.Action.EXPORT)
    erase = only_entry(action=AuditEntry.Action.ERASE)
    for entry in (export, erase):
        assert entry.actor == office_admin and entry.object_id == str(school_staff.pk)
        assert entry.area_office == office_admin.area_office


def changelist_action(client, action, people, **extra):
    return client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": action, "_selected_action": [p.pk for p in people], **extra},
    )


def test_the_admin_exports_a_persons_data_as_json_and_pdf(as_user, office_admin, school_staff):
    response = changelist_action(as_user(office_admin), "export_personal_data", [school_staff])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response)))
    names = sorted(archive.namelist())
    assert names == [f"{school_staff.username}.json", f"{school_staff.username}.pdf"]
    exported = json.loads(archive.read(names[0]))
    assert exported["account"]["username"] == school_staff.username
    assert archive.read(names[1]).startswith(b"%PDF-")


def test_the_admin_erases_only_after_confirmation(as_user, office_admin, school_staff):
    client = as_user(office_admin)
    response = changelist_action(client, "erase_personal_data", [school_staff])
    assert response.status_code == 200
    assert "ยืนยันการลบข้อมูลส่วนบุคคล" in response.content.decode()
    school_staff.refresh_from_db()
    assert school_staff.is_active and not AuditEntry.objects.filter(action="erase").exists()

    response = changelist_action(client, "erase_personal_data", [school_staff], confirm="yes")
    assert response.status_code == 302
    school_staff.refresh_from_db()
    assert school_staff.username == f"erased-{school_staff.pk}" and not school_staff.is_active
    assert school_staff.email == "" and not school_staff.has_usable_password()
    assert only_entry(action=AuditEntry.Action.ERASE).actor == office_admin


def test_the_admin_cannot_erase_himself(as_user, office_admin):
    client = as_user(office_admin)
    response = changelist_action(client, "erase_personal_data", [office_admin], confirm="yes")
    assert response.status_code == 302
    office_admin.refresh_from_db()
    assert office_admin.is_active and not AuditEntry.objects.filter(action="erase").exists()


def test_another_offices_people_are_out_of_reach(as_user, office_admin, other_supervisor):
    # The changelist's queryset is the admin's office: another office's person selected by
    # id is simply not in it, so nothing is exported or erased.
    client = as_user(office_admin)
    response = changelist_action(client, "erase_personal_data", [other_supervisor], confirm="yes")
    other_supervisor.refresh_from_db()
    assert other_supervisor.is_active and response.status_code in (200, 302)
    assert not AuditEntry.objects.exists()
