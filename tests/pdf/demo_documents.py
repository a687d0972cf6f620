"""Every official PDF the demo data can produce, rendered as the application renders it:
the synthesis of the demo year, each committee's appointment order, one visit report per
visit form (forms ๗.๑ of process 1 and ๗.๒ of process 2), the district reports (๗.๓) of
both processes, the cover memo sending the synthesis to OBEC, the login sheet that hands a
one-time code to a school without e-mail, the package sent to ONESQA per round
(process 3's readiness form ๗.๑ is one of the visit forms), one SAR's structured results and the cluster
supervisors' reports (form ๓ of
process 5); and the files as they were kept: each published ๗.๓ frozen at its publication
and each copy of the synthesis the district recorded as sent to OBEC or ONESQA.

Used by test_demo_documents.py (on a freshly seeded demo) and handy from a shell:

    from tests.pdf.demo_documents import demo_documents
    for name, pdf in demo_documents(office): ...
"""

from collections.abc import Iterator

from external_eval.models import OnesqaRound, OnesqaSynthesis
from external_eval.package.data import package_contents
from external_eval.package.documents import package_pdf
from external_eval.synthesis.pdf import synthesis_pdf as onesqa_synthesis_pdf
from iqa_district.accounts.pdf import LoginSheet, login_sheets_pdf
from research import documents as research_documents
from research.models import Instrument, ResearchSynthesis
from sar.models import SARVersion, SynthesisDispatch, SynthesisRun
from sar.pdf import sar_results_pdf
from sar.synthesis import pdf as synthesis_pdf
from schools.models import School
from supervision import pdf as supervision_pdf
from supervision import reports
from supervision.models import Committee, DistrictReport, Visit
from supervision.networks.models import ClusterReport
from supervision.networks.pdf import cluster_report_pdf
from supervision.plans import pdf as plans_pdf
from supervision.plans.models import ActionPlan, DevelopmentPlan, OfficeAssessment

# The strings a document must print as typed (Arabic digits): a login sheet's user name.
ALLOWED_DIGITS: dict[str, list[str]] = {}


def demo_documents(office) -> Iterator[tuple[str, bytes]]:
    """(artifact name, PDF bytes) of each official document of ``office``."""
    schools = School.objects.filter(area_office=office).order_by("code")[:2]
    sheets = [
        LoginSheet(
            username=school.code,
            name=school.name,
            code="KXRTPMWHNA",  # as one_time_code() prints them; the real ones are not kept
            school_name=school.name,
        )
        for school in schools
    ]
    ALLOWED_DIGITS["demo-login-sheets"] = [sheet.username for sheet in sheets]
    yield (
        "demo-login-sheets",
        login_sheets_pdf(
            sheets=sheets,
            office_name=office.name,
            login_url="https://iqa.example.go.th/accounts/login/",
        ),
    )
    for run in SynthesisRun.objects.published().filter(area_office=office):
        yield (
            f"demo-synthesis-{run.academic_year_id}",
            synthesis_pdf.render_pdf_bytes(run, run.results),
        )
        yield (
            f"demo-synthesis-appendix-{run.academic_year_id}",
            synthesis_pdf.render_appendix_pdf_bytes(run, run.results),
        )
        yield f"demo-synthesis-memo-{run.academic_year_id}", synthesis_pdf.cover_memo_pdf(run)
    for synthesis in OnesqaSynthesis.objects.published().filter(area_office=office):
        yield (
            f"demo-onesqa-synthesis-{synthesis.round.number}",
            onesqa_synthesis_pdf(synthesis.figures, synthesis),
        )
    # What the district sends ONESQA per round (the issues and the latest SARs).
    for onesqa_round in OnesqaRound.objects.order_by("number"):
        yield (
            f"demo-onesqa-package-{onesqa_round.number}",
            package_pdf(package_contents(office, onesqa_round)),
        )
    for committee in Committee.objects.filter(area_office=office).order_by("pk"):
        yield f"demo-committee-order-{committee.pk}", supervision_pdf.committee_order_pdf(committee)
    published = Visit.objects.filter(
        school__area_office=office, status=Visit.Status.PUBLISHED
    ).order_by("template_id", "pk")
    seen = set()
    for visit in published:
        if visit.template_id in seen:
            continue
        seen.add(visit.template_id)
        yield (
            f"demo-visit-report-p{visit.template.process}-{visit.template.form_no.replace('.', '_')}",
            (supervision_pdf.visit_report_pdf(visit)),
        )
    years = sorted({visit.academic_year for visit in published}, key=lambda y: y.year)
    for year in years:
        for process, build in (
            (1, reports.process1_district_report),
            (2, reports.process2_district_report),
        ):
            yield (
                f"demo-district-report-p{process}-{year.year}",
                (supervision_pdf.district_report_pdf(process, build(office=office, year=year))),
            )
    for report in DistrictReport.objects.published().filter(area_office=office).order_by("pk"):
        if report.pdf:
            with report.pdf.open("rb") as handle:
                yield (
                    f"demo-district-report-p{report.process}-published-{report.academic_year_id}",
                    handle.read(),
                )
    dispatches = SynthesisDispatch.objects.filter(run__area_office=office).order_by("pk")
    for dispatch in dispatches:
        with dispatch.file.open("rb") as handle:
            yield (
                f"demo-synthesis-sent-{dispatch.recipient}-{dispatch.run.academic_year_id}",
                handle.read(),
            )
    # One SAR's structured results (issue 18 item 6): a sent version that asks for help.
    version = (
        SARVersion.objects.filter(
            report__school__area_office=office, submitted_at__isnull=False, help_needs__isnull=False
        )
        .select_related("report__school__cluster", "report__academic_year")
        .order_by("report__school__code", "-number")
        .first()
    )
    if version is not None:
        yield (
            f"demo-sar-results-{version.report.school.code}",
            sar_results_pdf(version.report, version),
        )
    # The district plans (process 1 steps 5.2–7) and the office's self-assessment (seed 003).
    for plan in DevelopmentPlan.objects.filter(area_office=office).order_by("pk"):
        yield f"demo-plan-{plan.first_fiscal_year}", plans_pdf.plan_pdf(plan)
    for action_plan in ActionPlan.objects.filter(plan__area_office=office).order_by("pk"):
        yield f"demo-action-plan-{action_plan.fiscal_year}", plans_pdf.action_plan_pdf(action_plan)
        if action_plan.is_evaluated:
            yield (
                f"demo-plan-evaluation-{action_plan.fiscal_year}",
                plans_pdf.evaluation_pdf(action_plan),
            )
    for assessment in OfficeAssessment.objects.filter(area_office=office).order_by("pk"):
        yield (
            f"demo-office-assessment-{assessment.academic_year_id}",
            plans_pdf.office_assessment_pdf(assessment),
        )
    for cluster_report in ClusterReport.objects.filter(cluster__area_office=office).order_by("pk"):
        yield f"demo-cluster-report-{cluster_report.pk}", cluster_report_pdf(cluster_report)
    for research_synthesis in ResearchSynthesis.objects.filter(area_office=office).order_by("pk"):
        yield (
            f"demo-research-synthesis-{research_synthesis.academic_year_id}",
            research_documents.synthesis_pdf(office, research_synthesis.academic_year),
        )
    instrument = Instrument.objects.filter(project__area_office=office).order_by("pk").first()
    if instrument is not None:
        yield "demo-research-instrument-7_2", research_documents.instrument_pdf(instrument)
