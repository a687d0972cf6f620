"""The statistics beyond one table: the Likert figures by school and by respondent type,
the open answers with their frequent key phrases, and the comparison of an instrument
used before and after a trial (mean difference, a paired or Welch t-test and its p-value).

Every figure comes from a fixed number of grouped queries, whatever the number of
responses; the t distribution is computed here (regularised incomplete beta function),
with no numerical library."""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _
from pythainlp.util import collate

from schools.models import School
from supervision.models import FormItem

from .models import Answer, Instrument, RespondentType, Response
from .statistics import (
    SectionRow,
    Summary,
    instrument_statistics,
    likert_answers,
    likert_item_ids,
    overall,
)

OPEN_ANSWERS_MINED = 2000  # the newest answers of a question the phrase miner reads


@dataclass
class GroupRow:
    label: str
    respondents: int
    sections: list[Summary]
    overall: Summary = field(default_factory=Summary)


def _grouped(
    answers: QuerySet[Answer],
    group: str,
    sections: list[SectionRow],
    labels: dict[object, str],
    respondents: dict[object, int],
) -> list[GroupRow]:
    order = {row.section.pk: n for n, row in enumerate(sections)}
    rows: dict[object, GroupRow] = {}
    counted = (
        answers.values_list(group, "item__section", "value").annotate(n=Count("pk")).order_by()
    )
    for key, section_id, value, n in counted:
        row = rows.get(key)
        if row is None:
            row = rows[key] = GroupRow(
                labels.get(key, "-"), respondents.get(key, 0), [Summary() for _ in sections]
            )
        if section_id in order:
            row.sections[order[section_id]].add(int(value), n)
            row.overall.add(int(value), n)
    # In Thai dictionary order (โนนสูง before หนองไผ่), as a Thai reader looks for a name.
    rank = {label: n for n, label in enumerate(collate([r.label for r in rows.values()]))}
    return sorted(rows.values(), key=lambda r: rank[r.label])


def _ids(sections: list[SectionRow]) -> list[int]:
    return [row.item.pk for section in sections for row in section.items]


def by_school(instrument: Instrument, sections: list[SectionRow]) -> list[GroupRow]:
    """One row per school the respondents answered for (three queries)."""
    responses = Response.objects.filter(instrument=instrument)
    respondents: dict[object, int] = dict(
        responses.values_list("school")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("school", "n")
    )
    schools = School.objects.filter(pk__in=[k for k in respondents if k])
    names: dict[object, str] = dict(schools.values_list("pk", "name"))
    names[None] = _("ไม่ระบุสถานศึกษา")
    return _grouped(
        likert_answers(_ids(sections), response__instrument=instrument),
        "response__school",
        sections,
        names,
        respondents,
    )


def siblings(instrument: Instrument) -> list[Instrument]:
    """The project's instruments of the same form and occasion: one per respondent type."""
    return list(
        Instrument.objects.filter(
            project=instrument.project_id,
            template=instrument.template_id,
            occasion=instrument.occasion,
        ).order_by("respondent_type", "pk")
    )


