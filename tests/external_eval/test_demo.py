"""The demo shows the whole of process 3: rounds 4 and 5, a fifth of the schools with
ONESQA's levels, two re-evaluations, the oral-report committee with its order, real PDF
reports, recommendations in every follow-up state; a second run adds nothing."""

import io

import pypdf
import pytest

from external_eval import demo, readiness
from external_eval.comparison import side_by_side
from external_eval.models import (
    EvaluationDocument,
    ExternalEvaluation,
    OnesqaPackage,
    OnesqaRound,
    OnesqaStandardResult,
    OnesqaSynthesis,
)
from external_eval.synthesis.pdf import synthesis_pdf
from iqa_district.management.commands.seed_demo import seed_users
from sar import demo as sar_demo
from sar.followup.models import Recommendation
from schools import demo as schools_demo
from standards import demo as standards_demo
from supervision import demo as supervision_demo
from supervision.models import Committee
from tests.pdf.tools import check_official_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    office = schools_demo.seed_office()
    users = seed_users(office)
    out = io.StringIO()
    for module in (standards_demo, sar_demo, supervision_demo, demo):
        module.seed(office, stdout=out)
    return office, users


def counts():
    return (
        ExternalEvaluation.objects.count(),
        EvaluationDocument.objects.count(),
        OnesqaStandardResult.objects.count(),
        Recommendation.objects.filter(source=Recommendation.Source.ONESQA).count(),
        ExternalEvaluation.objects.filter(readiness_visit__isnull=False).count(),
        OnesqaPackage.objects.count(),
    )


def test_demo_shows_the_whole_process_once(seeded):
    office, users = seeded
    assert list(OnesqaRound.objects.order_by("number").values_list("number", flat=True)) == [4, 5]
    schools = office.schools.filter(is_active=True).count()
    with_results = (
        ExternalEvaluation.objects.filter(results__isnull=False).values("school").distinct().count()
    )
    assert schools // 6 <= with_results <= schools // 4  # about a fifth
    # Every standard of the school's levels has ONESQA's level, and some are two below.
    evaluation = ExternalEvaluation.objects.filter(results__isnull=False).first()
    assert evaluation.results.count() == len(side_by_side(evaluation)) >= 3
    flagged = [
        row
        for e in ExternalEvaluation.objects.filter(results__isnull=False).distinct()[:20]
        for row in side_by_side(e)
        if row.flagged
    ]
    assert flagged

    again = ExternalEvaluation.objects.filter(kind=ExternalEvaluation.Kind.REEVALUATION)
    assert again.count() == 2
    for evaluation in again:
        assert evaluation.reevaluation_of.status == ExternalEvaluation.Status.REEVAL_REQUESTED
        assert evaluation.reevaluation_of.documents.filter(kind="reeval").exists()

    committee = Committee.objects.get(area_office=office, kind=Committee.Kind.ONESQA_ORAL)
    assert committee.order_number and committee.order_date
    attended = ExternalEvaluation.objects.filter(oral_committee=committee)
    assert attended.count() == 3
    assert set(ExternalEvaluation.objects.visible_to(users["committee"])) == set(attended)
    draft = ExternalEvaluation.objects.get(
        oral_committee=committee,
        status=ExternalEvaluation.Status.DRAFT_RECEIVED,
        documents__kind="comments",
    )
    assert 0 < draft.comment_days_left() <= 15

    document = EvaluationDocument.objects.filter(kind="final").first()
    with document.file.open("rb") as handle:
        assert len(pypdf.PdfReader(handle).pages) == 1
    assert set(EvaluationDocument.objects.values_list("kind", flat=True)) == set(
        EvaluationDocument.Kind.values
    )

    onesqa = Recommendation.objects.filter(source=Recommendation.Source.ONESQA)
    states = set(onesqa.values_list("status", flat=True))
    assert states == set(Recommendation.Status.values)
    assert onesqa.filter(status="done", confirmed_at__isnull=False).exists()
    assert onesqa.filter(status="done", confirmed_at__isnull=True).exists()

    # Round 5 is under way: due in the coming months, some readiness checked already.
    upcoming = ExternalEvaluation.objects.filter(
        round__number=5, status__in=["scheduled", "ready_checked"]
    )
    assert upcoming.count() >= 10 and upcoming.filter(status="ready_checked").exists()
    assert upcoming.filter(school=users["school2"].school).exists()

    # Readiness forms (๗.๑ of process 3): filled and published for the checked ones,
    # one planned for today; round 4's package is recorded as sent, round 5's is not.
    checked = upcoming.filter(status="ready_checked")
    assert checked.filter(readiness_visit__status="published").count() == checked.count()
    scores = readiness.readiness_of(checked)
    assert {s.ready for s in scores.values()} == {True, False}
    assert upcoming.filter(readiness_visit__status="planned").count() == 1
    assert OnesqaPackage.objects.get(area_office=office).round.number == 4

    # Round 4's ๗.๓ is published, with the figures of the demo's results.
    synthesis = OnesqaSynthesis.objects.published().get(area_office=office)
    assert synthesis.round.number == 4 and synthesis.figures["schools"] == with_results
    assert "ตรงกันร้อยละ" in synthesis.narrative and synthesis.figures["flagged"]
    check_official_pdf(
        synthesis_pdf(synthesis.figures, synthesis),
        "demo-onesqa-synthesis",
        expect_text=["รูปแบบการสังเคราะห์ผลการประเมินคุณภาพภายใน-ภายนอก"],
    )

    before = counts()
    demo.seed(office, stdout=io.StringIO())
    assert counts() == before
