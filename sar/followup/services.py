"""The life of a recommendation: given, updated by the school, confirmed or reopened by
the district. Keyword-only, one transaction each, an event row naming the actor."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from schools.models import AcademicYear, School
from standards.models import Item, Standard

from ..models import SynthesisRun
from .models import Recommendation, RecommendationEvent

Status = Recommendation.Status
Action = RecommendationEvent.Action


class StaleRecommendationError(ValidationError):
    """Someone changed the recommendation after the form was opened."""


def can_give_in_office(actor: User, office_id: int | None) -> bool:
    """District quality managers give recommendations to the schools of their office."""
    return actor.is_superuser or (actor.can_manage_quality and actor.area_office_id == office_id)


def can_give(actor: User, school: School) -> bool:
    return can_give_in_office(actor, school.area_office_id)


def can_update(actor: User, recommendation: Recommendation) -> bool:
    """The school's own staff report what they did (a district admin may on their behalf)."""
    if actor.is_superuser:
        return True
    if actor.is_school_staff:
        return actor.school_id == recommendation.school_id
    return actor.is_district_admin and actor.area_office_id == recommendation.school.area_office_id


def _event(
    recommendation: Recommendation,
    *,
    actor: User | None,
    action: str,
    from_status: str = "",
    comment: str = "",
) -> None:
    RecommendationEvent.objects.create(
        recommendation=recommendation,
        action=action,
        actor=actor,
        from_status=from_status,
        to_status=recommendation.status,
        comment=comment,
    )


@transaction.atomic
def recommendation_give(
    *,
    school: School,
    academic_year: AcademicYear,
    source: str,
    text: str,
    actor: User | None,
    source_object: models.Model | None = None,
    standard: Standard | None = None,
    item: Item | None = None,
    due_on: datetime.date | None = None,
) -> Recommendation:
    """Record a recommendation for ``school``. ``actor`` None is the system (the synthesis
    job); a person must be a quality manager of the school's office."""
    if actor is not None and not can_give(actor, school):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError(_("กรุณาระบุข้อเสนอแนะ"))
    if item is not None and standard is None:
        standard = item.standard
    if item is not None and standard is not None and item.standard_id != standard.pk:
        raise ValidationError(_("ประเด็นพิจารณาไม่อยู่ในมาตรฐานที่เลือก"))
    recommendation = Recommendation(
        school=school,
        academic_year=academic_year,
        source=source,
        text=text.strip(),
        standard=standard,
        item=item,
        due_on=due_on,
    )
    if source_object is not None:
        recommendation.source_type = ContentType.objects.get_for_model(source_object)
        recommendation.source_id = source_object.pk
    recommendation.full_clean()
    recommendation.save()
    _event(recommendation, actor=actor, action=Action.CREATED)
    return recommendation


def _locked(recommendation: Recommendation, lock_version: int | None) -> Recommendation:
    current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if lock_version is not None and current.lock_version != lock_version:
        raise StaleRecommendationError(
            _("มีผู้อื่นบันทึกข้อเสนอแนะนี้ไปแล้ว โปรดตรวจสอบข้อมูลล่าสุดก่อนบันทึกอีกครั้ง"),
            code="stale",
        )
    return current


@transaction.atomic
def recommendation_update(
    *,
    recommendation: Recommendation,
    actor: User,
    status: str,
    action: str = "",
    started_on: datetime.date | None = None,
    completed_on: datetime.date | None = None,
    owner: User | None = None,
    lock_version: int | None = None,
) -> Recommendation:
    """The school says what it did and where it stands."""
    if not can_update(actor, recommendation):
        raise PermissionDenied
    current = _locked(recommendation, lock_version)
    if current.is_closed:
        raise ValidationError(_("ข้อเสนอแนะนี้ปิดแล้ว แก้ไขไม่ได้"))
    if status not in Status.values:
        raise ValidationError(_("สถานะไม่ถูกต้อง"))
    if status == Status.DONE and not (action.strip() and completed_on):
        raise ValidationError(_("เมื่อดำเนินการแล้ว กรุณาระบุสิ่งที่ดำเนินการและวันที่แล้วเสร็จ"))
    if owner is not None and owner.school_id != current.school_id:
        raise ValidationError(_("ผู้รับผิดชอบต้องเป็นบุคลากรของสถานศึกษา"))
    previous = current.status
    current.status = status
    current.action = action.strip()
    current.started_on = started_on
    current.completed_on = completed_on
    if owner is not None:
        current.owner = owner
    current.lock_version += 1
    current.full_clean()
    current.save()
    _event(current, actor=actor, action=Action.UPDATED, from_status=previous)
    return current


