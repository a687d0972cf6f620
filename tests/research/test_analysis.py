"""By school and by respondent type, the open answers' key phrases, and the before/after
t-tests, asserted exactly on fixed answers; the p-values against mpmath's incomplete beta
function and the printed t tables (SciPy is not installed; mpmath is, as a reference only)."""

import math
import statistics as pystats

import mpmath
import pytest

from research import analysis, services, statistics
from research.models import Answer, Instrument, Response
from supervision.models import FormItem
from tests.research.factories import InstrumentFactory, ResearchProjectFactory, answers_for

pytestmark = pytest.mark.django_db


def reference_p(t, df):
    x = mpmath.mpf(df) / (df + mpmath.mpf(t) ** 2)
    return float(mpmath.betainc(mpmath.mpf(df) / 2, 0.5, 0, x, regularized=True))


@pytest.mark.parametrize(
    ("t", "df"), [(0.0, 5), (0.5, 3), (1.0, 1), (2.228, 10), (-3.1, 7.4), (12.5, 200), (1.96, 1e4)]
)
def test_p_value_matches_the_incomplete_beta_reference(t, df):
    assert analysis.t_p_value(t, df) == pytest.approx(reference_p(t, df), rel=1e-9, abs=1e-15)


@pytest.mark.parametrize(
    # The two-sided critical values of a printed t table.
    ("t", "df", "p"),
    [(2.228139, 10, 0.05), (2.570582, 5, 0.05), (2.845340, 20, 0.01), (12.706205, 1, 0.05)],
)
def test_p_value_matches_the_t_table(t, df, p):
    assert analysis.t_p_value(t, df) == pytest.approx(p, rel=1e-5)


def test_welch_by_hand():
    before, after = [3.0, 4.0, 2.0, 3.0, 4.0, 3.0], [5.0, 4.0, 4.0, 5.0, 3.0]
    v1, v2 = pystats.variance(before), pystats.variance(after)
    s = v1 / 6 + v2 / 5
    t = (pystats.mean(after) - pystats.mean(before)) / math.sqrt(s)
    df = s**2 / ((v1 / 6) ** 2 / 5 + (v2 / 5) ** 2 / 4)
    test = analysis.welch(before, after)
    assert test.kind == "welch"
    assert test.t == pytest.approx(t) and t == pytest.approx(2.1341280115466947)
    assert test.df == pytest.approx(df)
    assert test.p == pytest.approx(reference_p(t, df), rel=1e-9)
    assert test.significant is (test.p < 0.05)


def test_paired_by_hand():
    before, after = [3.0, 3.5, 2.0, 4.0], [4.0, 4.5, 2.5, 4.0]
    d = [1.0, 1.0, 0.5, 0.0]
    t = pystats.mean(d) / (pystats.stdev(d) / 2)
    test = analysis.paired(before, after)
    assert test.t == pytest.approx(t) and test.df == 3
    assert test.p == pytest.approx(reference_p(t, 3), rel=1e-9)
    assert analysis.paired([1.0, 2.0], [2.0, 3.0]) is None  # no spread in the differences


@pytest.fixture
def project(office, academic_year):
    return ResearchProjectFactory(area_office=office, academic_year=academic_year)


def answer(instrument, likert, key, school=None, text=""):
    services.response_submit(
        instrument=instrument,
        raw=answers_for(instrument.template, likert, text=text),
        respondent_key=key,
        school=school,
    )


def test_by_school_and_respondent_type(project, school, school2):
    teachers = InstrumentFactory(project=project)
    heads = InstrumentFactory(
        project=project, template=teachers.template, respondent_type="administrator"
    )
    answer(teachers, (5, 5, 5), "a", school)
    answer(teachers, (4, 4, 4), "b", school)
    answer(teachers, (2, 3, 4), "c", school2)
    answer(heads, (5, 4, 5), "d", school2)
    sections = statistics.instrument_statistics(teachers)

    rows = analysis.by_school(teachers, sections)
    assert [(r.label, r.respondents) for r in rows] == [
        ("โรงเรียนบ้านโนนสูง", 1),
        ("โรงเรียนบ้านหนองไผ่", 2),
    ]
    assert rows[1].overall.mean == pytest.approx(4.5)
    assert rows[0].sections[0].mean == pytest.approx(3.0)

    types = analysis.by_respondent_type(teachers, sections)
    assert [(r.label, r.respondents) for r in types] == [("ครู", 3), ("ผู้บริหาร", 1)]
    assert types[0].overall.n == 9 and types[0].overall.mean == pytest.approx(36 / 9)
    assert types[1].overall.mean == pytest.approx(14 / 3)


