"""The synthesis figures, computed by pure functions over the rows of ``data.fetch_input``.

Percentages are exact decimals rounded half-up to two places (as officials round by
hand), stored in the JSON as floats. Ordered collections are lists, never dicts keyed by
id: PostgreSQL's jsonb does not keep key order.
"""

from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pythainlp.util import collate

from schools.models import SizeBand

from .data import SynthesisInput
from .phrases import PhraseMiner

LEVELS = (5, 4, 3, 2, 1)
GOOD_PLUS = 4  # "ดีเลิศขึ้นไป": ดีเลิศ or ยอดเยี่ยม
RESULTS_FORMAT = 1
TWO_PLACES = Decimal("0.01")


def percent(count, total):
    if not total:
        return None
    return float((Decimal(count) * 100 / Decimal(total)).quantize(TWO_PLACES, ROUND_HALF_UP))


def delta(current, previous):
    if current is None or previous is None:
        return None
    return float(
        (Decimal(str(current)) - Decimal(str(previous))).quantize(TWO_PLACES, ROUND_HALF_UP)
    )


def distribution(levels):
    """How many of ``levels`` (ints 1-5, None ignored) sit at each level, and percents."""
    return level_figures(Counter(level for level in levels if level is not None))


def level_figures(counts):
    """``distribution`` from ``counts``: {level: how many}, already counted."""
    n = sum(counts.values())
    good_plus = sum(count for level, count in counts.items() if level >= GOOD_PLUS)
    return {
        "n": n,
        "levels": [
            {
                "level": level,
                "count": counts.get(level, 0),
                "percent": percent(counts.get(level, 0), n),
            }
            for level in LEVELS
        ],
        "good_plus": {"count": good_plus, "percent": percent(good_plus, n)},
    }


def target_met(target_level, target_percent, level, result_percent):
    """SchoolTarget.is_met_by over plain values (domain.md §3.5)."""
    if level is None or level < target_level:
        return False
    if target_percent is not None:
        return result_percent is not None and Decimal(result_percent) >= Decimal(target_percent)
    return True


def target_summary(met_flags):
    return target_counts(len(met_flags), sum(met_flags))


def target_counts(n, met):
    return {"n": n, "met": met, "percent": percent(met, n)}


def _groups(schools, key, order):
    groups = defaultdict(list)
    for school in schools:
        groups[key(school)].append(school.id)
    return [(name, groups[name]) for name in order(groups)]


def _cluster_order(groups):
    named = collate([name for name in groups if name])
    return named + ([""] if "" in groups else [])


def _band_order(groups):
    bands = [str(band) for band in SizeBand.values if str(band) in groups]
    return bands + ([None] if None in groups else [])


