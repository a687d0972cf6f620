"""The SAR submission tracker: one row per school for a year, its summary, and the XLSX
export. Two queries whatever the number of schools (schools, then their reports).

The page counts in the database (``tracker_counts``, one grouped query) and filters and
pages there (``tracker_filter``), building rows only for the page it shows; the export
builds every row."""

import dataclasses
import datetime
import io

from django.db.models import Count, FilteredRelation, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district import thai
from iqa_district.spreadsheets import neutralise

from .forms import NOT_STARTED
from .models import SelfAssessmentReport, days_late

Status = SelfAssessmentReport.Status
STATUS_ORDER = [NOT_STARTED, Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.ACCEPTED]


def status_label(status):
    if status == NOT_STARTED:
        return _("ยังไม่เริ่มจัดทำ")
    return Status(status).label


@dataclasses.dataclass
class TrackerRow:
    school: object
    report: SelfAssessmentReport | None
    status: str
    submitted_at: object
    days_late: int

    @property
    def status_label(self):
        return status_label(self.status)

    @property
    def has_sent(self):
        return self.submitted_at is not None

    @property
    def is_public(self):
        """What the public pages show: a SAR sent to the district and not hidden."""
        return self.has_sent and bool(self.report and self.report.is_public)


def tracker_rows(schools, year, *, user, today=None):
    """Every school of ``schools`` (a queryset, or a page of schools already fetched)
    with its SAR status for ``year`` (an AcademicYear)."""
    reports_of_year = SelfAssessmentReport.objects.visible_to(user).filter(academic_year=year)
    if isinstance(schools, list):
        reports_of_year = reports_of_year.filter(school__in=[school.pk for school in schools])
    else:
        schools = schools.select_related("cluster").order_by("cluster__name", "code")
    reports = {
        r.school_id: r
        for r in reports_of_year.only(
            "pk",
            "school_id",
            "status",
            "first_submitted_at",
            "last_submitted_at",
            "accepted_at",
            "is_public",
        )
    }
    today = today or timezone.localdate()
    rows = []
    for school in schools:
        report = reports.get(school.pk)
        submitted_at = report.first_submitted_at if report else None
        rows.append(
            TrackerRow(
                school=school,
                report=report,
                status=report.status if report else NOT_STARTED,
                submitted_at=submitted_at,
                days_late=days_late(year.sar_deadline, submitted_at, today=today),
            )
        )
    return rows


def _counts(rows):
    numbers = {
        "total": len(rows),
        "sent": sum(1 for row in rows if row.has_sent),
        "public": sum(1 for row in rows if row.is_public),
        "late": sum(1 for row in rows if row.days_late > 0),
    }
    for row in rows:
        numbers[row.status] = numbers.get(row.status, 0) + 1
    return _counts_of(numbers)


@dataclasses.dataclass(frozen=True)
class ClusterName:
    """What the summary shows of a cluster, read in the counting query."""

    pk: int
    name: str


def _with_report(schools, year):
    """The schools joined to their report of ``year`` (at most one: a unique pair)."""
    return schools.annotate(report=FilteredRelation("sars", condition=Q(sars__academic_year=year)))


def _late(year, today):
    """``days_late(...) > 0`` as a condition: first sent after the deadline's local day,
    or not sent and the deadline past."""
    if year.sar_deadline is None:
        return None
    after = timezone.make_aware(
        datetime.datetime.combine(year.sar_deadline + datetime.timedelta(days=1), datetime.time())
    )
    late = Q(report__first_submitted_at__gte=after)
    if today > year.sar_deadline:
        late |= Q(report__first_submitted_at__isnull=True)
    return late


def tracker_counts(schools, year, *, today=None):
    """What ``tracker_summary(tracker_rows(...))`` says, counted by the database in one
    query grouped by cluster."""
    today = today or timezone.localdate()
    sent = Q(report__first_submitted_at__isnull=False)
    aggregates = {
        "total": Count("pk"),
        "sent": Count("pk", filter=sent),
        "public": Count("pk", filter=sent & Q(report__is_public=True)),
        NOT_STARTED: Count("pk", filter=Q(report__pk__isnull=True)),
        **{status: Count("pk", filter=Q(report__status=status)) for status in Status.values},
    }
    if (late := _late(year, today)) is not None:
        aggregates["late"] = Count("pk", filter=late)
    grouped = {
        (row.pop("cluster"), row.pop("cluster__name")): row
        for row in _with_report(schools, year)
        .order_by()
        .values("cluster", "cluster__name")
        .annotate(**aggregates)
    }
    district: dict[str, int] = {}
    for numbers in grouped.values():
        for key, value in numbers.items():
            district[key] = district.get(key, 0) + value
    per_cluster = sorted(
        (
            (ClusterName(pk, name) if pk else None, _counts_of(numbers))
            for (pk, name), numbers in grouped.items()
        ),
        key=lambda kv: (kv[0] is None, kv[0].name if kv[0] else ""),
    )
    return {"district": _counts_of(district), "clusters": per_cluster}


