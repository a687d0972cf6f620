"""The demo follows up last year's synthesis in every state, once."""

import io

from sar.followup import demo as followup_demo
from sar.followup.models import Recommendation
from sar.synthesis import demo as synthesis_demo
from tests.factories import AcademicYearFactory
from tests.sar.factories import make_district


def test_demo_gives_the_synthesis_recommendations_in_their_states_once(
    office, cluster, other_office, supervisor, district_admin
):
    AcademicYearFactory(year=2568)
    make_district(office, cluster, other_office, year=2568)
    out = io.StringIO()
    synthesis_demo.seed(office, stdout=out)
    followup_demo.seed(office, stdout=out)
    given = list(Recommendation.objects.order_by("pk"))
    assert given and all(r.source == Recommendation.Source.SYNTHESIS for r in given)
    expected = [followup_demo.Status.OPEN, "planned", "in_progress", "done", "done", "not_relevant"]
    assert [r.status for r in given] == [expected[n % 6] for n in range(len(given))]
    assert given[0].is_overdue()  # due 31 March 2026, never started
    followup_demo.seed(office, stdout=out)
    assert Recommendation.objects.count() == len(given)
