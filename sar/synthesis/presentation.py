"""The results document dressed for reading: labels, formatted figures, narratives and
charts. One function serves the HTML page (Arabic digits), the official PDF (Thai
digits) and the XLSX workbook, so the figures of all three are the same numbers by
construction.

``present`` copies nothing: it returns a read-only view over the stored results (6.5 MB
at 3,000 schools, which a deep copy took longer to copy than the XLSX took to write).
Each node of the view answers its own keys, the keys this module adds (labels,
headings, charts, narratives: the costly ones computed when first read) and
``<figure>_text`` beside every figure, formatted when read. So a caller pays only for
what it shows: the XLSX never draws a chart, one section of the page formats one
standard's figures."""

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from pythainlp.util import collate

from iqa_district.thai import thai_digits
from schools.models import SizeBand
from standards.models import QualityLevel, StandardSet

from ..models import HelpNeed, SelfAssessmentReport
from . import charts, narrative

PERCENT_KEYS = frozenset(("percent", "previous_percent", "delta", "target_percent"))
COUNT_KEYS = frozenset(
    (
        "count",
        "n",
        "met",
        "schools",
        "mentions",
        "schools_total",
        "accepted",
        "submitted",
        "below_target_count",
    )
)
SET_SHORT = {StandardSet.Level.ECE: "ปฐมวัย", StandardSet.Level.BASIC: "ขั้นพื้นฐาน"}
SET_ABBR = {StandardSet.Level.ECE: "ป.", StandardSet.Level.BASIC: "พ."}
NO_CLUSTER = "ไม่สังกัดกลุ่มเครือข่าย"
NO_SIZE = "ไม่ระบุขนาด"
_MISSING = object()


def level_labels():
    return {level.value: str(level.label) for level in QualityLevel}


class Lazy:
    """An added key computed when it is first read, then kept."""

    __slots__ = ("compute", "value")

    def __init__(self, compute: Callable[[], Any]):
        self.compute = compute


def _figure_text(key: str, value: Any, digits: str) -> Any:
    """ "33.33"/"๓๓.๓๓" for a percent ("-" when missing), "1,234" for a count; _MISSING
    for a value that is no figure."""
    if key in PERCENT_KEYS and (value is None or isinstance(value, int | float)):
        return narrative.fmt(value, digits)
    if key in COUNT_KEYS and isinstance(value, int) and not isinstance(value, bool):
        return narrative.num(value, digits)
    return _MISSING


def shown(value: Any, digits: str) -> Any:
    if isinstance(value, dict):
        return Shown(value, None, digits)
    if isinstance(value, list):
        return ShownList(value, digits)
    return value


class Shown(Mapping):
    """A read-only view of one dict of the results: its keys (dicts and lists below it
    shown too), the keys ``extra`` adds or replaces, and ``<key>_text`` of its figures."""

    __slots__ = ("_node", "_extra", "_digits")

    def __init__(self, node: Mapping, extra: dict | None, digits: str):
        self._node = node
        self._extra = extra if extra is not None else {}
        self._digits = digits

    def __getitem__(self, key: str) -> Any:
        extra = self._extra
        if key in extra:
            value = extra[key]
            if isinstance(value, Lazy):
                value = extra[key] = value.compute()
            return value
        node = self._node
        if key in node:
            return shown(node[key], self._digits)
        if key.endswith("_text"):
            base = key[:-5]
            value = extra[base] if base in extra else node.get(base, _MISSING)
            if value is not _MISSING:
                text = _figure_text(base, value, self._digits)
                if text is not _MISSING:
                    return text
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        yield from self._node
        yield from (key for key in self._extra if key not in self._node)

    def __len__(self) -> int:
        return len(self._node) + sum(1 for key in self._extra if key not in self._node)

    def __repr__(self) -> str:
        return f"Shown({sorted(self)})"


class ShownList(Sequence):
    """A read-only view of one list of the results, its dicts shown as ``Shown``."""

    __slots__ = ("_items", "_digits")

    def __init__(self, items: list, digits: str):
        self._items = items
        self._digits = digits

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [shown(value, self._digits) for value in self._items[index]]
        return shown(self._items[index], self._digits)

    def __iter__(self) -> Iterator[Any]:
        digits = self._digits
        return (shown(value, digits) for value in self._items)

    def __len__(self) -> int:
        return len(self._items)


