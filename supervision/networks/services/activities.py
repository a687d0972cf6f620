"""Steps 2–5 of process 5: the cluster's networks and members, the network plan of the
year, its activities, their participants and attendance, photos and files."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from schools.models import AcademicYear, Cluster, School
from standards.models import Standard

from ..models import (
    Activity,
    ActivityFile,
    NeedArea,
    Network,
    NetworkMember,
    NetworkPlan,
    Participant,
    ParticipantRole,
)
from ..validators import validate_document, validate_photo
from .survey import can_manage_cluster


def _check(actor: User, cluster: Cluster) -> None:
    if not can_manage_cluster(actor, cluster):
        raise PermissionDenied


def _audit(actor: User, action: str, detail: str, obj: Any, cluster: Cluster) -> None:
    audit_record(
        actor=actor, action=action, detail=detail, obj=obj, area_office_id=cluster.area_office_id
    )


@transaction.atomic
def network_create(
    *, cluster: Cluster, kind: str, name: str, actor: User, level: str = "", description: str = ""
) -> Network:
    _check(actor, cluster)
    name = name.strip()
    if Network.objects.filter(cluster=cluster, name=name).exists():
        raise ValidationError(_("มีเครือข่ายชื่อนี้ในกลุ่มแล้ว"))
    network = Network(
        cluster=cluster, kind=kind, name=name, level=level.strip(), description=description
    )
    network.full_clean()
    network.save()
    _audit(actor, AuditEntry.Action.CREATE, "เพิ่มเครือข่ายการนิเทศ", network, cluster)
    return network


@transaction.atomic
def network_member_add(
    *, network: Network, school: School, actor: User, person_name: str = "", position: str = ""
) -> NetworkMember:
    _check(actor, network.cluster)
    if school.cluster_id != network.cluster_id:
        raise ValidationError(_("สถานศึกษานี้ไม่อยู่ในกลุ่มเครือข่ายนี้"))
    person_name = person_name.strip()
    if not network.of_schools and not person_name:
        raise ValidationError(_("กรุณาระบุชื่อครูที่เป็นสมาชิก"))
    if NetworkMember.objects.filter(
        network=network, school=school, person_name=person_name
    ).exists():
        raise ValidationError(_("สมาชิกนี้อยู่ในเครือข่ายแล้ว"))
    member = NetworkMember.objects.create(
        network=network, school=school, person_name=person_name, position=position.strip()
    )
    _audit(actor, AuditEntry.Action.CREATE, "เพิ่มสมาชิกเครือข่าย", member, network.cluster)
    return member


@transaction.atomic
def network_member_remove(*, member: NetworkMember, actor: User) -> None:
    _check(actor, member.network.cluster)
    _audit(
        actor, AuditEntry.Action.DELETE, f"ลบสมาชิกเครือข่าย {member}", member, member.network.cluster
    )
    member.delete()


@transaction.atomic
def plan_save(
    *, cluster: Cluster, academic_year: AcademicYear, goals: str, actor: User
) -> NetworkPlan:
    """Create the cluster's plan of the year, or change its goals."""
    _check(actor, cluster)
    plan, created = NetworkPlan.objects.get_or_create(
        cluster=cluster, academic_year=academic_year, defaults={"goals": goals, "created_by": actor}
    )
    if not created:
        plan.goals = goals
        plan.save(update_fields=["goals", "updated_at"])
    action = AuditEntry.Action.CREATE if created else AuditEntry.Action.CHANGE
    _audit(actor, action, "แผนการนิเทศเครือข่าย", plan, cluster)
    return plan


@transaction.atomic
def activity_save(
    *,
    plan: NetworkPlan,
    actor: User,
    kind: str,
    title: str,
    starts_on: datetime.date,
    objectives: str,
    ends_on: datetime.date | None = None,
    place: str = "",
    network: Network | None = None,
    target_schools: Iterable[School] = (),
    target_teachers: int = 0,
    need_areas: Iterable[str] = (),
    standards: Iterable[Standard] = (),
    activity: Activity | None = None,
) -> Activity:
    """Plan a new activity of ``plan`` or change a planned one (``activity``)."""
    cluster = plan.cluster
    _check(actor, cluster)
    if activity is not None and activity.plan_id != plan.pk:
        raise PermissionDenied
    schools = list(target_schools)
    if any(school.cluster_id != cluster.pk for school in schools):
        raise ValidationError(_("สถานศึกษาเป้าหมายต้องอยู่ในกลุ่มเครือข่ายนี้"))
    if network is not None and network.cluster_id != cluster.pk:
        raise ValidationError(_("เครือข่ายต้องเป็นของกลุ่มนี้"))
    wanted = set(need_areas)
    if wanted - set(NeedArea.values):
        raise ValidationError(_("ด้านความต้องการไม่ถูกต้อง"))
    areas = [area for area in NeedArea.values if area in wanted]
    if not [line for line in objectives.splitlines() if line.strip()]:
        raise ValidationError(_("กรุณาระบุวัตถุประสงค์อย่างน้อย 1 ข้อ"))
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError(_("วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่ม"))
    created = activity is None
    target = activity or Activity(plan=plan)
    for name, value in {
        "kind": kind,
        "title": title.strip(),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "place": place.strip(),
        "network": network,
        "target_teachers": target_teachers,
        "need_areas": areas,
        "objectives": objectives.strip(),
    }.items():
        setattr(target, name, value)
    target.full_clean(exclude=["plan"])
    target.save()
    target.target_schools.set(schools)
    target.standards.set(list(standards))
    action = AuditEntry.Action.CREATE if created else AuditEntry.Action.CHANGE
    _audit(actor, action, "กิจกรรมเครือข่าย", target, cluster)
    return target