def test_open_answers_and_their_key_phrases(project):
    instrument = InstrumentFactory(project=project)
    texts = [
        "ควรลดภาระงานเอกสารของครู",
        "อยากให้ลดภาระงานเอกสาร",
        "ลดภาระงานเอกสารและประชุมให้น้อยลง",
        "การนิเทศภายในช่วยได้มาก",
        "",
    ]
    for n, text in enumerate(texts):
        answer(instrument, (4, 4, 4), f"k{n}", text=text)
    (question,) = analysis.open_questions(instrument)
    assert question.total == 4
    assert question.answers[0] == "การนิเทศภายในช่วยได้มาก"  # newest first
    top = question.phrases[0]
    assert "ภาระงานเอกสาร" in top["phrase"] and top["count"] == 3


def test_before_after_welch_when_other_people_answer(project):
    before = InstrumentFactory(project=project, occasion=1)
    after = InstrumentFactory(project=project, template=before.template, occasion=2)
    for n, likert in enumerate([(3, 3, 3), (2, 3, 4), (3, 4, 2)]):
        answer(before, likert, f"b{n}")
    for n, likert in enumerate([(5, 4, 5), (4, 4, 4), (5, 5, 3), (4, 5, 5)]):
        answer(after, likert, f"a{n}")
    comparison = analysis.compare(after, statistics.instrument_statistics(after))
    assert comparison.before == before and comparison.after == after
    section, overall = comparison.rows
    assert overall.label == "รวม"
    b = [3.0, 3.0, 3.0]
    a = [14 / 3, 4.0, 13 / 3, 14 / 3]
    assert overall.before.n == 3 and overall.after.n == 4
    assert overall.difference == pytest.approx(pystats.mean(a) - 3.0)
    assert overall.test.kind == "welch"
    expected = analysis.welch(b, a)
    assert overall.test.t == pytest.approx(expected.t)
    assert (
        overall.test.p == pytest.approx(reference_p(expected.t, expected.df), rel=1e-9)
        and overall.test.significant
    )


def test_before_after_paired_when_the_same_people_answer(project):
    before = InstrumentFactory(project=project, occasion=1)
    after = InstrumentFactory(project=project, template=before.template, occasion=2)
    pairs = {
        "p1": ((3, 3, 3), (4, 4, 4)),
        "p2": ((2, 2, 2), (3, 3, 4)),
        "p3": ((4, 4, 4), (4, 5, 5)),
    }
    for key, (first, second) in pairs.items():
        answer(before, first, key)
        answer(after, second, key)
    comparison = analysis.compare(before, statistics.instrument_statistics(before))
    overall = comparison.rows[-1]
    assert overall.test.kind == "paired"
    d = [1.0, 4 / 3, 2 / 3]
    assert overall.test.t == pytest.approx(pystats.mean(d) / (pystats.stdev(d) / math.sqrt(3)))
    assert overall.test.df == 2


def test_no_comparison_without_a_second_occasion(project):
    instrument = InstrumentFactory(project=project)
    assert analysis.compare(instrument, []) is None


def bulk_responses(instrument, count):
    items = list(
        FormItem.objects.filter(section__template=instrument.template, answer_type="likert")
    )
    text_item = FormItem.objects.get(section__template=instrument.template, answer_type="text")
    start = instrument.responses.count()
    responses = Response.objects.bulk_create(
        Response(instrument=instrument, respondent_key=f"bulk{n}") for n in range(start, count)
    )
    Answer.objects.bulk_create(
        [
            Answer(response=r, item=item, value=1 + (r.pk + i) % 5)
            for r in responses
            for i, item in enumerate(items)
        ]
        + [Answer(response=r, item=text_item, text="ควรลดภาระงานเอกสาร") for r in responses[::50]],
        batch_size=5000,
    )


def test_everything_in_bounded_queries_at_10_000_responses(project, django_assert_max_num_queries):
    before = InstrumentFactory(project=project, occasion=1)
    after = InstrumentFactory(project=project, template=before.template, occasion=2)
    bulk_responses(before, 30)
    for size in (30, 10_000):
        bulk_responses(after, size)
        with django_assert_max_num_queries(14):
            sections = statistics.instrument_statistics(after)
            analysis.by_school(after, sections)
            analysis.by_respondent_type(after, sections)
            analysis.open_questions(after)
            comparison = analysis.compare(after, sections)
        assert sections[0].summary.n == size * 3
        assert comparison.rows[-1].after.n == size
    assert isinstance(after, Instrument)