def present(results, *, office_name=None, digits="arabic"):
    """A read-only decorated view of ``results`` for the templates, the PDF and the XLSX."""
    labels = level_labels()
    set_labels = {level.value: str(level.label) for level in StandardSet.Level}
    categories = {c.value: str(c.label) for c in HelpNeed.Category}
    bands = {b.value: str(b.label) for b in SizeBand}
    office_name = office_name or results["office"]["name"]

    def d(v):
        return thai_digits(v) if digits == "thai" else str(v)

    def view(node, extra=None):
        return Shown(node, extra, digits)

    level_sets = []
    for raw_set in results["level_sets"]:
        set_label = set_labels.get(raw_set["level"], raw_set["level"])
        standards = [_standard(s, labels, bands, d, digits) for s in raw_set["standards"]]
        level_sets.append(
            view(
                raw_set,
                {
                    "label": set_label,
                    "standards": standards,
                    "chart": Lazy(
                        lambda raw_set=raw_set, set_label=set_label: charts.stacked_levels(
                            [
                                (f"มาตรฐานที่ {d(s['number'])}", s["n"], s["levels"])
                                for s in raw_set["standards"]
                            ],
                            labels,
                            title=f"ระดับคุณภาพรายมาตรฐาน {set_label}",
                            digits=digits,
                        )
                    ),
                    "matrices": Lazy(lambda standards=standards: _matrices(standards, digits)),
                },
            )
        )
    school_views = Lazy(lambda: _schools(results, labels, bands, d, digits))
    extra = {
        "level_sets": level_sets,
        "help_needs": [
            view(need, {"label": categories.get(need["category"], need["category"])})
            for need in results["help_needs"]
        ],
        "columns": [
            view(
                column,
                {
                    "label": f"{SET_SHORT.get(column['level'], column['set_code'])} "
                    f"{d(column['number'])}"
                },
            )
            for column in results["columns"]
        ],
        "schools": Lazy(lambda: _resolve(school_views)[0]),
        "appendix": Lazy(lambda: _resolve(school_views)[1]),
        "appendix_widths": _appendix_widths(len(results["columns"])),
        # The appendix's one levels column, headed "ป.๑ ป.๒ ป.๓ พ.๑ พ.๒ พ.๓".
        "appendix_levels_heading": " ".join(
            f"{SET_ABBR.get(column['level'], column['set_code'])}{d(column['number'])}"
            for column in results["columns"]
        ),
        "set_abbreviations": [
            f"{SET_ABBR[level]} = {SET_SHORT[level]}"
            for level in SET_ABBR
            if any(ls["level"] == level for ls in results["level_sets"])
        ],
        "level_labels": [{"level": k, "label": v} for k, v in labels.items()],
        "overview": Lazy(lambda: narrative.overview(results, office_name, digits=digits)),
        "recommendations": Lazy(
            lambda: narrative.recommendations(results, set_labels, categories, digits=digits)
        ),
        "year_text": d(results["academic_year"]),
    }
    return view(results, extra)


def _resolve(lazy: Lazy) -> Any:
    """A Lazy shared by two keys: computed once for both."""
    if not hasattr(lazy, "value"):
        lazy.value = lazy.compute()  # type: ignore[attr-defined]
    return lazy.value  # type: ignore[attr-defined]


def _standard(standard, labels, bands, d, digits):
    def view(node, extra=None):
        return Shown(node, extra, digits)

    heading = f"มาตรฐานที่ {d(standard['number'])} {standard['title']}"
    items = [view(item, {"code_text": d(item["code"])}) for item in standard["items"]]

    def below_target():
        return [
            view(
                school,
                {
                    "level_label": labels.get(school["level"], "-"),
                    "items": [
                        view(
                            item,
                            {
                                "code_text": d(item["code"]),
                                "target_label": labels.get(item["target_level"], "-"),
                                "level_label": labels.get(item["level"], "-"),
                            },
                        )
                        for item in school["items"]
                    ],
                },
            )
            for school in standard["below_target"]
        ]

    return view(
        standard,
        {
            "heading": heading,
            "items": items,
            "paragraphs": Lazy(
                lambda: narrative.standard_paragraphs(standard, labels, digits=digits)
            ),
            "items_chart": Lazy(
                lambda: charts.stacked_levels(
                    [(f"ประเด็น {d(i['code'])}", i["n"], i["levels"]) for i in standard["items"]],
                    labels,
                    title=f"ระดับคุณภาพรายประเด็นพิจารณา {heading}",
                    digits=digits,
                )
            ),
            "item_groups": Lazy(lambda: _item_groups(standard, items, d)),
            "phrase_groups": Lazy(
                lambda: [
                    ("จุดเด่นร่วม", shown(standard["strengths"], digits)),
                    ("จุดที่ควรพัฒนาร่วม", shown(standard["improvements"], digits)),
                ]
            ),
            "by_cluster": [
                view(group, {"label": group["name"] or NO_CLUSTER})
                for group in standard["by_cluster"]
            ],
            "by_size": [
                view(group, {"label": bands.get(group["band"], NO_SIZE)})
                for group in standard["by_size"]
            ],
            "below_target_count": len(standard["below_target"]),
            "below_target": Lazy(below_target),
        },
    )


