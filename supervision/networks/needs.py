"""The cluster summary of form ๑: the need areas ranked, and the support the schools
prefer. Two queries whatever the number of schools."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Q, Sum

from .models import NeedArea, NeedsResponse, NeedsResponseItem, NeedsSurvey, Support

# A school that rates an area 4 or 5 needs it urgently (มาก/มากที่สุด).
URGENT = 4


@dataclass
class RankedNeed:
    rank: int
    area: str
    label: str
    schools: int
    urgent: int
    total: int
    mean: float


def ranked_needs(survey: NeedsSurvey) -> list[RankedNeed]:
    """Need areas, most needed first: by the sum of priorities over the schools that
    answered (an area nobody named scores 0 and is left out), then by the number of
    schools rating it 4–5, then the order of the categories. Equal scores share a rank."""
    rows = (
        NeedsResponseItem.objects.filter(response__survey=survey)
        .order_by()
        .values("area")
        .annotate(
            schools=Count("response", distinct=True),
            total=Sum("priority"),
            mean=Avg("priority"),
            urgent=Count("pk", filter=Q(priority__gte=URGENT)),
        )
    )
    labels = dict(NeedArea.choices)
    order = {value: i for i, value in enumerate(NeedArea.values)}
    ordered = sorted(rows, key=lambda r: (-r["total"], -r["urgent"], order.get(r["area"], 99)))
    ranked: list[RankedNeed] = []
    for position, row in enumerate(ordered, start=1):
        previous = ranked[-1] if ranked else None
        tied = previous and (previous.total, previous.urgent) == (row["total"], row["urgent"])
        ranked.append(
            RankedNeed(
                rank=previous.rank if tied and previous else position,
                area=row["area"],
                label=str(labels.get(row["area"], row["area"])),
                schools=row["schools"],
                urgent=row["urgent"],
                total=row["total"],
                mean=round(float(row["mean"]), 2),
            )
        )
    return ranked


def support_counts(survey: NeedsSurvey) -> list[tuple[str, int]]:
    """How many schools prefer each kind of support, in the form's order."""
    counts = dict.fromkeys(Support.values, 0)
    for supports in NeedsResponse.objects.filter(survey=survey).values_list("supports", flat=True):
        for value in supports:
            if value in counts:
                counts[value] += 1
    labels = dict(Support.choices)
    return [(str(labels[value]), n) for value, n in counts.items()]
