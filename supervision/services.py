"""Multi-step writes of supervision: planning, filling, publishing and acknowledging visits,
new versions of form templates, and school self-evaluations. Each runs in a transaction
and leaves a record of who acted."""

import datetime
import re
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district.accounts.models import User
from iqa_district.audit.models import AuditEntry
from iqa_district.audit.services import audit_record
from sar.followup.models import Recommendation
from sar.followup.services import recommendation_give
from schools.models import AcademicYear, AreaOffice, School
from standards.models import Item, SchoolTarget

from .models import (
    Committee,
    FormItem,
    FormSection,
    FormTemplate,
    SelfEvaluation,
    SelfEvaluationCommitteeMember,
    SelfEvaluationLevel,
    SubmissionKey,
    Visit,
    VisitAnswer,
    VisitEvent,
    committee_errors,
)
from .notifications import visit_planned_notify, visit_published_notify


class StaleEditError(Exception):
    """A save typed on an older version of what is being saved: someone saved in between.

    ``current`` is the row as it is now, so the page can show what the colleague saved."""

    def __init__(self, message: str, *, current: Visit | VisitAnswer) -> None:
        super().__init__(message)
        self.message = message
        self.current = current


class DuplicateSubmissionError(Exception):
    """The create form with this one-time key was accepted before; ``object_id`` is what
    that first submission made (None if it is still being saved)."""

    def __init__(self, *, object_id: int | None) -> None:
        super().__init__(object_id)
        self.object_id = object_id


def _stale_message(who: User | None, at: datetime.datetime) -> str:
    return _(
        "ข้อมูลส่วนนี้ถูกบันทึกโดย %(who)s เมื่อเวลา %(time)s น. หลังจากที่ท่านเปิดแบบฟอร์ม "
        "ระบบจึงยังไม่บันทึกข้อมูลของท่าน ข้อความที่ท่านพิมพ์ยังอยู่ในหน้านี้ "
        "โปรดตรวจสอบกับข้อมูลล่าสุด แล้วเลือกบันทึกข้อความของท่านแทน หรือโหลดข้อมูลล่าสุด"
    ) % {
        "who": who.display_name if who else _("ผู้ใช้อื่น"),
        "time": timezone.localtime(at).strftime("%H:%M"),
    }


def _claim_submission_key(
    key: uuid.UUID | None, *, purpose: str, actor: User
) -> SubmissionKey | None:
    """Store a create form's one-time key inside the caller's transaction, or raise
    ``DuplicateSubmissionError`` if it was used before.

    A concurrent second POST blocks on the unique index until the first commits, then
    fails here and finds the first one's row."""
    if key is None:
        return None
    try:
        with transaction.atomic():
            return SubmissionKey.objects.create(key=key, purpose=purpose, user=actor)
    except IntegrityError:
        earlier = SubmissionKey.objects.filter(key=key, purpose=purpose, user=actor).first()
        raise DuplicateSubmissionError(object_id=earlier.object_id if earlier else None) from None


def _record_submission(claimed: SubmissionKey | None, object_id: int) -> None:
    if claimed is not None:
        claimed.object_id = object_id
        claimed.save(update_fields=["object_id"])


def committee_validate_composition(*, committee: Committee) -> None:
    """Seed 003 on a saved committee: the roles, the representative's standing and
    training, and the administrator's level against every school it evaluates."""
    errors = committee_errors(committee)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def form_template_new_version(
    *, template: FormTemplate, office: AreaOffice | None = None
) -> FormTemplate:
    """Copy ``template`` with its sections and items as the next version and retire the
    owner's earlier versions, so visits that used them keep the form they were filled with.

    With ``office``, the copy belongs to that office: an office edits its own version of a
    shared form without changing it for the other offices."""
    owner_id = office.pk if office is not None else template.area_office_id
    latest = FormTemplate.objects.filter(code=template.code).latest("version")
    sections = list(template.sections.prefetch_related("items"))
    FormTemplate.objects.filter(code=template.code, area_office=owner_id).update(is_active=False)
    copy = FormTemplate.objects.create(
        area_office_id=owner_id,
        code=template.code,
        version=latest.version + 1,
        title=template.title,
        process=template.process,
        form_no=template.form_no,
        row_source=template.row_source,
        instructions=template.instructions,
        descriptors_are_example=template.descriptors_are_example,
        is_active=True,
    )
    for section in sections:
        new_section = FormSection.objects.create(
            template=copy, order=section.order, title=section.title
        )
        FormItem.objects.bulk_create(
            [
                FormItem(
                    section=new_section,
                    order=item.order,
                    code=item.code,
                    text=item.text,
                    answer_type=item.answer_type,
                    evidence_prompt=item.evidence_prompt,
                    component=item.component,
                    level5=item.level5,
                    level4=item.level4,
                    level3=item.level3,
                    level2=item.level2,
                    level1=item.level1,
                )
                for item in section.items.all()
            ]
        )
    return copy