def _schools(results, labels, bands, d, digits):
    """(schools, appendix): every school's row, and the same rows cluster by cluster."""
    unmet: dict[str, list[str]] = {}
    unmet_by_set: dict[str, dict[str, list[str]]] = {}
    for level_set in results["level_sets"]:
        prefix = SET_ABBR.get(level_set["level"], level_set["set_code"])
        for standard in level_set["standards"]:
            number = d(standard["number"])
            for school in standard["below_target"]:
                unmet.setdefault(school["code"], []).append(f"{prefix}{number}")
                unmet_by_set.setdefault(school["code"], {}).setdefault(prefix, []).append(number)
    statuses = {s.value: str(s.label) for s in SelfAssessmentReport.Status}
    schools = []
    groups: dict[str, list] = {}
    for school in results["schools"]:
        code = school["code"]
        extra = {
            "code_text": d(code),
            "level_labels": [labels.get(level, "-") for level in school["levels"]],
            # The PDF appendix prints a school's levels by number (the key above the
            # table) as one text in one cell: six cells a row were most of its layout.
            "levels_text": " ".join(
                d(level) if level in labels else "-" for level in school["levels"]
            ),
            "cells": [
                {"level": level, "label": labels.get(level, "-")} for level in school["levels"]
            ],
            "status_label": statuses.get(school["status"], school["status"]),
            "cluster_label": school["cluster"] or NO_CLUSTER,
            "size_label": bands.get(school["size_band"], NO_SIZE),
            "unmet": " ".join(unmet.get(code, [])),
            # The PDF appendix keeps every row on one line: "ป.๑,๓ พ.๒" and the size band
            # without the word the column heading already says ("ใหญ่พิเศษ").
            "unmet_short": " ".join(
                prefix + ",".join(numbers) for prefix, numbers in unmet_by_set.get(code, {}).items()
            ),
            "size_short": (
                bands[school["size_band"]].removeprefix("ขนาด")
                if school["size_band"] in bands
                else "-"
            ),
        }
        row = Shown(school, extra, digits)
        schools.append(row)
        groups.setdefault(school["cluster"], []).append((row, extra))
    # The appendix lists the schools cluster by cluster: a table per cluster reads
    # better and keeps WeasyPrint from laying out one table of thousands of rows.
    order = collate([name for name in groups if name]) + ([""] if "" in groups else [])
    appendix = []
    index = 0
    for name in order:
        for _row, extra in groups[name]:
            index += 1
            extra["index_text"] = d(index)
        appendix.append(
            {"cluster": name or NO_CLUSTER, "schools": [row for row, _extra in groups[name]]}
        )
    return schools, appendix


def _appendix_widths(n_columns):
    # Appendix column widths (landscape A4, 10 pt): fixed columns sized to their longest
    # text so every row stays on one line; the levels column holds a digit or "-" and a
    # space per standard ("ป.๑ " in its heading); the school name takes what is left.
    levels_width = round(max(12.0, 4.2 * n_columns), 1)
    return {
        "levels": f"{levels_width:.1f}%",
        "name": f"{100 - 34 - levels_width:.1f}%",
    }


def _matrices(standards, digits):
    return [
        {
            "title": "ร้อยละของสถานศึกษาที่อยู่ในระดับดีเลิศขึ้นไป จำแนกตามกลุ่มเครือข่าย",
            "group": "กลุ่มเครือข่าย",
            "rows": _matrix(standards, "by_cluster", NO_CLUSTER, digits),
        },
        {
            "title": "ร้อยละของสถานศึกษาที่อยู่ในระดับดีเลิศขึ้นไป จำแนกตามขนาดสถานศึกษา",
            "group": "ขนาดสถานศึกษา",
            "rows": _matrix(standards, "by_size", NO_SIZE, digits),
        },
    ]


def _item_groups(standard, items, d):
    """The assessed items in runs under the heading item they belong to (1.1.3 under
    1.1), as the standards print them; items without a heading make a group of their own.
    Results from before headings were recorded have none: one group, no heading."""
    headings = sorted(standard.get("headings", []), key=lambda h: -len(h["code"]))
    groups: list[dict[str, Any]] = []
    for raw, item in zip(standard["items"], items, strict=True):
        heading = next((h for h in headings if raw["code"].startswith(f"{h['code']}.")), None)
        if not groups or groups[-1]["raw"] is not heading:
            groups.append({"raw": heading, "items": []})
        groups[-1]["items"].append(item)
    return [
        {
            "heading": None if g["raw"] is None else {**g["raw"], "code_text": d(g["raw"]["code"])},
            "items": g["items"],
        }
        for g in groups
    ]


def _matrix(standards, key, missing_label, digits):
    """Groups (clusters or size bands) down, standards across: the percent of schools
    at ดีเลิศขึ้นไป, with the number of schools of each group."""
    rows: dict[str, dict[str, Any]] = {}
    for column, standard in enumerate(standards):
        for group in standard[key]:
            row = rows.setdefault(
                group["label"],
                {
                    "label": group["label"] or missing_label,
                    "n": 0,
                    "cells": [None] * len(standards),
                },
            )
            row["n"] = max(row["n"], group["n"])
            row["cells"][column] = group["good_plus"]["percent"]
    return [
        Shown(
            {**row, "cells": [{"percent": value} for value in row["cells"]]},
            None,
            digits,
        )
        for row in rows.values()
    ]