def _counts_of(numbers):
    total, sent, public = (numbers.get(k, 0) for k in ("total", "sent", "public"))
    by_status = {s: numbers.get(s, 0) for s in STATUS_ORDER}
    return {
        "public": public,
        "public_percent": round(100 * public / total, 1) if total else 0,
        "hidden": sent - public,
        "total": total,
        "sent": sent,
        "returned": by_status[Status.RETURNED],
        "sent_percent": round(100 * sent / total, 1) if total else 0,
        "accepted_percent": round(100 * by_status[Status.ACCEPTED] / total, 1) if total else 0,
        "late": numbers.get("late", 0),
        "by_status": [(status_label(s), by_status[s], s) for s in STATUS_ORDER],
    }


def tracker_filter(schools, year, *, cluster=None, status="", q=""):
    """The schools the tracker's filters keep, in the page's order, filtered in SQL."""
    from .forms import HIDDEN

    schools = _with_report(schools, year)
    if cluster is not None:
        schools = schools.filter(cluster=cluster)
    if status == HIDDEN:
        schools = schools.filter(report__first_submitted_at__isnull=False, report__is_public=False)
    elif status == NOT_STARTED:
        schools = schools.filter(report__pk__isnull=True)
    elif status:
        schools = schools.filter(report__status=status)
    if q:
        schools = schools.filter(Q(name__contains=q) | Q(code__contains=q))
    return schools.order_by("cluster__name", "code")


def tracker_summary(rows):
    """Counts and percentages for the district and for each cluster."""
    clusters = {}
    for row in rows:
        clusters.setdefault(row.school.cluster, []).append(row)
    per_cluster = [
        (cluster, _counts(cluster_rows))
        for cluster, cluster_rows in sorted(
            clusters.items(), key=lambda kv: (kv[0] is None, kv[0].name if kv[0] else "")
        )
    ]
    return {"district": _counts(rows), "clusters": per_cluster}


def tracker_workbook(rows, year, summary):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("รายโรงเรียน")
    sheet.append([neutralise(_("ติดตามการส่ง SAR ปีการศึกษา %(year)s") % {"year": year.year})])
    if year.sar_deadline:
        sheet.append([_("กำหนดส่ง"), thai.format_date_long(year.sar_deadline, digits="arabic")])
    sheet.append([])
    header = [
        _("รหัสสถานศึกษา"),
        _("ชื่อสถานศึกษา"),
        _("สหวิทยาเขต/กลุ่มเครือข่าย"),
        _("สถานะ"),
        _("วันที่ส่ง"),
        _("ส่งช้า (วัน)"),
    ]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(
            [
                neutralise(row.school.code),
                neutralise(row.school.name),
                neutralise(row.school.cluster.name if row.school.cluster else ""),
                neutralise(str(row.status_label)),
                thai.format_date_short(row.submitted_at) if row.submitted_at else "",
                row.days_late,
            ]
        )
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 36
    sheet.column_dimensions["D"].width = 20

    totals = workbook.create_sheet(_("สรุป"))
    totals.append(
        [_("กลุ่ม"), _("จำนวนสถานศึกษา"), _("ส่งแล้ว"), _("ร้อยละที่ส่ง"), _("ส่งช้า")]
        + [str(label) for label, _count, _s in summary["district"]["by_status"]]
    )
    for cell in totals[1]:
        cell.font = Font(bold=True)

    def line(label, counts):
        totals.append(
            [
                neutralise(label),
                counts["total"],
                counts["sent"],
                counts["sent_percent"],
                counts["late"],
            ]
            + [count for _label, count, _s in counts["by_status"]]
        )

    line(_("ทั้งเขตพื้นที่"), summary["district"])
    for cluster, counts in summary["clusters"]:
        line(cluster.name if cluster else _("ไม่ระบุกลุ่ม"), counts)
    totals.column_dimensions["A"].width = 40

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
