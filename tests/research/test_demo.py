"""The research demo: three projects in different states, one instrument answered by about
120 teachers before and after, statistics that read, a synthesis; idempotent."""

import io

import pytest

from iqa_district.management.commands.seed_demo import seed_users
from research import demo, statistics
from research.models import Instrument, ResearchProject, ResearchSynthesis, Response
from schools import demo as schools_demo

pytestmark = pytest.mark.django_db


def test_seed_is_complete_and_idempotent():
    office = schools_demo.seed_office()
    users = seed_users(office)
    demo.seed(office, stdout=io.StringIO())
    counts = (ResearchProject.objects.count(), Response.objects.count())
    demo.seed(office, stdout=io.StringIO())
    assert counts == (ResearchProject.objects.count(), Response.objects.count())

    statuses = set(ResearchProject.objects.values_list("status", flat=True))
    assert statuses == {"analysing", "disseminated", "proposal"}
    assert ResearchProject.objects.public().count() == 1
    assert ResearchSynthesis.objects.filter(area_office=office).exists()

    before = Instrument.objects.get(occasion=1)
    assert 100 <= before.responses.count() <= 140
    assert not before.is_open
    sections = statistics.instrument_statistics(before)
    first = sections[0].items[0].summary
    assert first.n == before.responses.count()
    assert 3.0 < first.mean < 4.5 and first.sd > 0.5
    after = Instrument.objects.get(occasion=2, respondent_type="teacher")
    assert statistics.overall(statistics.instrument_statistics(after)).mean > (
        statistics.overall(sections).mean
    )
    assert statistics.open_answers(before)
    # The school user sees their school's proposal and the joint study it takes part in.
    assert ResearchProject.objects.visible_to(users["school"]).filter(status="proposal").exists()
