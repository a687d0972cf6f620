"""Demo: a finished, published synthesis of last year (2568) from the demo SARs, so a
newcomer sees the district report at once. Runs after sar.demo; idempotent."""

from iqa_district.accounts.models import User
from schools.models import AcademicYear

from ..models import SelfAssessmentReport, SynthesisRun
from . import services

DEMO_YEAR = 2568


def seed(office, *, stdout):
    if (
        SynthesisRun.objects.published()
        .filter(area_office=office, academic_year=DEMO_YEAR)
        .exists()
    ):
        stdout.write(f"synthesis: {DEMO_YEAR} already published")
        return
    academic_year = AcademicYear.objects.filter(year=DEMO_YEAR).first()
    accepted = SelfAssessmentReport.objects.filter(
        school__area_office=office,
        academic_year=DEMO_YEAR,
        status=SelfAssessmentReport.Status.ACCEPTED,
    ).count()
    if academic_year is None or not accepted:
        stdout.write(f"synthesis: no accepted SARs for {DEMO_YEAR}; nothing to synthesise")
        return
    supervisors = User.objects.filter(area_office=office, role=User.Role.SUPERVISOR)
    # The demo login "supervisor" starts and publishes it, as a newcomer would.
    supervisor = supervisors.filter(username="supervisor").first() or supervisors.first()
    run = (
        SynthesisRun.objects.filter(
            area_office=office, academic_year=academic_year, status=SynthesisRun.Status.DONE
        )
        .order_by("-finished_at")
        .first()
    )
    if run is None:
        # Any run left pending or running by an interrupted seed is failed first, so
        # the demo never waits on a worker that is not there.
        SynthesisRun.objects.filter(
            area_office=office, academic_year=academic_year, status__in=services.ACTIVE
        ).update(status=SynthesisRun.Status.FAILED, failure_reason="interrupted demo seed")
        run = services.synthesis_start(
            office=office, academic_year=academic_year, actor=supervisor, queue=False
        )
        # Synchronously, not through the broker: the demo needs no worker.
        if not services.synthesis_execute(run_id=run.pk):
            run.refresh_from_db()
            stdout.write(f"synthesis: run {run.pk} failed: {run.failure_reason}")
            return
        run.refresh_from_db()
    services.synthesis_publish(run=run, actor=supervisor)
    stdout.write(f"synthesis: {DEMO_YEAR} published (run {run.pk}, {run.school_count} schools)")