def compute(data: SynthesisInput, *, progress=None):
    """The whole results document of one synthesis."""
    progress = progress or (lambda percent, message: None)
    schools = data.schools
    school_by_id = {s.id: s for s in schools}

    standard_level = {(row[0], row[1]): row[2] for row in data.standard_results}
    item_levels: defaultdict[int, dict[int, int]] = defaultdict(dict)
    for item_id, level, count in data.item_levels:
        if level is not None:
            item_levels[item_id][level] = count
    items_by_standard = defaultdict(list)
    for item in data.items:
        items_by_standard[item.standard_id].append(item)
    # One pass over the targets (met decided by the database): per item how many are
    # targeted and met; per school and standard the targeted items not met, in the
    # items' order ([] when every one is met).
    standard_of_item = {item.id: item.standard_id for item in data.items}
    item_rank = {item.id: rank for rank, item in enumerate(data.items)}
    item_code = {item.id: item.code for item in data.items}
    item_targets: defaultdict[int, list[int]] = defaultdict(lambda: [0, 0])
    unmet_by_standard: dict[tuple[int, int], list] = {}
    for school_id, item_id, target_level, target_percent, level, result, met in data.targets:
        standard_id = standard_of_item.get(item_id)
        if standard_id is None:
            continue
        counts = item_targets[item_id]
        counts[0] += 1
        pair = (school_id, standard_id)
        if met:
            counts[1] += 1
            if pair not in unmet_by_standard:
                unmet_by_standard[pair] = []
            continue
        entry = {
            "code": item_code[item_id],
            "target_level": target_level,
            "target_percent": target_percent,
            "level": level,
            "percent": result,
        }
        unmet_by_standard.setdefault(pair, []).append((item_rank[item_id], entry))
    for unmet in unmet_by_standard.values():
        if len(unmet) > 1:
            unmet.sort(key=lambda ranked: ranked[0])
    headings_by_standard = defaultdict(list)
    for heading in data.headings:
        headings_by_standard[heading.standard_id].append(
            {"code": heading.code, "title": heading.title}
        )
    # Per standard: (school name, text) of the strengths, and of the improvements.
    texts: defaultdict[int, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = defaultdict(
        lambda: ([], [])
    )
    for school_id, standard_id, _level, strengths, improvements in (
        data.standard_results if data.narratives else ()
    ):
        name = school_by_id[school_id].name
        if strengths.strip():
            texts[standard_id][0].append((name, strengths))
        if improvements.strip():
            texts[standard_id][1].append((name, improvements))

    previous_good_plus = _previous_good_plus(data.previous_results)
    cluster_groups = _groups(schools, lambda s: s.cluster, _cluster_order)
    band_groups = _groups(schools, lambda s: s.size_band, _band_order)
    miner = PhraseMiner()

    level_sets: list[dict[str, Any]] = []
    total = max(len(data.standards), 1)
    for index, standard in enumerate(data.standards):
        progress(10 + int(60 * index / total), f"มาตรฐานที่ {standard.number} ({standard.set_code})")
        if not level_sets or level_sets[-1]["set_code"] != standard.set_code:
            level_sets.append(
                {
                    "key": standard.set_code,
                    "set_code": standard.set_code,
                    "set_name": standard.set_name,
                    "level": standard.set_level,
                    "schools": 0,
                    "standards": [],
                }
            )
        level_set = level_sets[-1]
        items = items_by_standard[standard.id]

        def school_level(school_id, standard=standard):
            return standard_level.get((school_id, standard.id))

        in_standard = [s.id for s in schools if school_level(s.id) is not None]

        # Targets of this standard: per school, met when every targeted item is met.
        met_by_school = {}
        unmet_items = {}
        for school in schools:
            ranked = unmet_by_standard.get((school.id, standard.id))
            if ranked is None:
                continue
            met_by_school[school.id] = not ranked
            if ranked:
                unmet_items[school.id] = [entry for _rank, entry in ranked]

        def group_figures(members, standard=standard, met_by_school=met_by_school):
            figures = distribution([standard_level.get((m, standard.id)) for m in members])
            figures["target"] = target_summary(
                [met_by_school[m] for m in members if m in met_by_school]
            )
            return figures

        figures = group_figures([s.id for s in schools])
        key = f"{standard.set_code}:{standard.number}"
        previous = previous_good_plus.get(key)
        strengths, improvements = texts[standard.id]
        level_set["standards"].append(
            {
                "key": key,
                "number": standard.number,
                "title": standard.title,
                **figures,
                "change": None
                if previous is None
                else {
                    "previous_year": data.previous_year,
                    "previous_percent": previous,
                    "delta": delta(figures["good_plus"]["percent"], previous),
                },
                "items": [_item_figures(item, item_levels, item_targets) for item in items],
                "headings": headings_by_standard[standard.id],
                "by_cluster": [
                    {"name": name, **figures}
                    for name, figures in _nonempty(cluster_groups, group_figures)
                ],
                "by_size": [
                    {"band": band, **figures}
                    for band, figures in _nonempty(band_groups, group_figures)
                ],
                "below_target": [
                    {
                        "code": school_by_id[school_id].code,
                        "name": school_by_id[school_id].name,
                        "cluster": school_by_id[school_id].cluster,
                        "level": school_level(school_id),
                        "items": unmet_items[school_id],
                    }
                    for school_id in (s.id for s in schools)
                    if unmet_items.get(school_id)
                ],
                "strengths": miner.mine(strengths),
                "improvements": miner.mine(improvements),
            }
        )
        level_set["schools"] = max(level_set["schools"], len(in_standard))

    progress(75, "ความต้องการการช่วยเหลือ")
    columns = [
        {
            "key": f"{s.set_code}:{s.number}",
            "set_code": s.set_code,
            "level": s.set_level,
            "number": s.number,
        }
        for s in data.standards
    ]
    return {
        "format": RESULTS_FORMAT,
        "office": {"code": data.office_code, "name": data.office_name},
        "academic_year": data.year,
        "include_submitted": data.include_submitted,
        "coverage": {
            "schools_total": data.schools_total,
            "schools": len(schools),
            "accepted": sum(1 for s in schools if s.status == "accepted"),
            "submitted": sum(1 for s in schools if s.status == "submitted"),
            "percent": percent(len(schools), data.schools_total),
        },
        "previous_year": data.previous_year,
        "level_sets": level_sets,
        "help_needs": _help_needs(data.help_needs, school_by_id),
        "columns": columns,
        "schools": [
            {
                "code": s.code,
                "name": s.name,
                "cluster": s.cluster,
                "size_band": s.size_band,
                "status": s.status,
                "levels": [standard_level.get((s.id, st.id)) for st in data.standards],
            }
            for s in schools
        ],
    }


def _nonempty(groups, group_figures):
    """The figures of each group that has a school with a result for the standard."""
    for name, members in groups:
        figures = group_figures(members)
        if figures["n"] or figures["target"]["n"]:
            yield name, figures


def _item_figures(item, item_levels, item_targets):
    n, met = item_targets.get(item.id, (0, 0))
    return {
        "code": item.code,
        "title": item.title,
        **level_figures(item_levels.get(item.id, {})),
        "target": target_counts(n, met),
    }


def _help_needs(rows, school_by_id):
    from ..models import HelpNeed

    schools = defaultdict(set)
    mentions = Counter()
    examples = defaultdict(list)
    for school_id, category, description in rows:
        schools[category].add(school_id)
        mentions[category] += 1
        if len(examples[category]) < 3 and description.strip():
            examples[category].append(
                {"school": school_by_id[school_id].name, "text": description.strip()[:300]}
            )
    order = list(HelpNeed.Category.values)
    categories = sorted(
        schools,
        key=lambda c: (-len(schools[c]), order.index(c) if c in order else len(order)),
    )
    total = len(school_by_id)
    return [
        {
            "category": category,
            "schools": len(schools[category]),
            "percent": percent(len(schools[category]), total),
            "mentions": mentions[category],
            "examples": examples[category],
        }
        for category in categories
    ]


def _previous_good_plus(previous):
    if not previous:
        return {}
    return {
        standard["key"]: standard["good_plus"]["percent"]
        for level_set in previous.get("level_sets", [])
        for standard in level_set.get("standards", [])
        if standard.get("good_plus", {}).get("percent") is not None
    }
