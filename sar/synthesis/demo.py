"""Demo: a finished, published synthesis of last year (2568) from the demo SARs, so a
newcomer sees the district report at once, with the issues the district and stakeholders
want evaluated at a few schools, and its sending to OBEC recorded. Runs after sar.demo;
idempotent."""

from django.utils import timezone

from iqa_district.accounts.models import User
from schools.models import AcademicYear

from ..models import SelfAssessmentReport, SynthesisRun
from . import record_services, services
from .models import EvaluationIssue, SynthesisDispatch

DEMO_YEAR = 2568
# (school index, source, who proposed it, the issue)
ISSUES = [
    (
        0,
        "stakeholder",
        "คณะกรรมการสถานศึกษาขั้นพื้นฐาน",
        "ความสามารถในการอ่านออกเขียนได้ของนักเรียนชั้นประถมศึกษาปีที่ ๑",
    ),
    (0, "district", "", "การนำผลการประเมินตนเองไปใช้วางแผนพัฒนาในปีการศึกษาถัดไป"),
    (2, "agency", "องค์การบริหารส่วนตำบล", "ความปลอดภัยของอาคารเรียนและการจัดการขยะในสถานศึกษา"),
    (5, "stakeholder", "เครือข่ายผู้ปกครอง", "ทักษะการใช้เทคโนโลยีดิจิทัลของผู้เรียน"),
    (7, "district", "", "ผลการทดสอบระดับชาติ (O-NET) วิชาคณิตศาสตร์ที่ต่ำกว่าค่าเฉลี่ยของเขต"),
]


def seed_issues(office, academic_year, supervisor):
    """The issues supervisors collected for the synthesis of the year (once)."""
    if (
        supervisor is None
        or EvaluationIssue.objects.filter(
            school__area_office=office, academic_year=academic_year
        ).exists()
    ):
        return 0
    schools = list(office.schools.filter(is_active=True).order_by("code")[:10])
    for index, source, source_name, text in ISSUES:
        if index < len(schools):
            record_services.evaluation_issue_add(
                school=schools[index],
                academic_year=academic_year,
                source=source,
                source_name=source_name,
                text=text,
                actor=supervisor,
            )
    return len(ISSUES)


def seed_dispatch(run, supervisor):
    """The district sent the published synthesis to OBEC (once)."""
    if supervisor is None or SynthesisDispatch.objects.filter(run=run).exists():
        return
    record_services.synthesis_dispatch_record(
        run=run,
        recipient=SynthesisDispatch.Recipient.OBEC,
        sent_on=timezone.localdate(),
        reference="ศธ ๐๔๑๒๖/๒๕๖๙",
        note="ระบบสารบรรณอิเล็กทรอนิกส์ (My Office)",
        actor=supervisor,
    )


def _supervisor(office):
    supervisors = User.objects.filter(area_office=office, role=User.Role.SUPERVISOR)
    # The demo login "supervisor" starts and publishes it, as a newcomer would.
    return supervisors.filter(username="supervisor").first() or supervisors.first()


def seed(office, *, stdout):
    academic_year = AcademicYear.objects.filter(year=DEMO_YEAR).first()
    if academic_year is not None:
        seed_issues(office, academic_year, _supervisor(office))
    published = SynthesisRun.objects.published().filter(area_office=office, academic_year=DEMO_YEAR)
    if published.exists():
        seed_dispatch(published.get(), _supervisor(office))
        stdout.write(f"synthesis: {DEMO_YEAR} already published")
        return
    accepted = SelfAssessmentReport.objects.filter(
        school__area_office=office,
        academic_year=DEMO_YEAR,
        status=SelfAssessmentReport.Status.ACCEPTED,
    ).count()
    if academic_year is None or not accepted:
        stdout.write(f"synthesis: no accepted SARs for {DEMO_YEAR}; nothing to synthesise")
        return
    supervisor = _supervisor(office)
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
    run.refresh_from_db()
    seed_dispatch(run, supervisor)
    stdout.write(f"synthesis: {DEMO_YEAR} published (run {run.pk}, {run.school_count} schools)")