def academic_year_for(date: datetime.date) -> tuple[AcademicYear, int]:
    """The academic year and semester a date falls in; between semesters, the nearer one."""
    year = (
        AcademicYear.objects.filter(starts_on__lte=date, ends_on__gte=date).first()
        or AcademicYear.objects.current()
    )
    if year is None:
        raise ValidationError(_("ยังไม่มีปีการศึกษาที่ครอบคลุมวันที่นี้ โปรดให้ผู้ดูแลระบบเพิ่มปีการศึกษา"))
    semester = year.semester_of(date) or (1 if date <= year.semester1_ends_on else 2)
    return year, semester


@transaction.atomic
def visit_plan(
    *,
    school: School,
    kind: str,
    date: datetime.date,
    template: FormTemplate,
    committee: Committee | None = None,
    supervisors: Iterable[User] = (),
    visit_no: int = 1,
    actor: User,
    submission_key: uuid.UUID | None = None,
) -> Visit:
    """Plan a visit and create the empty rows of its form, so opening the form to fill
    it only reads. With ``submission_key``, the same form sent twice plans one visit."""
    if not Visit(school=school).can_be_planned_by(actor):
        raise PermissionDenied
    claimed = _claim_submission_key(
        submission_key, purpose=SubmissionKey.Purpose.VISIT_PLAN, actor=actor
    )
    year, semester = academic_year_for(date)
    if committee is not None and committee.area_office_id != school.area_office_id:
        raise ValidationError(_("คณะกรรมการต้องเป็นของสำนักงานเขตพื้นที่เดียวกับสถานศึกษา"))
    visit = Visit(
        school=school,
        academic_year=year,
        semester=semester,
        kind=kind,
        date=date,
        visit_no=visit_no,
        committee=committee,
        template=template,
    )
    visit.full_clean()
    visit.save()
    visit.supervisors.set(supervisors)
    visit_prepare_answers(visit=visit)
    VisitEvent.objects.create(visit=visit, action=VisitEvent.Action.PLANNED, actor=actor)
    visit_planned_notify(visit)  # the school's staff, once per visit
    _record_submission(claimed, visit.pk)
    return visit


@transaction.atomic
def visit_update_plan(
    *,
    visit: Visit,
    date: datetime.date,
    committee: Committee | None,
    supervisors: Iterable[User],
    visit_no: int,
    actor: User,
) -> Visit:
    if not visit.can_be_planned_by(actor):
        raise PermissionDenied
    if visit.is_published:
        raise ValidationError(_("รายงานเผยแพร่แล้ว แก้ไขแผนไม่ได้"))
    if committee is not None and committee.area_office_id != visit.school.area_office_id:
        raise ValidationError(_("คณะกรรมการต้องเป็นของสำนักงานเขตพื้นที่เดียวกับสถานศึกษา"))
    year, semester = academic_year_for(date)
    visit.date, visit.academic_year, visit.semester = date, year, semester
    visit.committee, visit.visit_no = committee, visit_no
    visit.full_clean()
    visit.save()
    visit.supervisors.set(supervisors)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CHANGE,
        obj=visit,
        detail=f"แก้ไขแผนการนิเทศ: วันที่ {date.isoformat()} ครั้งที่ {visit_no}",
    )
    return visit


def visit_prepare_answers(*, visit: Visit) -> None:
    """Create the empty answer rows of the visit's form once; safe to call again.

    Process 2 ๗.๑ rows are the assessed items of the school's applicable standard sets,
    prefilled with the school's targets for that academic year and, where the SAR of that
    year is already in, the level the school gave itself."""
    if visit.answers.exists():
        return
    template = visit.template
    if template.row_source == FormTemplate.RowSource.ITEMS:
        form_items = FormItem.objects.filter(section__template=template).order_by(
            "section__order", "order", "pk"
        )
        VisitAnswer.objects.bulk_create(
            [
                VisitAnswer(visit=visit, form_item=item, order=n)
                for n, item in enumerate(form_items)
            ],
            ignore_conflicts=True,
        )
        return
    items = Item.objects.applicable_to(visit.school, visit.academic_year_id)
    targets = {
        t.item_id: t
        for t in SchoolTarget.objects.filter(school=visit.school, academic_year=visit.academic_year)
    }
    self_levels = _sar_levels(visit)
    rows = []
    for n, item in enumerate(items):
        target = targets.get(item.pk)
        rows.append(
            VisitAnswer(
                visit=visit,
                standard_item=item,
                order=n,
                target_level=target.target_level if target else None,
                target_percent=target.target_percent if target else None,
                self_level=self_levels.get(item.pk, (None, None))[0],
                percent=self_levels.get(item.pk, (None, None))[1],
            )
        )
    VisitAnswer.objects.bulk_create(rows, ignore_conflicts=True)