@transaction.atomic
def activity_record(
    *, activity: Activity, what_was_done: str, results: str, actor: User
) -> Activity:
    """Record what the activity did and what came of it: it is then done."""
    _check(actor, activity.plan.cluster)
    if not what_was_done.strip():
        raise ValidationError(_("กรุณาบันทึกการดำเนินงาน"))
    activity.what_was_done = what_was_done.strip()
    activity.results = results.strip()
    activity.status = Activity.Status.DONE
    activity.save(update_fields=["what_was_done", "results", "status", "updated_at"])
    _audit(actor, AuditEntry.Action.CHANGE, "บันทึกผลกิจกรรมเครือข่าย", activity, activity.plan.cluster)
    return activity


@transaction.atomic
def participant_add(
    *, activity: Activity, name: str, role: str, actor: User, school: School | None = None
) -> Participant:
    cluster = activity.plan.cluster
    _check(actor, cluster)
    if school is not None and school.cluster_id != cluster.pk:
        raise ValidationError(_("สถานศึกษาต้องอยู่ในกลุ่มเครือข่ายนี้"))
    if role not in ParticipantRole.values:
        raise ValidationError(_("บทบาทไม่ถูกต้อง"))
    name = name.strip()
    if not name:
        raise ValidationError(_("กรุณาระบุชื่อผู้เข้าร่วม"))
    if Participant.objects.filter(activity=activity, school=school, name=name).exists():
        raise ValidationError(_("มีผู้เข้าร่วมชื่อนี้แล้ว"))
    participant = Participant.objects.create(activity=activity, school=school, name=name, role=role)
    _audit(actor, AuditEntry.Action.CREATE, "เพิ่มผู้เข้าร่วมกิจกรรม", participant, cluster)
    return participant


@transaction.atomic
def attendance_set(*, activity: Activity, attended_ids: Iterable[int], actor: User) -> int:
    """Mark who came (the ids given) and who did not (the rest); the number who came."""
    _check(actor, activity.plan.cluster)
    ids = set(attended_ids)
    participants = activity.participants.all()
    participants.filter(pk__in=ids).update(attended=True)
    participants.exclude(pk__in=ids).update(attended=False)
    _audit(actor, AuditEntry.Action.CHANGE, "บันทึกการเข้าร่วมกิจกรรม", activity, activity.plan.cluster)
    return participants.filter(attended=True).count()


@transaction.atomic
def activity_file_add(
    *, activity: Activity, kind: str, uploaded: UploadedFile, actor: User
) -> ActivityFile:
    """A photo (JPEG/PNG) or a document (PDF/DOCX), checked by content before storing."""
    _check(actor, activity.plan.cluster)
    if kind == ActivityFile.Kind.PHOTO:
        validate_photo(uploaded)
    elif kind == ActivityFile.Kind.DOCUMENT:
        validate_document(uploaded)
    else:
        raise ValidationError(_("ประเภทไฟล์ไม่ถูกต้อง"))
    row = ActivityFile(
        activity=activity, kind=kind, original_name=(uploaded.name or "")[:200], uploaded_by=actor
    )
    row.file.save(uploaded.name or "file", uploaded, save=False)
    row.save()
    _audit(actor, AuditEntry.Action.CREATE, "แนบไฟล์กิจกรรม", row, activity.plan.cluster)
    return row


@transaction.atomic
def activity_file_delete(*, file: ActivityFile, actor: User) -> None:
    cluster = file.activity.plan.cluster
    _check(actor, cluster)
    _audit(actor, AuditEntry.Action.DELETE, f"ลบไฟล์กิจกรรม {file.original_name}", file, cluster)
    stored = file.file
    file.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
