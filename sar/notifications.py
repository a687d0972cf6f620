"""Who the SAR tells what, through ``iqa_district.notifications``: the school when its
SAR is returned or accepted, the supervisors when a SAR enters their queue, whoever
asked for a synthesis (or the office's supervisors) when it finishes or fails; every
morning, reminders to schools that have not sent their SAR ``SAR_REMINDER_DAYS`` before
the deadline, and the recommendations falling due; lines of the weekly digest."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from iqa_district import thai
from iqa_district.accounts.models import User
from iqa_district.notifications.models import Kind
from iqa_district.notifications.services import Notice, daily, digest_section, notify, notify_each
from schools.models import AcademicYear, School

from .followup.models import Recommendation
from .models import SAREvent, SelfAssessmentReport, SynthesisRun

Status = SelfAssessmentReport.Status
# Days a recommendation that fell due is still announced when the daily run was missed.
DUE_CATCH_UP_DAYS = 7


TOLD = {SAREvent.Action.SUBMITTED, SAREvent.Action.RETURNED, SAREvent.Action.ACCEPTED}


def _school_staff(school_ids: object) -> "list[User]":
    return list(
        User.objects.filter(
            school__in=school_ids, role=User.Role.SCHOOL_STAFF, is_active=True
        ).order_by("pk")
    )


def _supervisors_of(school: School) -> "list[User]":
    """The school's cluster supervisors; the office's supervisors if it has none."""
    if school.cluster is not None:
        chosen = list(school.cluster.supervisors.filter(is_active=True))
        if chosen:
            return chosen
    return list(
        User.objects.filter(
            area_office=school.area_office_id, role=User.Role.SUPERVISOR, is_active=True
        )
    )


def sar_event_notify(event: SAREvent) -> None:
    """Called by ``sar.services`` for every event, in its transaction; only a submission,
    a return and an acceptance tell anyone (a saved draft costs no query)."""
    if event.action not in TOLD:
        return
    report = event.report
    school = report.school
    year = report.academic_year_id
    link = reverse("sar:detail", args=[report.pk])
    key = f"sar-event:{event.pk}"
    if event.action == SAREvent.Action.SUBMITTED:
        notify(
            recipients=_supervisors_of(school),
            kind=Kind.SAR_SUBMITTED,
            key=key,
            title=f"{school.name} ส่ง SAR ปีการศึกษา {year} เข้าคิวตรวจแล้ว",
            body="โปรดตรวจและรับรายงาน หรือส่งกลับให้สถานศึกษาแก้ไข",
            link=reverse("sar:review_queue"),
        )
    elif event.action == SAREvent.Action.RETURNED:
        notify(
            recipients=_school_staff([school.pk]),
            kind=Kind.SAR_RETURNED,
            key=key,
            title=f"SAR ปีการศึกษา {year} ถูกส่งกลับให้แก้ไข",
            body=f"สิ่งที่ต้องแก้ไข: {event.comment}",
            link=link,
        )
    elif event.action == SAREvent.Action.ACCEPTED:
        notify(
            recipients=_school_staff([school.pk]),
            kind=Kind.SAR_ACCEPTED,
            key=key,
            title=f"สำนักงานเขตพื้นที่รับรายงาน SAR ปีการศึกษา {year} แล้ว",
            body=event.comment,
            link=link,
        )


def synthesis_notify(run_id: int) -> None:
    """A synthesis finished or failed: tell who asked for it, else the supervisors."""
    # Not the results: at a few hundred schools they are megabytes of JSON to decode.
    run = SynthesisRun.objects.select_related("requested_by").defer("results").get(pk=run_id)
    if run.status not in (SynthesisRun.Status.DONE, SynthesisRun.Status.FAILED):
        return
    recipients = [run.requested_by] if run.requested_by else []
    if not recipients:
        recipients = list(
            User.objects.filter(
                area_office=run.area_office_id, role=User.Role.SUPERVISOR, is_active=True
            )
        )
    year = run.academic_year_id
    done = run.status == SynthesisRun.Status.DONE
    notify(
        recipients=recipients,
        kind=Kind.SYNTHESIS_DONE if done else Kind.SYNTHESIS_FAILED,
        key=f"synthesis:{run.pk}:{run.status}:{run.attempts}",
        title=(
            f"การสังเคราะห์ SAR ปีการศึกษา {year} เสร็จสิ้นแล้ว"
            if done
            else f"การสังเคราะห์ SAR ปีการศึกษา {year} ล้มเหลว"
        ),
        body="" if done else f"สาเหตุ: {run.failure_reason}",
        link=reverse("sar:synthesis_detail", args=[run.pk]),
    )


def reminder_threshold(days_left: int) -> int | None:
    """The reminder due when the deadline is ``days_left`` away: the smallest of
    SAR_REMINDER_DAYS at or above it (so a missed morning is caught up the next), none
    past the deadline or before the first."""
    if days_left < 0:
        return None
    due = [d for d in settings.SAR_REMINDER_DAYS if d >= days_left]
    return min(due) if due else None


@daily
def sar_reminders(today: datetime.date, send_email: bool = True) -> int:
    """Remind the staff of every school whose SAR of a year with a coming deadline is
    not sent (none yet, a draft, or returned): once per threshold and person."""
    notices = []
    for year in AcademicYear.objects.filter(sar_deadline__gte=today):
        assert year.sar_deadline is not None  # filtered on it
        threshold = reminder_threshold((year.sar_deadline - today).days)
        if threshold is None:
            continue
        sent = SelfAssessmentReport.objects.filter(
            academic_year=year, status__in=[Status.SUBMITTED, Status.ACCEPTED]
        ).values("school")
        waiting = School.objects.filter(is_active=True).exclude(pk__in=sent)
        deadline = thai.format_date_long(year.sar_deadline, digits="arabic")
        be = year.year
        for user in User.objects.filter(
            school__in=waiting, role=User.Role.SCHOOL_STAFF, is_active=True
        ).select_related("school"):
            left = (year.sar_deadline - today).days
            notices.append(
                Notice(
                    user,
                    Kind.SAR_REMINDER,
                    f"sar-reminder:{year.year}:{user.school_id}:{threshold}",
                    f"อีก {left} วัน ถึงกำหนดส่ง SAR ปีการศึกษา {be}"
                    if left
                    else f"วันนี้เป็นวันกำหนดส่ง SAR ปีการศึกษา {be}",
                    f"{user.school.name} ยังไม่ได้ส่งรายงานการประเมินตนเอง (SAR) "
                    f"ปีการศึกษา {be} กำหนดส่งภายในวันที่ {deadline}",
                    reverse("sar:my"),
                )
            )
    return len(notify_each(notices, send_email=send_email))


@daily
def recommendations_due(today: datetime.date, send_email: bool = True) -> int:
    """Tell a school's staff when one of its open recommendations falls due."""
    due = (
        Recommendation.objects.open()
        .exclude(status=Recommendation.Status.DONE)
        .filter(due_on__lte=today, due_on__gte=today - datetime.timedelta(days=DUE_CATCH_UP_DAYS))
        .select_related("school")
    )
    by_school: dict[int, list[Recommendation]] = {}
    for recommendation in due:
        by_school.setdefault(recommendation.school_id, []).append(recommendation)
    notices = [
        Notice(
            user,
            Kind.RECOMMENDATION_DUE,
            f"recommendation-due:{recommendation.pk}:{recommendation.due_on}",
            "ข้อเสนอแนะถึงกำหนดแล้วเสร็จ "
            + thai.format_date_long(recommendation.due_on, digits="arabic"),
            f"{recommendation.text}\nโปรดบันทึกผลการดำเนินการ",
            reverse("followup:detail", args=[recommendation.pk]),
        )
        for user in _school_staff(list(by_school))
        for recommendation in by_school[user.school_id]  # type: ignore[index]
    ]
    return len(notify_each(notices, send_email=send_email))


@digest_section
def sar_digest(supervisor: User, today: datetime.date) -> list[str]:
    office = supervisor.area_office_id
    waiting = SelfAssessmentReport.objects.filter(
        school__area_office=office, status=Status.SUBMITTED
    ).count()
    overdue = (
        Recommendation.objects.filter(school__area_office=office)
        .overdue(today)
        .filter(Q(school__cluster__supervisors=supervisor) | Q(school__cluster__isnull=True))
        .count()
    )
    lines = []
    if waiting:
        lines.append(f"SAR รอตรวจในคิวของเขต {waiting} ฉบับ")
    if overdue:
        lines.append(f"ข้อเสนอแนะที่เลยกำหนดในสถานศึกษาที่ท่านดูแล {overdue} รายการ")
    return lines
