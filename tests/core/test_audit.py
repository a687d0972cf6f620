"""Issue 11 item 16 (part): the audit log. The workflow services that wrote no event
(visit_update_plan, school_targets_save, school_item_add/delete, synthesis_publish/
unpublish) write an entry naming the actor, the object, the office and the client's IP;
entries are append-only; a district admin searches their office's entries; entries past
the retention period are purged by a beat task."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_purge, audit_record
from sar.models import SynthesisRun
from sar.synthesis import services as synthesis_services
from standards import services as standards_services
from tests.factories import UserFactory
from tests.supervision.factories import VisitFactory, full_committee

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(school, academic_year, office, supervisor):
    committee = full_committee(office=office, year=academic_year, users=[supervisor])
    return VisitFactory(school=school, academic_year=academic_year, committee=committee)


def entries(**filters):
    return list(AuditEntry.objects.filter(**filters))


def test_changing_a_visit_plan_is_recorded_with_the_actor_and_ip(
    as_user, supervisor, visit, office
):
    response = as_user(supervisor).post(
        reverse("supervision:visit_edit", args=[visit.pk]),
        {
            "date": "2024-07-12",
            "visit_no": 2,
            "committee": visit.committee_id,
            "supervisors": [supervisor.pk],
        },
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302
    [entry] = entries(object_type="supervision.Visit")
    assert (entry.actor, entry.action, entry.object_id) == (
        supervisor,
        AuditEntry.Action.CHANGE,
        str(visit.pk),
    )
    assert entry.actor_name == supervisor.display_name
    assert entry.area_office == office and entry.ip_address == "203.0.113.9"
    assert "2024-07-12" in entry.detail


def test_school_items_and_targets_are_recorded(school_staff, school, academic_year, office):
    standard = standards_services.school_standard_add(
        school=school, title_th="จุดเน้นของโรงเรียน", actor=school_staff
    )
    item = standards_services.school_item_add(
        standard=standard, title_th="นักเรียนมีจิตอาสา", actor=school_staff
    )
    standards_services.school_targets_save(
        school=school,
        academic_year=academic_year,
        rows=[{"item": item, "target_level": 4, "target_percent": None, "criterion": ""}],
        actor=school_staff,
    )
    standards_services.school_targets_save(
        school=school,
        academic_year=academic_year,
        rows=[{"item": item, "target_level": None}],
        actor=school_staff,
    )
    other = standards_services.school_item_add(
        standard=standard, title_th="ประเด็นที่จะลบ", actor=school_staff
    )
    standards_services.school_item_delete(item=other, actor=school_staff)
    actions = [
        (e.action, e.object_type, e.object_repr) for e in AuditEntry.objects.order_by("at", "pk")
    ]
    assert actions[0][:2] == (AuditEntry.Action.CREATE, "standards.Item")
    assert [a[:2] for a in actions[1:3]] == [
        (AuditEntry.Action.CHANGE, "standards.SchoolTarget")
    ] * 2
    assert actions[-1][:2] == (AuditEntry.Action.DELETE, "standards.Item")
    assert "ประเด็นที่จะลบ" in actions[-1][2]
    assert {e.area_office_id for e in AuditEntry.objects.all()} == {office.pk}
    assert all(e.actor == school_staff for e in AuditEntry.objects.all())


def test_publishing_a_synthesis_is_recorded(district_admin, office, academic_year):
    run = SynthesisRun.objects.create(
        area_office=office, academic_year=academic_year, status=SynthesisRun.Status.DONE
    )
    synthesis_services.synthesis_publish(run=run, actor=district_admin)
    synthesis_services.synthesis_unpublish(run=run, actor=district_admin)
    assert [(e.action, e.object_id) for e in AuditEntry.objects.order_by("at", "pk")] == [
        (AuditEntry.Action.PUBLISH, str(run.pk)),
        (AuditEntry.Action.UNPUBLISH, str(run.pk)),
    ]


def test_entries_are_append_only(district_admin, visit):
    entry = audit_record(actor=district_admin, action=AuditEntry.Action.EXPORT, obj=visit)
    entry.detail = "แก้ประวัติ"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    assert AuditEntry.objects.get().detail == ""


def test_admin_page_is_read_only_and_only_a_superuser_deletes(
    as_user, district_admin, visit, client
):
    from django.contrib.auth.models import Permission

    district_admin.user_permissions.set(Permission.objects.filter(content_type__app_label="audit"))
    entry = audit_record(actor=district_admin, action=AuditEntry.Action.EXPORT, obj=visit)
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    admin_client = as_user(district_admin)
    admin_client.post(change, {"detail": "แก้ประวัติ"})
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    entry = AuditEntry.objects.get()
    assert entry.detail == ""
    root = UserFactory(username="t_root", is_superuser=True, is_staff=True, area_office=None)
    client.force_login(root)
    client.post(delete, {"post": "yes"})
    assert not AuditEntry.objects.exists()


def test_district_admin_searches_their_offices_log(
    client, as_user, district_admin, supervisor, other_supervisor, visit, other_office
):
    audit_record(actor=supervisor, action=AuditEntry.Action.CHANGE, obj=visit, detail="ของเขตเรา")
    audit_record(
        actor=other_supervisor,
        action=AuditEntry.Action.EXPORT,
        object_type="supervision.CommitteeMember",
        detail="ของเขตอื่น",
    )
    url = reverse("audit:list")
    assert client.get(url).status_code == 302
    assert as_user(supervisor).get(url).status_code == 403
    body = as_user(district_admin).get(url).content.decode()
    assert "ของเขตเรา" in body and "ของเขตอื่น" not in body
    body = as_user(district_admin).get(url, {"q": supervisor.display_name}).content.decode()
    assert "ของเขตเรา" in body
    body = as_user(district_admin).get(url, {"action": "export"}).content.decode()
    assert "ของเขตเรา" not in body
    today = timezone.localdate().isoformat()
    body = as_user(district_admin).get(url, {"since": today, "q": "\x00"}).content.decode()
    assert "ของเขตเรา" in body
    assert as_user(district_admin).post(url).status_code == 405


def test_purge_keeps_the_retention_period(settings, district_admin, visit):
    settings.AUDIT_RETENTION_DAYS = 30
    old = audit_record(actor=district_admin, action=AuditEntry.Action.EXPORT, obj=visit)
    recent = audit_record(actor=district_admin, action=AuditEntry.Action.EXPORT, obj=visit)
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=31))
    assert audit_purge() == 1
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_purge_is_scheduled():
    from iqa_district.audit.tasks import purge_audit_log

    schedule = settings.CELERY_BEAT_SCHEDULE["audit-purge"]
    assert schedule["task"] == purge_audit_log.name == "iqa_district.audit.tasks.purge_audit_log"
    assert settings.AUDIT_RETENTION_DAYS == 730


def test_personal_data_changed_in_the_admin_is_recorded(as_user, school_staff, office):
    root = UserFactory(username="t_root", is_superuser=True, is_staff=True, area_office=None)
    client = as_user(root)
    url = reverse("admin:accounts_user_change", args=[school_staff.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        {
            "first_name": "สมศรี",
            "last_name": school_staff.last_name,
            "date_joined_0": "2024-01-01",
            "date_joined_1": "00:00:00",
            "groups": [],
            "user_permissions": [],
        }
    )
    client.post(url, data, REMOTE_ADDR="198.51.100.4")
    school_staff.refresh_from_db()
    assert school_staff.first_name == "สมศรี"
    [entry] = entries(object_type="accounts.User")
    assert (entry.action, entry.actor, entry.object_id) == (
        AuditEntry.Action.CHANGE,
        root,
        str(school_staff.pk),
    )
    assert entry.ip_address == "198.51.100.4" and entry.area_office == office
    assert "First name" in entry.detail  # which fields changed, as the admin says it


def test_exporting_committee_members_is_recorded(as_user, office, academic_year):
    from supervision.models import CommitteeMember

    root = UserFactory(username="t_root", is_superuser=True, is_staff=True, area_office=None)
    full_committee(office=office, year=academic_year)
    response = as_user(root).post(
        reverse("admin:supervision_committeemember_export"),
        {
            "format": "0",
            "export_items": list(CommitteeMember.objects.values_list("pk", flat=True)),
            **{f"committeememberresource_{f}": "on" for f in ("id", "committee", "name")},
        },
        REMOTE_ADDR="198.51.100.5",
    )
    assert response.status_code == 200
    [entry] = entries(action=AuditEntry.Action.EXPORT)
    assert entry.object_type == "supervision.CommitteeMember" and entry.actor == root
    assert "3 รายการ" in entry.detail and entry.ip_address == "198.51.100.5"
