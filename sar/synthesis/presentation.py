"""The results document dressed for reading: labels, formatted figures, narratives and
charts. One function serves the HTML page (Arabic digits), the official PDF (Thai
digits) and the XLSX workbook, so the figures of all three are the same numbers by
construction."""

import copy

from pythainlp.util import collate

from iqa_district.thai import thai_digits
from schools.models import SizeBand
from standards.models import QualityLevel, StandardSet

from ..models import HelpNeed, SelfAssessmentReport
from . import charts, narrative

PERCENT_KEYS = ("percent", "previous_percent", "delta", "target_percent")
COUNT_KEYS = (
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
SET_SHORT = {StandardSet.Level.ECE: "ปฐมวัย", StandardSet.Level.BASIC: "ขั้นพื้นฐาน"}
SET_ABBR = {StandardSet.Level.ECE: "ป.", StandardSet.Level.BASIC: "พ."}
NO_CLUSTER = "ไม่สังกัดกลุ่มเครือข่าย"
NO_SIZE = "ไม่ระบุขนาด"


def level_labels():
    return {level.value: str(level.label) for level in QualityLevel}


def _texts(node, digits):
    """Add ``<key>_text`` beside every figure: "33.33"/"๓๓.๓๓", "-" when missing."""
    if isinstance(node, list):
        for child in node:
            _texts(child, digits)
    elif isinstance(node, dict):
        for key in list(node):
            value = node[key]
            if key in PERCENT_KEYS and (value is None or isinstance(value, int | float)):
                node[f"{key}_text"] = narrative.fmt(value, digits)
            elif key in COUNT_KEYS and isinstance(value, int) and not isinstance(value, bool):
                node[f"{key}_text"] = narrative.num(value, digits)
            else:
                _texts(value, digits)


def present(results, *, office_name=None, digits="arabic"):
    """A decorated copy of ``results`` for the templates."""
    data = copy.deepcopy(results)
    labels = level_labels()
    set_labels = {level.value: str(level.label) for level in StandardSet.Level}
    categories = {c.value: str(c.label) for c in HelpNeed.Category}
    bands = {b.value: str(b.label) for b in SizeBand}
    office_name = office_name or data["office"]["name"]
    d = (lambda v: thai_digits(v)) if digits == "thai" else (lambda v: str(v))

    for level_set in data["level_sets"]:
        level_set["label"] = set_labels.get(level_set["level"], level_set["level"])
        level_set["chart"] = charts.stacked_levels(
            [(f"มาตรฐานที่ {d(s['number'])}", s["n"], s["levels"]) for s in level_set["standards"]],
            labels,
            title=f"ระดับคุณภาพรายมาตรฐาน {level_set['label']}",
            digits=digits,
        )
        for standard in level_set["standards"]:
            standard["heading"] = f"มาตรฐานที่ {d(standard['number'])} {standard['title']}"
            standard["paragraphs"] = narrative.standard_paragraphs(standard, labels, digits=digits)
            standard["items_chart"] = charts.stacked_levels(
                [(f"ประเด็น {d(i['code'])}", i["n"], i["levels"]) for i in standard["items"]],
                labels,
                title=f"ระดับคุณภาพรายประเด็นพิจารณา {standard['heading']}",
                digits=digits,
            )
            for item in standard["items"]:
                item["code_text"] = d(item["code"])
            standard["item_groups"] = _item_groups(standard, d)
            standard["phrase_groups"] = [
                ("จุดเด่นร่วม", standard["strengths"]),
                ("จุดที่ควรพัฒนาร่วม", standard["improvements"]),
            ]
            for group in standard["by_cluster"]:
                group["label"] = group["name"] or NO_CLUSTER
            for group in standard["by_size"]:
                group["label"] = bands.get(group["band"], NO_SIZE)
            standard["below_target_count"] = len(standard["below_target"])
            for school in standard["below_target"]:
                school["level_label"] = labels.get(school["level"], "-")
                for item in school["items"]:
                    item["code_text"] = d(item["code"])
                    item["target_label"] = labels.get(item["target_level"], "-")
                    item["level_label"] = labels.get(item["level"], "-")
    for level_set in data["level_sets"]:
        level_set["matrices"] = [
            {
                "title": "ร้อยละของสถานศึกษาที่อยู่ในระดับดีเลิศขึ้นไป จำแนกตามกลุ่มเครือข่าย",
                "group": "กลุ่มเครือข่าย",
                "rows": _matrix(level_set["standards"], "by_cluster", NO_CLUSTER),
            },
            {
                "title": "ร้อยละของสถานศึกษาที่อยู่ในระดับดีเลิศขึ้นไป จำแนกตามขนาดสถานศึกษา",
                "group": "ขนาดสถานศึกษา",
                "rows": _matrix(level_set["standards"], "by_size", NO_SIZE),
            },
        ]
    for need in data["help_needs"]:
        need["label"] = categories.get(need["category"], need["category"])
    unmet = {}
    unmet_by_set = {}
    for level_set in data["level_sets"]:
        prefix = SET_ABBR.get(level_set["level"], level_set["set_code"])
        for standard in level_set["standards"]:
            for school in standard["below_target"]:
                unmet.setdefault(school["code"], []).append(f"{prefix}{d(standard['number'])}")
                unmet_by_set.setdefault(school["code"], {}).setdefault(prefix, []).append(
                    d(standard["number"])
                )
    statuses = {s.value: str(s.label) for s in SelfAssessmentReport.Status}
    for column in data["columns"]:
        column["label"] = (
            f"{SET_SHORT.get(column['level'], column['set_code'])} {d(column['number'])}"
        )
    for school in data["schools"]:
        school["code_text"] = d(school["code"])
        school["level_labels"] = [labels.get(level, "-") for level in school["levels"]]
        school["cells"] = [
            {"level": level, "label": labels.get(level, "-")} for level in school["levels"]
        ]
        school["status_label"] = statuses.get(school["status"], school["status"])
        school["cluster_label"] = school["cluster"] or NO_CLUSTER
        school["size_label"] = bands.get(school["size_band"], NO_SIZE)
        school["unmet"] = " ".join(unmet.get(school["code"], []))
        # The PDF appendix keeps every row on one line: "ป.๑,๓ พ.๒" and the size band
        # without the word the column heading already says ("ใหญ่พิเศษ").
        school["unmet_short"] = " ".join(
            prefix + ",".join(numbers)
            for prefix, numbers in unmet_by_set.get(school["code"], {}).items()
        )
        school["size_short"] = (
            bands[school["size_band"]].removeprefix("ขนาด") if school["size_band"] in bands else "-"
        )
    # The appendix lists the schools cluster by cluster: a table per cluster reads
    # better and keeps WeasyPrint from laying out one table of thousands of rows.
    groups = {}
    for school in data["schools"]:
        groups.setdefault(school["cluster"], []).append(school)
    order = collate([name for name in groups if name]) + ([""] if "" in groups else [])
    data["appendix"] = [{"cluster": name or NO_CLUSTER, "schools": groups[name]} for name in order]
    index = 0
    for group in data["appendix"]:
        for school in group["schools"]:
            index += 1
            school["index_text"] = d(index)
    # Appendix column widths (landscape A4, 10 pt): fixed columns sized to their longest
    # text so every row stays on one line; the school name takes what is left.
    level_width = round(min(7.5, 45 / max(1, len(data["columns"]))), 1)
    data["appendix_widths"] = {
        "level": f"{level_width:.1f}%",
        "name": f"{100 - 34 - level_width * len(data['columns']):.1f}%",
    }
    data["set_abbreviations"] = [
        f"{SET_ABBR[level]} = {SET_SHORT[level]}"
        for level in SET_ABBR
        if any(ls["level"] == level for ls in data["level_sets"])
    ]
    data["level_labels"] = [{"level": k, "label": v} for k, v in labels.items()]
    data["overview"] = narrative.overview(results, office_name, digits=digits)
    data["recommendations"] = narrative.recommendations(
        results, set_labels, categories, digits=digits
    )
    data["year_text"] = d(data["academic_year"])
    _texts(data, digits)
    return data


def _item_groups(standard, d):
    """The assessed items in runs under the heading item they belong to (1.1.3 under
    1.1), as the standards print them; items without a heading make a group of their own.
    Results from before headings were recorded have none: one group, no heading."""
    headings = sorted(standard.get("headings", []), key=lambda h: -len(h["code"]))
    groups = []
    for item in standard["items"]:
        heading = next((h for h in headings if item["code"].startswith(f"{h['code']}.")), None)
        if not groups or groups[-1]["heading"] is not heading:
            groups.append({"heading": heading, "items": []})
        groups[-1]["items"].append(item)
    for group in groups:
        if group["heading"] is not None:
            group["heading"] = {**group["heading"], "code_text": d(group["heading"]["code"])}
    return groups


def _matrix(standards, key, missing_label):
    """Groups (clusters or size bands) down, standards across: the percent of schools
    at ดีเลิศขึ้นไป, with the number of schools of each group."""
    rows = {}
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
        {**row, "cells": [{"percent": value} for value in row["cells"]]} for row in rows.values()
    ]