@transaction.atomic
def recommendation_confirm(*, recommendation: Recommendation, actor: User) -> Recommendation:
    """The district checks the school's "done" and closes the recommendation."""
    if not can_give(actor, recommendation.school):
        raise PermissionDenied
    current = _locked(recommendation, None)
    if current.status != Status.DONE or current.confirmed_at is not None:
        raise ValidationError(_("ยืนยันได้เฉพาะข้อเสนอแนะที่สถานศึกษาดำเนินการแล้วและยังไม่ได้ยืนยัน"))
    current.confirmed_at = timezone.now()
    current.confirmed_by = actor
    current.lock_version += 1
    current.save()
    _event(current, actor=actor, action=Action.CONFIRMED, from_status=Status.DONE)
    return current


@transaction.atomic
def recommendation_reopen(
    *, recommendation: Recommendation, actor: User, comment: str
) -> Recommendation:
    """The district finds the work not finished: back to in progress, with the reason."""
    if not can_give(actor, recommendation.school):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(_("กรุณาระบุเหตุผลที่ให้ดำเนินการต่อ"))
    current = _locked(recommendation, None)
    if current.status not in {Status.DONE, Status.NOT_DONE, Status.NOT_RELEVANT}:
        raise ValidationError(_("เปิดใหม่ได้เฉพาะข้อเสนอแนะที่สถานศึกษารายงานว่าเสร็จสิ้นหรือปิดไว้"))
    previous = current.status
    current.status = Status.IN_PROGRESS
    current.confirmed_at = None
    current.confirmed_by = None
    current.lock_version += 1
    current.save()
    _event(current, actor=actor, action=Action.REOPENED, from_status=previous, comment=comment)
    return current


def closed_on_time_share(school: School) -> float | None:
    """The share (0–100) of the school's recommendations with a due date that were done
    by it; None when none had a due date and is closed or past due yet."""
    counted = Recommendation.objects.filter(school=school).on_time_by_school().get(school.pk)
    return counted.share if counted else None


def recommendations_from_synthesis(
    *, run: SynthesisRun, actor: User, due_on: datetime.date | None = None
) -> list[Recommendation]:
    """One recommendation per school and standard whose targets the synthesis found unmet,
    naming the items and the levels reached. Giving twice gives nothing new: a school and
    standard already followed up from this run is skipped."""
    if not can_give_in_office(actor, run.area_office_id):
        raise PermissionDenied
    if run.status != SynthesisRun.Status.DONE:
        raise ValidationError(_("สร้างข้อเสนอแนะได้เฉพาะผลการสังเคราะห์ที่เสร็จแล้ว"))
    source_type = ContentType.objects.get_for_model(SynthesisRun)
    already = set(
        Recommendation.objects.filter(source_type=source_type, source_id=run.pk).values_list(
            "school_id", "standard_id"
        )
    )
    standards = {
        f"{s.standard_set.code}:{s.number}": s
        for s in Standard.objects.select_related("standard_set")
    }
    schools = {s.code: s for s in School.objects.filter(area_office=run.area_office_id)}
    given = []
    for level_set in run.results.get("level_sets", []):
        for entry in level_set["standards"]:
            standard = standards.get(entry["key"])
            if standard is None:
                continue
            for row in entry["below_target"]:
                school = schools.get(row["code"])
                if school is None or (school.pk, standard.pk) in already:
                    continue
                items = ", ".join(
                    _("%(code)s (ระดับ %(level)s จากเป้าหมาย %(target)s)")
                    % {
                        "code": i["code"],
                        "level": i["level"] if i["level"] is not None else "-",
                        "target": i["target_level"],
                    }
                    for i in row["items"]
                )
                text = _(
                    "ผลการดำเนินงานมาตรฐานที่ %(number)s %(title)s ยังไม่บรรลุค่าเป้าหมาย"
                    " ในประเด็น %(items)s ควรวิเคราะห์สาเหตุ กำหนดแนวทางพัฒนาในแผนปฏิบัติการ"
                    " และรายงานผลในรายงาน SAR ปีถัดไป"
                ) % {"number": standard.number, "title": standard.title_th, "items": items}
                given.append(
                    recommendation_give(
                        school=school,
                        academic_year=run.academic_year,
                        source=Recommendation.Source.SYNTHESIS,
                        source_object=run,
                        standard=standard,
                        text=text,
                        due_on=due_on,
                        actor=actor,
                    )
                )
                already.add((school.pk, standard.pk))
    return given
