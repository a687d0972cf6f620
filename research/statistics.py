"""Descriptive statistics of an instrument's Likert items: n, mean, S.D. (sample, n − 1),
the percent at each point and the Thai interpretation band of the mean, per item and per
section. The database counts answers per (item, point) in one query, so 10,000 responses
cost the same number of queries as ten; the arithmetic is plain Python."""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from supervision.models import FormItem, FormSection

from .models import Answer, Instrument

LIKERT_TYPES = [FormItem.AnswerType.LIKERT, FormItem.AnswerType.RUBRIC]
POINTS = (5, 4, 3, 2, 1)
POINT_LABELS = {
    5: _("มากที่สุด"),
    4: _("มาก"),
    3: _("ปานกลาง"),
    2: _("น้อย"),
    1: _("น้อยที่สุด"),
}
# The common Thai reading of a 5-point mean: 4.51–5.00 มากที่สุด … 1.00–1.50 น้อยที่สุด.
BANDS = ((4.51, 5), (3.51, 4), (2.51, 3), (1.51, 2), (1.00, 1))


def band(mean: float | None) -> str:
    if mean is None:
        return ""
    # Read as printed: two decimals, half up (4.505 prints 4.51, so มากที่สุด).
    rounded = float(Decimal(repr(mean)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    for lower, point in BANDS:
        if rounded >= lower:
            return str(POINT_LABELS[point])
    return str(POINT_LABELS[1])


@dataclass
class Summary:
    counts: dict[int, int] = field(default_factory=lambda: dict.fromkeys(POINTS, 0))

    def add(self, point: int, n: int) -> None:
        self.counts[point] = self.counts.get(point, 0) + n

    @property
    def n(self) -> int:
        return sum(self.counts.values())

    @property
    def mean(self) -> float | None:
        if not self.n:
            return None
        return sum(p * c for p, c in self.counts.items()) / self.n

    @property
    def sd(self) -> float | None:
        n = self.n
        if n < 2:
            return None
        mean = self.mean or 0.0
        squares = sum(c * (p - mean) ** 2 for p, c in self.counts.items())
        return math.sqrt(squares / (n - 1))

    @property
    def percents(self) -> list[tuple[int, str, int, float]]:
        """[(point, label, count, percent)] from 5 down to 1."""
        n = self.n
        return [
            (p, str(POINT_LABELS[p]), self.counts[p], 100 * self.counts[p] / n if n else 0.0)
            for p in POINTS
        ]

    @property
    def band(self) -> str:
        return band(self.mean)


@dataclass
class ItemRow:
    item: FormItem
    summary: Summary


@dataclass
class SectionRow:
    section: FormSection
    summary: Summary
    items: list[ItemRow]


def likert_item_ids(instrument: Instrument) -> list[int]:
    return list(
        FormItem.objects.filter(
            section__template=instrument.template_id, answer_type__in=LIKERT_TYPES
        ).values_list("pk", flat=True)
    )


def likert_answers(item_ids: list[int], **filters: object) -> QuerySet[Answer]:
    """The Likert answers of the given items. The items are a list, not a join: the planner
    then reads the answers in one hash join (a join to the items made it loop over an
    index once per answer, seconds at 10,000 responses)."""
    return Answer.objects.filter(item__in=item_ids, value__isnull=False, **filters)


def instrument_statistics(instrument: Instrument, **filters: object) -> list[SectionRow]:
    """Per section (pooled over its items' answers) and per item. ``filters`` narrow the
    responses, e.g. ``response__school=school``. Two queries whatever the size."""
    items = list(
        FormItem.objects.filter(
            section__template=instrument.template_id, answer_type__in=LIKERT_TYPES
        )
        .select_related("section")
        .order_by("section__order", "section__pk", "order", "pk")
    )
    counts: dict[int, Summary] = defaultdict(Summary)
    rows = (
        likert_answers([i.pk for i in items], response__instrument=instrument, **filters)
        .values_list("item", "value")
        .annotate(n=Count("pk"))
    )
    for item_id, value, n in rows.order_by():
        counts[item_id].add(int(value), n)
    sections: dict[int, SectionRow] = {}
    for item in items:
        section = sections.get(item.section_id)
        if section is None:
            section = sections[item.section_id] = SectionRow(item.section, Summary(), [])
        summary = counts.get(item.pk, Summary())
        section.items.append(ItemRow(item, summary))
        for point, n in summary.counts.items():
            section.summary.add(point, n)
    return list(sections.values())


def overall(sections: list[SectionRow]) -> Summary:
    total = Summary()
    for section in sections:
        for point, n in section.summary.counts.items():
            total.add(point, n)
    return total


def open_answers(instrument: Instrument, limit: int = 200) -> list[tuple[str, str]]:
    """[(question, answer)] of the open questions, newest first, at most ``limit``."""
    rows = (
        Answer.objects.filter(
            response__instrument=instrument, item__answer_type=FormItem.AnswerType.TEXT
        )
        .exclude(text="")
        .select_related("item")
        .order_by("-response_id", "item_id")[:limit]
    )
    return [(row.item.text, row.text) for row in rows]