def _sar_levels(visit: Visit) -> dict[int, tuple[int | None, Decimal | None]]:
    """{item id: (level, percent)} from the school's newest SAR version of the visit's year."""
    from sar.models import ItemResult, SARVersion

    version = (
        SARVersion.objects.filter(
            report__school=visit.school, report__academic_year=visit.academic_year
        )
        .order_by("-number")
        .first()
    )
    if version is None:
        return {}
    return {
        r.item_id: (r.level, r.result_percent) for r in ItemResult.objects.filter(version=version)
    }


def _mark_started(visit: Visit, actor: User) -> None:
    if visit.status == Visit.Status.PLANNED:
        visit.status = Visit.Status.IN_PROGRESS
        visit.save(update_fields=["status", "updated_at"])
        VisitEvent.objects.create(visit=visit, action=VisitEvent.Action.STARTED, actor=actor)


@transaction.atomic
def visit_save_answer(
    *,
    answer: VisitAnswer,
    data: Mapping[str, object],
    actor: User,
    lock_version: int | None = None,
) -> VisitAnswer:
    """Save one row of the form. With ``lock_version`` (the row's version the page was
    showing), a save typed before someone else's save of the row raises
    ``StaleEditError`` and changes nothing."""
    visit = Visit.objects.select_for_update().get(pk=answer.visit_id)
    if not visit.can_be_filled_by(actor):
        raise PermissionDenied
    visit.refuse_before_its_date()
    current = VisitAnswer.objects.select_for_update(of=("self",)).select_related("updated_by")
    current_answer = current.get(pk=answer.pk)
    if lock_version is not None and lock_version != current_answer.lock_version:
        raise StaleEditError(
            _stale_message(current_answer.updated_by, current_answer.updated_at),
            current=current_answer,
        )
    for field, value in data.items():
        setattr(answer, field, value)
    answer.updated_by = actor
    answer.lock_version = current_answer.lock_version + 1
    answer.full_clean()
    answer.save()
    _mark_started(visit, actor)
    return answer


SUMMARY_FIELDS = (
    "findings",
    "strengths",
    "improvements",
    "recommendations",
    "acceleration_measures",
)


@transaction.atomic
def visit_save_summary(
    *,
    visit: Visit,
    data: Mapping[str, object],
    actor: User,
    lock_version: int | None = None,
) -> Visit:
    """Save the visit's summary. With ``lock_version`` (the summary version the page was
    showing), a save typed before someone else's save raises ``StaleEditError``."""
    visit = (
        Visit.objects.select_for_update(of=("self",))
        .select_related("summary_updated_by")
        .get(pk=visit.pk)
    )
    if not visit.can_be_filled_by(actor):
        raise PermissionDenied
    visit.refuse_before_its_date()
    if lock_version is not None and lock_version != visit.summary_version:
        raise StaleEditError(
            _stale_message(visit.summary_updated_by, visit.updated_at), current=visit
        )
    for field in SUMMARY_FIELDS:
        if field in data:
            setattr(visit, field, data[field])
    visit.summary_version += 1
    visit.summary_updated_by = actor
    visit.save(
        update_fields=[*SUMMARY_FIELDS, "summary_version", "summary_updated_by", "updated_at"]
    )
    _mark_started(visit, actor)
    return visit


REQUIRED_TO_PUBLISH = ("strengths", "improvements", "recommendations")


@transaction.atomic
def visit_publish(*, visit: Visit, actor: User) -> Visit:
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if not visit.can_be_published_by(actor):
        raise PermissionDenied
    visit.refuse_before_its_date()
    missing = [
        str(field.verbose_name)
        for field in Visit._meta.concrete_fields
        if field.name in REQUIRED_TO_PUBLISH and not getattr(visit, field.name).strip()
    ]
    if missing:
        raise ValidationError(
            _("ยังเผยแพร่ไม่ได้ โปรดบันทึก: %(fields)s") % {"fields": ", ".join(missing)}
        )
    visit.status = Visit.Status.PUBLISHED
    visit.published_at = timezone.now()
    visit.published_by = actor
    visit.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    VisitEvent.objects.create(visit=visit, action=VisitEvent.Action.PUBLISHED, actor=actor)
    visit_published_notify(visit)  # the school's staff, once per visit
    visit_recommendations_give(visit=visit, actor=actor)
    return visit


def visit_due_on(visit: Visit) -> datetime.date:
    """What a visit recommends is due when the school next reports: the SAR of the visit's
    year, or half a year after the visit when that deadline is already past."""
    deadline = visit.academic_year.sar_deadline
    if deadline is not None and deadline > visit.date:
        return deadline
    return visit.date + datetime.timedelta(days=183)


