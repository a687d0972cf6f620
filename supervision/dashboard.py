import datetime

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district import thai
from iqa_district.dashboard import Card, Todo, register, register_todo
from schools.models import AcademicYear, School

from . import compliance
from .models import SelfEvaluation, Visit


@register
def supervision_cards(user):
    if user.is_school_staff:
        waiting = Visit.objects.visible_to(user).filter(acknowledged_at__isnull=True).count()
        return [
            Card(
                title=_("รายงานผลการนิเทศรอรับทราบ"),
                value=waiting,
                url=reverse("supervision:visit_list"),
                note=_("รายงานที่เขตพื้นที่เผยแพร่แล้ว โปรดบันทึกการรับทราบและความเห็น"),
                tone="warning" if waiting else "success",
                order=40,
            )
        ]
    if user.is_committee_member:
        counts = Visit.objects.visible_to(user).aggregate(
            open=Count("pk", filter=~Q(status=Visit.Status.PUBLISHED)),
            done=Count("pk", filter=Q(status=Visit.Status.PUBLISHED)),
        )
        return [
            Card(
                title=_("การนิเทศที่ได้รับมอบหมาย"),
                value=counts["open"],
                url=reverse("supervision:visit_list"),
                note=_("เผยแพร่รายงานแล้ว %(done)s ครั้ง") % counts,
                order=40,
            )
        ]
    if not user.is_district_staff:
        return []
    today = timezone.localdate()
    first = today.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    month = Visit.objects.visible_to(user).filter(date__gte=first, date__lt=following)
    counts = month.aggregate(
        total=Count("pk"), published=Count("pk", filter=Q(status=Visit.Status.PUBLISHED))
    )
    cards = [
        Card(
            title=_("การนิเทศ/ตรวจเยี่ยมเดือนนี้"),
            value=counts["total"],
            url=reverse("supervision:calendar"),
            note=_("เผยแพร่รายงานแล้ว %(published)s ครั้ง") % counts,
            order=40,
        )
    ]
    year = AcademicYear.objects.current()
    week_start = today - datetime.timedelta(days=(today.weekday() + 1) % 7)  # Sunday
    week_end = week_start + datetime.timedelta(days=6)
    # The visit list's own filters (it shows the current year unless asked), so the
    # count is the list's.
    week_link = f"?from={week_start.isoformat()}&to={week_end.isoformat()}"
    week = Visit.objects.visible_to(user).filter(date__range=(week_start, week_end))
    if year is not None:
        week = week.filter(academic_year=year)
        week_link += f"&year={year.year}"
    this_week = week.count()
    cards.append(
        Card(
            title=_("การนิเทศ/ตรวจเยี่ยมสัปดาห์นี้"),
            value=this_week,
            url=reverse("supervision:visit_list") + week_link,
            note=_("%(start)s ถึง %(end)s")
            % {
                "start": thai.format_date_page(week_start),
                "end": thai.format_date_page(week_end),
            },
            tone="info" if this_week else "secondary",
            order=39,
        )
    )
    if year is not None:
        # Counted by the database (the compliance page counts the same way), so the
        # cost does not grow with the office's schools built as rows.
        schools = School.objects.visible_to(user).active()
        summary = compliance.cached_summary(schools, year, today)
        page = reverse("supervision:compliance")
        cards.append(
            Card(
                title=_("การดำเนินงานตามเกณฑ์ ปีการศึกษา %(y)s") % {"y": year.year},
                value=summary["counts"]["green"],
                url=f"{page}?year={year.year}&status={compliance.GREEN}",
                note=_("สถานศึกษาที่ดำเนินการครบถ้วน จาก %(n)s แห่ง") % {"n": summary["total"]},
                tone="success" if summary["overall"] == compliance.GREEN else "warning",
                order=41,
                details=[
                    (_("อยู่ระหว่างดำเนินการ"), summary["counts"]["amber"]),
                    (_("ยังไม่ดำเนินการ"), summary["counts"]["red"]),
                ],
            )
        )
        red = summary["counts"]["red"]
        cards.append(
            Card(
                title=_("สถานศึกษาที่ยังไม่ดำเนินการตามเกณฑ์"),
                value=red,
                url=f"{page}?year={year.year}&status={compliance.RED}",
                note=_("มีอย่างน้อย 1 รายการที่เลยกำหนดแล้ว ปีการศึกษา %(y)s") % {"y": year.year},
                tone="danger" if red else "success",
                order=42,
            )
        )
    return cards


@register_todo
def supervision_todos(user, today):
    """Published visit reports the school has not acknowledged, and this semester's
    self-evaluation until one is recorded."""
    if not user.is_school_staff:
        return []
    todos = []
    waiting = (
        Visit.objects.visible_to(user)
        .filter(acknowledged_at__isnull=True)
        .aggregate(n=Count("pk"), since=Min("published_at"))
    )
    if waiting["n"]:
        since = waiting["since"]
        todos.append(
            Todo(
                key="acknowledge",
                title=_("รับทราบรายงานผลการนิเทศ %(n)s ฉบับ") % waiting,
                url=reverse("supervision:visit_list"),
                note=_("เผยแพร่ตั้งแต่ %(date)s")
                % {"date": thai.format_date_page(timezone.localtime(since).date())}
                if since
                else "",
            )
        )
    year = AcademicYear.objects.current()
    semester = year.semester_of(today) if year else None
    if semester is not None:
        done = SelfEvaluation.objects.filter(
            school=user.school_id, academic_year=year, semester=semester
        ).exists()
        if not done:
            todos.append(
                Todo(
                    key="self_evaluation",
                    title=_("ประเมินคุณภาพภายใน ภาคเรียนที่ %(s)s/%(y)s")
                    % {"s": semester, "y": year.year},
                    url=reverse("supervision:self_evaluation_create"),
                    due=year.semester1_ends_on if semester == 1 else year.semester2_ends_on,
                    note=_("อย่างน้อยภาคเรียนละ 1 ครั้ง"),
                )
            )
    return todos
