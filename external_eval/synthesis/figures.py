"""The district figures of form ๗.๓, from plain numbers: per standard, how often the
school's own level (SAR) and the district committee's level agree with ONESQA's (exactly,
within one level), the quadratic-weighted Cohen's kappa of each pair, the distribution of
ONESQA's levels, and the schools flagged (rated two or more levels above ONESQA).

Pure Python on purpose (no numpy): the computation is small, exact and easy to check by
hand; percentages are rounded half up at two decimals, kappa at four. The result is a
JSON-ready dict, so a published ๗.๓ keeps the figures it was published with.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# A self or committee rating this many levels above ONESQA's is flagged.
FLAG_GAP = 2


@dataclass(frozen=True)
class Pair:
    """One school × standard: the internal level (SAR or committee) and ONESQA's."""

    internal: int
    external: int


def percent(part: int, whole: int) -> float | None:
    if not whole:
        return None
    value = Decimal(100 * part) / Decimal(whole)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def weighted_kappa(pairs: Sequence[Pair], categories: Sequence[int]) -> Fraction | None:
    """Quadratic-weighted Cohen's kappa: 1 − Σ w·O / Σ w·E with w_ij = (i−j)² / (k−1)²,
    O the observed counts and E the counts expected from the two marginals. None when it
    is undefined (no pairs, or every rating in one category, so Σ w·E = 0)."""
    if not pairs or len(categories) < 2:
        return None
    index = {c: n for n, c in enumerate(categories)}
    k = len(categories)
    observed = [[0] * k for _ in range(k)]
    for pair in pairs:
        observed[index[pair.internal]][index[pair.external]] += 1
    n = len(pairs)
    rows = [sum(r) for r in observed]
    cols = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    disagreement = Fraction(0)
    expected = Fraction(0)
    for i in range(k):
        for j in range(k):
            weight = Fraction((i - j) ** 2, (k - 1) ** 2)
            disagreement += weight * observed[i][j]
            expected += weight * Fraction(rows[i] * cols[j], n)
    if expected == 0:
        return None
    return 1 - disagreement / expected


def rounded(value: Fraction | None, places: int = 4) -> float | None:
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def agreement(pairs: Sequence[Pair], categories: Sequence[int]) -> dict:
    exact = sum(1 for p in pairs if p.internal == p.external)
    within = sum(1 for p in pairs if abs(p.internal - p.external) <= 1)
    higher = sum(1 for p in pairs if p.internal - p.external >= FLAG_GAP)
    return {
        "n": len(pairs),
        "exact": exact,
        "exact_pct": percent(exact, len(pairs)),
        "within_one": within,
        "within_one_pct": percent(within, len(pairs)),
        "two_above": higher,
        "mean_gap": rounded(
            Fraction(sum(p.internal - p.external for p in pairs), len(pairs)) if pairs else None,
            2,
        ),
        "kappa": rounded(weighted_kappa(pairs, categories)),
    }


def _categories(scale: Sequence[int], pairs: Iterable[Pair]) -> list[int]:
    """The scale's values, plus any internal level outside it (an old SAR on another
    scale), in order: kappa needs every category that occurs."""
    values = set(scale)
    for pair in pairs:
        values.update((pair.internal, pair.external))
    return sorted(values)


def standard_figures(rows: Sequence[dict], scale: Sequence[tuple[int, str]]) -> dict:
    """The figures of one standard. ``rows``: one dict per school with ``sar``,
    ``committee`` and ``onesqa`` (ints or None); ``scale``: (value, label), best first."""
    values = [v for v, _label in scale]
    rated = [r for r in rows if r["onesqa"] is not None]
    n = len(rated)
    counts = Counter(r["onesqa"] for r in rated)
    distribution = [
        {
            "level": value,
            "label": label,
            "count": counts[value],
            "percent": percent(counts[value], n),
        }
        for value, label in scale
    ]
    figures = {"n": n, "distribution": distribution}
    for side in ("sar", "committee"):
        pairs = [Pair(r[side], r["onesqa"]) for r in rated if r[side] is not None]
        figures[side] = agreement(pairs, _categories(values, pairs))
    figures["flagged"] = sum(1 for r in rated if r.get("flagged"))
    return figures


def is_flagged(sar: int | None, committee: int | None, onesqa: int | None) -> bool:
    if onesqa is None:
        return False
    return any(level is not None and level - onesqa >= FLAG_GAP for level in (sar, committee))