def _summary_lines(text: str) -> list[str]:
    """One recommendation per line or numbered point of the summary's text."""
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-•*]|\(?[0-9๐-๙]+[.)])\s*", "", line).strip()
        if line:
            lines.append(line)
    return lines


@transaction.atomic
def visit_recommendations_give(*, visit: Visit, actor: User) -> list[Recommendation]:
    """Forms ๗.๑/๗.๒ once published: each row's recommendation (with its item, for the
    process 2 rows) and each line of the summary's recommendations becomes one the school
    follows up. Safe to call again: a visit followed up already gives nothing new."""
    if not visit.is_published:
        raise ValidationError(_("สร้างข้อเสนอแนะได้เฉพาะรายงานการนิเทศที่เผยแพร่แล้ว"))
    source_type = ContentType.objects.get_for_model(Visit)
    if Recommendation.objects.filter(source_type=source_type, source_id=visit.pk).exists():
        return []
    due_on = visit_due_on(visit)
    given = []
    rows = visit.answers.exclude(recommendation="").select_related(
        "standard_item__standard", "form_item"
    )
    for answer in rows.order_by("order", "pk"):
        text = answer.recommendation
        if answer.form_item is not None:
            text = f"{answer.form_item.code} {text}"
        given.append(
            recommendation_give(
                school=visit.school,
                academic_year=visit.academic_year,
                source=Recommendation.Source.VISIT,
                source_object=visit,
                item=answer.standard_item,
                text=text,
                due_on=due_on,
                actor=actor,
            )
        )
    given.extend(
        recommendation_give(
            school=visit.school,
            academic_year=visit.academic_year,
            source=Recommendation.Source.VISIT,
            source_object=visit,
            text=line,
            due_on=due_on,
            actor=actor,
        )
        for line in _summary_lines(visit.recommendations)
    )
    return given


@transaction.atomic
def visit_acknowledge(*, visit: Visit, actor: User, response: str) -> Visit:
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if not visit.can_be_acknowledged_by(actor):
        raise PermissionDenied
    visit.acknowledged_at = timezone.now()
    visit.acknowledged_by = actor
    visit.school_response = response
    visit.save(
        update_fields=["acknowledged_at", "acknowledged_by", "school_response", "updated_at"]
    )
    VisitEvent.objects.create(
        visit=visit, action=VisitEvent.Action.ACKNOWLEDGED, actor=actor, note=response
    )
    return visit


@transaction.atomic
def self_evaluation_record(
    *,
    school: School,
    date: datetime.date,
    committee_order: str = "",
    committee_members: Iterable[Mapping[str, str]] = (),
    notes: str = "",
    levels: Mapping[int, int | None],
    actor: User,
    instance: SelfEvaluation | None = None,
    submission_key: uuid.UUID | None = None,
) -> SelfEvaluation:
    """Create or update a school's semester self-evaluation with its per-standard levels
    and its committee (``committee_members``: name, position, role; replaces the list).
    With ``submission_key``, the same create form sent twice records one evaluation."""
    claimed = None
    if instance is None:
        claimed = _claim_submission_key(
            submission_key, purpose=SubmissionKey.Purpose.SELF_EVALUATION, actor=actor
        )
    year, semester = academic_year_for(date)
    evaluation = instance or SelfEvaluation(school=school)
    evaluation.academic_year = year
    evaluation.semester = semester
    evaluation.date = date
    evaluation.committee_order = committee_order
    evaluation.notes = notes
    evaluation.recorded_by = actor
    evaluation.full_clean()
    evaluation.save()
    for standard_id, level in levels.items():
        SelfEvaluationLevel.objects.update_or_create(
            self_evaluation=evaluation, standard_id=standard_id, defaults={"level": level}
        )
    members = [
        SelfEvaluationCommitteeMember(
            self_evaluation=evaluation,
            order=n,
            name=m["name"].strip(),
            position=(m.get("position") or "").strip(),
            role=m.get("role") or SelfEvaluationCommitteeMember.Role.MEMBER,
        )
        for n, m in enumerate(committee_members, start=1)
        if (m.get("name") or "").strip()
    ]
    chair = SelfEvaluationCommitteeMember.Role.CHAIR
    if sum(1 for m in members if m.role == chair) > 1:
        raise ValidationError(_("คณะกรรมการประเมินภายในมีประธานกรรมการได้เพียง 1 คน"))
    for member in members:
        member.full_clean(exclude=["self_evaluation"])
    evaluation.committee_members.all().delete()
    SelfEvaluationCommitteeMember.objects.bulk_create(members)
    _record_submission(claimed, evaluation.pk)
    return evaluation
