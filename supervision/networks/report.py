"""Form ๓, the cluster supervisor's report: what forms ๑ and ๒ already say (the ranked
needs, the activities with their attendance and objectives achieved), computed when the
report is shown or printed, beside what the supervisor wrote. A fixed number of queries."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from .attendance import attendance_by_activity, objectives_achieved, percent
from .models import Activity, ClusterReport, NeedsSurvey, Participant
from .needs import ranked_needs, support_counts


@dataclass
class ActivityLine:
    activity: Activity
    invited: int
    attended: int
    objectives: int
    achieved: int

    @property
    def share(self) -> float:
        return percent(self.attended, self.invited)


def report_context(report: ClusterReport) -> dict[str, Any]:
    cluster = report.cluster
    survey = (
        NeedsSurvey.objects.filter(cluster=cluster, academic_year=report.academic_year_id)
        .annotate(answered=Count("responses"))
        .first()
    )
    activities = (
        Activity.objects.filter(
            plan__cluster=cluster,
            plan__academic_year=report.academic_year_id,
            starts_on__gte=report.period_start,
            starts_on__lte=report.period_end,
        )
        .select_related("network")
        .order_by("starts_on", "pk")
    )
    attendance = attendance_by_activity(activities)
    achieved = objectives_achieved(activities)
    lines = [
        ActivityLine(
            activity=activity,
            invited=attendance.get(activity.pk, (0, 0))[0],
            attended=attendance.get(activity.pk, (0, 0))[1],
            objectives=achieved.get(activity.pk, (0, 0))[0],
            achieved=achieved.get(activity.pk, (0, 0))[1],
        )
        for activity in activities
    ]
    done = [line for line in lines if line.activity.status == Activity.Status.DONE]
    reached = (
        Participant.objects.filter(activity__in=activities, attended=True, school__isnull=False)
        .values("school")
        .distinct()
        .count()
    )
    objectives = sum(line.objectives for line in done)
    met = sum(line.achieved for line in done)
    return {
        "report": report,
        "cluster": cluster,
        "supervisors": list(cluster.supervisors.order_by("first_name")),
        "school_count": cluster.schools.count(),
        "survey": survey,
        "ranked": ranked_needs(survey) if survey else [],
        "supports": support_counts(survey) if survey else [],
        "lines": lines,
        "planned": len(lines),
        "done": len(done),
        "attended": sum(line.attended for line in done),
        "invited": sum(line.invited for line in done),
        "attendance_share": percent(
            sum(line.attended for line in done), sum(line.invited for line in done)
        ),
        "schools_reached": reached,
        "objectives": objectives,
        "objectives_met": met,
        "objectives_share": percent(met, objectives),
    }
