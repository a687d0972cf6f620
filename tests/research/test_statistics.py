"""The statistics on a fixed set of answers, asserted exactly (figures worked by hand)."""

import math

import pytest

from research import services, statistics
from tests.research.factories import InstrumentFactory, ResearchProjectFactory, answers_for

pytestmark = pytest.mark.django_db

# Five respondents, three Likert items.
ANSWERS = [(5, 4, 1), (5, 4, 2), (4, 4, 3), (4, 3, 1), (3, 5, 2)]


@pytest.fixture
def instrument(office, academic_year):
    project = ResearchProjectFactory(area_office=office, academic_year=academic_year)
    instrument = InstrumentFactory(project=project)
    for n, likert in enumerate(ANSWERS):
        services.response_submit(
            instrument=instrument,
            raw=answers_for(instrument.template, likert),
            respondent_key=f"r{n}",
        )
    return instrument


def test_item_figures(instrument):
    # The second section has no Likert item, so it has no row.
    (likert,) = statistics.instrument_statistics(instrument)
    first, second, third = (row.summary for row in likert.items)
    assert first.n == 5
    assert first.mean == pytest.approx(4.2)
    # (0.8² + 0.8² + 0.2² + 0.2² + 1.2²) / 4 = 0.7
    assert first.sd == pytest.approx(math.sqrt(0.7))
    assert [pct for _p, _l, _n, pct in first.percents] == [40.0, 40.0, 20.0, 0.0, 0.0]
    assert first.band == "มาก"
    assert second.mean == pytest.approx(4.0)
    assert second.sd == pytest.approx(math.sqrt(0.5))
    assert second.band == "มาก"
    assert third.mean == pytest.approx(1.8)
    assert third.sd == pytest.approx(math.sqrt(0.7))
    assert third.band == "น้อย"


def test_section_pools_every_answer(instrument):
    section = statistics.instrument_statistics(instrument)[0].summary
    values = [v for row in ANSWERS for v in row]
    mean = sum(values) / 15
    assert section.n == 15
    assert section.mean == pytest.approx(mean)
    assert section.sd == pytest.approx(math.sqrt(sum((v - mean) ** 2 for v in values) / 14))
    assert section.counts == {5: 3, 4: 5, 3: 3, 2: 2, 1: 2}
    assert section.percents[1][3] == pytest.approx(100 * 5 / 15)
    assert section.band == "ปานกลาง"  # 3.333…


@pytest.mark.parametrize(
    ("mean", "label"),
    [
        (5, "มากที่สุด"),
        (4.51, "มากที่สุด"),
        (4.505, "มากที่สุด"),
        (4.50, "มาก"),
        (3.51, "มาก"),
        (3.5, "ปานกลาง"),
        (2.51, "ปานกลาง"),
        (2.5, "น้อย"),
        (1.51, "น้อย"),
        (1.5, "น้อยที่สุด"),
        (1, "น้อยที่สุด"),
        (None, ""),
    ],
)
def test_bands(mean, label):
    assert statistics.band(mean) == label


def test_one_answer_has_no_sd(office, academic_year):
    instrument = InstrumentFactory(
        project=ResearchProjectFactory(area_office=office, academic_year=academic_year)
    )
    services.response_submit(
        instrument=instrument, raw=answers_for(instrument.template, (5, 5, 5)), respondent_key="x"
    )
    row = statistics.instrument_statistics(instrument)[0].items[0].summary
    assert (row.n, row.mean, row.sd) == (1, 5.0, None)


def test_filtered_by_school(instrument, school):
    assert statistics.instrument_statistics(instrument, response__school=school)[0].summary.n == 0


@pytest.mark.parametrize("responses", [5, 60])
def test_bounded_queries(office, academic_year, django_assert_max_num_queries, responses):
    instrument = InstrumentFactory(
        project=ResearchProjectFactory(area_office=office, academic_year=academic_year)
    )
    for n in range(responses):
        services.response_submit(
            instrument=instrument,
            raw=answers_for(instrument.template, (n % 5 + 1, 3, 4)),
            respondent_key=f"k{n}",
        )
    with django_assert_max_num_queries(2):
        sections = statistics.instrument_statistics(instrument)
    assert sections[0].summary.n == 3 * responses