def by_respondent_type(instrument: Instrument, sections: list[SectionRow]) -> list[GroupRow]:
    """The same form answered by each kind of respondent on the same occasion."""
    group = siblings(instrument)
    labels: dict[object, str] = {value: str(label) for value, label in RespondentType.choices}
    respondents: dict[object, int] = dict(
        Response.objects.filter(instrument__in=group)
        .values_list("instrument__respondent_type")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _grouped(
        likert_answers(_ids(sections), response__instrument__in=group),
        "response__instrument__respondent_type",
        sections,
        labels,
        respondents,
    )


# Open answers ---------------------------------------------------------------------


@dataclass
class OpenQuestion:
    item: FormItem
    total: int
    answers: list[str]
    phrases: list[dict[str, object]]


def open_questions(instrument: Instrument, *, shown: int = 50) -> list[OpenQuestion]:
    """Each open question: how many answered, the newest answers and the key phrases
    several respondents share (the synthesis's pythainlp miner, one count per person)."""
    from sar.synthesis.phrases import PhraseMiner

    items = list(
        FormItem.objects.filter(
            section__template=instrument.template_id, answer_type=FormItem.AnswerType.TEXT
        ).order_by("section__order", "order", "pk")
    )
    texts: dict[int, list[tuple[int, str]]] = defaultdict(list)
    rows = (
        Answer.objects.filter(response__instrument=instrument, item__in=items)
        .exclude(text="")
        .order_by("-response_id")
        .values_list("item", "response", "text")
    )
    totals = dict(
        Answer.objects.filter(response__instrument=instrument, item__in=items)
        .exclude(text="")
        .values_list("item")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_item: dict[int, int] = defaultdict(int)
    for item_id, response_id, text in rows.iterator(chunk_size=2000):
        if per_item[item_id] < OPEN_ANSWERS_MINED:
            texts[item_id].append((response_id, text))
            per_item[item_id] += 1
    miner = PhraseMiner(top=8, min_schools=2, quotes=0)
    result = []
    for item in items:
        answers = texts.get(item.pk, [])
        mined = miner.mine([(str(pk), text) for pk, text in answers])
        phrases = [{"phrase": m["phrase"], "count": m["schools"]} for m in mined]
        result.append(
            OpenQuestion(item, totals.get(item.pk, 0), [t for _pk, t in answers[:shown]], phrases)
        )
    return result


# Before and after -----------------------------------------------------------------


def _betacf(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    tiny, eps = 1e-300, 1e-15
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        m2 = 2 * m
        for numerator in (
            m * (b - m) * x / ((a + m2 - 1) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < eps:
            break
    return h


def betainc(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_p_value(t: float, df: float) -> float:
    """The two-sided p-value of Student's t with ``df`` degrees of freedom."""
    if math.isinf(t):
        return 0.0
    return betainc(df / 2, 0.5, df / (df + t * t))


@dataclass
class TTest:
    kind: str  # "paired" or "welch"
    t: float
    df: float
    p: float

    @property
    def label(self) -> str:
        return _("t-test แบบไม่อิสระ (paired)") if self.kind == "paired" else _("Welch t-test")

    @property
    def significant(self) -> bool:
        return self.p < 0.05


def _mean_var(values: list[float]) -> tuple[float, float]:
    mean = sum(values) / len(values)
    return mean, sum((v - mean) ** 2 for v in values) / (len(values) - 1)


def welch(before: list[float], after: list[float]) -> TTest | None:
    if len(before) < 2 or len(after) < 2:
        return None
    m1, v1 = _mean_var(before)
    m2, v2 = _mean_var(after)
    s1, s2 = v1 / len(before), v2 / len(after)
    if s1 + s2 == 0:
        return None
    t = (m2 - m1) / math.sqrt(s1 + s2)
    df = (s1 + s2) ** 2 / (s1**2 / (len(before) - 1) + s2**2 / (len(after) - 1))
    return TTest("welch", t, df, t_p_value(t, df))


def paired(before: list[float], after: list[float]) -> TTest | None:
    differences = [a - b for b, a in zip(before, after, strict=True)]
    if len(differences) < 2:
        return None
    mean, var = _mean_var(differences)
    if var == 0:
        return None
    t = mean / math.sqrt(var / len(differences))
    df = len(differences) - 1
    return TTest("paired", t, df, t_p_value(t, df))


@dataclass
class Sample:
    n: int
    mean: float | None
    sd: float | None


def _sample(values: list[float]) -> Sample:
    if not values:
        return Sample(0, None, None)
    mean = sum(values) / len(values)
    sd = math.sqrt(_mean_var(values)[1]) if len(values) > 1 else None
    return Sample(len(values), mean, sd)


@dataclass
class ComparisonRow:
    label: str
    before: Sample
    after: Sample
    test: TTest | None

    @property
    def difference(self) -> float | None:
        if self.before.mean is None or self.after.mean is None:
            return None
        return self.after.mean - self.before.mean


@dataclass
class Comparison:
    before: Instrument
    after: Instrument
    rows: list[ComparisonRow]


def partner(instrument: Instrument) -> Instrument | None:
    """The same form, the same respondents' type, in the same project, at the other
    occasion (๑ ก่อน ↔ ๒ หลัง)."""
    return (
        Instrument.objects.filter(
            project=instrument.project_id,
            template=instrument.template_id,
            respondent_type=instrument.respondent_type,
        )
        .exclude(occasion=instrument.occasion)
        .order_by("occasion", "pk")
        .first()
    )


def respondent_scores(
    instrument: Instrument, item_ids: list[int]
) -> dict[str, dict[int | None, float]]:
    """{respondent key: {section id: the mean of their answers, None: over every item}},
    one grouped query (a row per response and section)."""
    sums: dict[str, dict[int | None, list[float]]] = defaultdict(
        lambda: defaultdict(lambda: [0.0, 0.0])
    )
    rows = (
        likert_answers(item_ids, response__instrument=instrument)
        .values_list("response__respondent_key", "item__section")
        .annotate(total=Sum("value"), n=Count("pk"))
        .order_by()
    )
    for key, section_id, total, n in rows:
        for target in (section_id, None):
            sums[key][target][0] += float(total)
            sums[key][target][1] += n
    return {key: {s: t / n for s, (t, n) in per.items()} for key, per in sums.items()}


def compare(instrument: Instrument, sections: list[SectionRow]) -> Comparison | None:
    """Before/after on each respondent's mean score per section and overall: a paired
    t-test when the same people answered both times (every key matches), else Welch's."""
    other = partner(instrument)
    if other is None:
        return None
    before, after = sorted((instrument, other), key=lambda i: (i.occasion, i.pk))
    ids = _ids(sections) if sections else likert_item_ids(instrument)
    first, second = respondent_scores(before, ids), respondent_scores(after, ids)
    same_people = len(first) >= 2 and set(first) == set(second)
    rows = []
    targets: list[tuple[str, int | None]] = [(str(s.section.title), s.section.pk) for s in sections]
    targets.append((_("รวม"), None))
    for label, target in targets:
        if same_people:
            keys = sorted(k for k in first if target in first[k] and target in second[k])
            b = [first[k][target] for k in keys]
            a = [second[k][target] for k in keys]
            test = paired(b, a)
        else:
            b = [s[target] for s in first.values() if target in s]
            a = [s[target] for s in second.values() if target in s]
            test = welch(b, a)
        rows.append(ComparisonRow(label, _sample(b), _sample(a), test))
    return Comparison(before, after, rows)


@dataclass
class Figures:
    """Everything the statistics page, its XLSX and its charts show of one instrument."""

    sections: list[SectionRow]
    overall: Summary
    schools: list[GroupRow]
    types: list[GroupRow]
    comparison: Comparison | None
    questions: list[OpenQuestion]


def figures(instrument: Instrument, *, shown: int = 50) -> Figures:
    sections = instrument_statistics(instrument)
    return Figures(
        sections=sections,
        overall=overall(sections),
        schools=by_school(instrument, sections),
        types=by_respondent_type(instrument, sections),
        comparison=compare(instrument, sections),
        questions=open_questions(instrument, shown=shown),
    )
