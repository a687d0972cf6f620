"""The figures of the visit reports: the per-school report (process 2 ๗.๒, and the filled
process 1 forms) and the district reports (process 1 ๗.๓ and process 2 ๗.๓).

Every function reads with a fixed number of queries whatever the number of schools.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from iqa_district.thai import thai_digits
from sar.followup.models import Recommendation
from sar.synthesis.phrases import PhraseMiner
from standards.models import QualityLevel, Standard

from .models import (
    CommitteeMember,
    DistrictReport,
    FormItem,
    FormSection,
    FormTemplate,
    SelfEvaluationLevel,
    Semester,
    Visit,
    VisitAnswer,
    VisitStandardLevel,
)

LEVELS = (5, 4, 3, 2, 1)
# A standard as the district report counts it: (level of education, number, Thai title).
StandardKey = tuple[str, int, str]


def rounded_level(levels):
    """The level of a group of items: the mean rounded half up; None when nothing rated."""
    values = [v for v in levels if v]
    if not values:
        return None
    return int(sum(values) / len(values) + 0.5)


def mean(levels):
    """The mean of the rated levels to two decimals (half up); None when nothing rated."""
    values = [v for v in levels if v]
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def level_label(level):
    return QualityLevel(level).label if level else ""


@dataclass
class StandardRow:
    standard: object
    answers: list = field(default_factory=list)
    # The level the committee set for the standard itself, if it did.
    override: int | None = None

    @property
    def self_level(self):
        return rounded_level(a.self_level for a in self.answers)

    @property
    def committee_mean(self):
        return mean(a.level for a in self.answers)

    @property
    def committee_level(self):
        return self.override or rounded_level(a.level for a in self.answers)

    @property
    def self_label(self):
        return level_label(self.self_level)

    @property
    def committee_label(self):
        return level_label(self.committee_level)


def visit_report(visit: Visit) -> dict:
    """Everything the per-school report shows: the header of §6.1, the filled rows and,
    for process 2, the standard × level table of self vs committee levels."""
    answers = list(
        visit.answers.select_related(
            "form_item__section", "standard_item__standard__standard_set"
        ).order_by("order", "pk")
    )
    members = []
    if visit.committee_id:
        members = list(
            CommitteeMember.objects.filter(committee=visit.committee_id).order_by("order", "pk")
        )
    supervisors = list(visit.supervisors.order_by("first_name", "last_name"))
    sections, standards = [], []
    if visit.template.row_source == visit.template.RowSource.STANDARD_ITEMS:
        by_standard: dict[int, StandardRow] = {}
        for answer in answers:
            assert answer.standard_item is not None  # the template's rows are standard items
            standard = answer.standard_item.standard
            row = by_standard.get(standard.pk)
            if row is None:
                row = by_standard[standard.pk] = StandardRow(standard)
                standards.append(row)
            row.answers.append(answer)
        overrides = dict(
            VisitStandardLevel.objects.filter(visit=visit).values_list("standard_id", "level")
        )
        for row in standards:
            row.override = overrides.get(row.standard.pk)  # type: ignore[attr-defined]
    else:
        by_section: dict[int, tuple[FormSection, list[VisitAnswer]]] = {}
        for answer in answers:
            assert answer.form_item is not None  # the template's rows are its own items
            section = answer.form_item.section
            if section.pk not in by_section:
                by_section[section.pk] = (section, [])
                sections.append(by_section[section.pk])
            by_section[section.pk][1].append(answer)
    overall = overall_rubric_level(answers)
    return {
        "visit": visit,
        "school": visit.school,
        "answers": answers,
        "sections": sections,
        "standards": standards,
        "members": members,
        "supervisors": supervisors,
        "overall_level": overall,
        "overall_label": level_label(overall),
        "components": component_levels(answers),
        "yes_count": sum(1 for a in answers if a.has_evidence is True),
        "no_count": sum(1 for a in answers if a.has_evidence is False),
        **_readiness(visit, answers),
    }


def readiness_figures(answers) -> dict[str, Any]:
    """Process 3 ๗.๑: the readiness score is the share of its มี/ไม่มี rows answered มี
    (an unanswered row counts as not done), and the verdict row's answer."""
    scored = [a for a in answers if a.form_item and a.form_item.answer_type == "yes_no"]
    yes = sum(1 for a in scored if a.has_evidence is True)
    verdicts = [
        a.has_evidence for a in answers if a.form_item and a.form_item.answer_type == "verdict"
    ]
    percent = (
        (Decimal(100 * yes) / len(scored)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        if scored
        else None
    )
    return {
        "yes": yes,
        "total": len(scored),
        "percent": percent,
        "ready": verdicts[0] if verdicts else None,
    }


def _readiness(visit: Visit, answers) -> dict[str, Any]:
    """A readiness check also lists every ONESQA recommendation of the school with its
    follow-up status (the form asks whether they were acted on)."""
    if visit.template.process != FormTemplate.Process.ONESQA:
        return {}
    return {
        "readiness": readiness_figures(answers),
        "onesqa_recommendations": list(
            Recommendation.objects.filter(
                school=visit.school_id, source=Recommendation.Source.ONESQA
            )
            .select_related("standard")
            .order_by("academic_year_id", "pk")
        ),
    }


def component_levels(answers) -> list[dict]:
    """The rated rubric rows grouped by the IQA component they rate (process 1 ๗.๒): the
    mean of each component's rows. A row without a component counts as its own."""
    groups: dict[object, list[int]] = {}
    labels: dict[object, str] = {}
    for answer in answers:
        item = answer.form_item
        if item is None or item.answer_type != FormItem.AnswerType.RUBRIC or not answer.level:
            continue
        key = item.component or f"item-{item.pk}"
        groups.setdefault(key, []).append(answer.level)
        labels[key] = item.get_component_display() if item.component else item.text
    return [
        {
            "component": key,
            "label": labels[key],
            "rows": len(values),
            "mean": mean(values),
            "exact": Fraction(sum(values), len(values)),
        }
        for key, values in groups.items()
    ]


def overall_rubric_level(answers):
    """The overall level of a rubric form: the mean of its components' means, rounded
    half up, so a component the office split into several rows still counts once."""
    means = [row["exact"] for row in component_levels(answers)]
    if not means:
        return None
    overall = sum(means) / len(means)
    return math.floor(overall + Fraction(1, 2))


def _lines(texts):
    """Common points: identical lines counted across schools, most frequent first."""
    counter = Counter()
    for text in texts:
        for line in (text or "").splitlines():
            line = line.strip(" -•\t")
            if line:
                counter[line] += 1
    return counter.most_common(15)


def _common_texts(visits):
    return {
        "strengths": _lines(v.strengths for v in visits),
        "improvements": _lines(v.improvements for v in visits),
        "recommendations": _lines(v.recommendations for v in visits),
        "acceleration_measures": _lines(v.acceleration_measures for v in visits),
    }


def _distribution(counts: Counter, total: int):
    return [
        (level, QualityLevel(level).label, counts.get(level, 0), _pct(counts.get(level, 0), total))
        for level in LEVELS
    ]


def _pct(part, total):
    return round(part * 100 / total, 2) if total else 0


def _published(office, year, process):
    return (
        Visit.objects.filter(
            school__area_office=office,
            academic_year=year,
            template__process=process,
            status=Visit.Status.PUBLISHED,
        )
        .select_related("school__cluster", "school__area_office", "template")
        .order_by("school__code", "date", "pk")
    )


def _latest_per_school(visits, *, per_form=False):
    """The latest published visit of each school (of each school and form, for process 1
    whose ๗.๑ and ๗.๒ are separate visits); a re-visit replaces the earlier result."""
    latest = {}
    for visit in visits:  # ordered by date: the last one wins
        key = (visit.school_id, visit.template.code) if per_form else visit.school_id
        latest[key] = visit
    return list(latest.values())


def process1_district_report(*, office, year) -> dict:
    """Form ๗.๓ of process 1: per IQA step, how many schools are at each level or have
    done it, the schools needing help, and the common findings."""
    visits = _latest_per_school(_published(office, year, 1), per_form=True)
    answers = (
        VisitAnswer.objects.filter(visit__in=[v.pk for v in visits], form_item__isnull=False)
        .select_related("form_item__section__template")
        .order_by(
            "form_item__section__template__form_no", "form_item__section__order", "form_item__order"
        )
    )
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    weak = defaultdict(list)
    for answer in answers:
        item = answer.form_item
        assert item is not None  # the query keeps form rows only
        key = (item.section.template.form_no, item.code, item.text)
        row = rows.setdefault(
            key,
            {
                "form_no": item.section.template.form_no,
                "code": item.code,
                "text": item.text,
                "answer_type": item.answer_type,
                "levels": Counter(),
                "yes": 0,
                "no": 0,
                "rated": 0,
            },
        )
        if item.answer_type == FormItem.AnswerType.RUBRIC and answer.level:
            row["levels"][answer.level] += 1
            row["rated"] += 1
            if answer.level <= 2:
                weak[answer.visit_id].append(item.text)
        elif item.answer_type == FormItem.AnswerType.YES_NO and answer.has_evidence is not None:
            row["rated"] += 1
            if answer.has_evidence:
                row["yes"] += 1
            else:
                row["no"] += 1
                weak[answer.visit_id].append(item.text)
    table = []
    for row in rows.values():
        row["distribution"] = _distribution(row["levels"], row["rated"])
        row["yes_pct"] = _pct(row["yes"], row["rated"])
        row["mean"] = (
            round(sum(lv * n for lv, n in row["levels"].items()) / row["rated"], 2)
            if row["levels"]
            else None
        )
        table.append(row)
    needing_help = [(v, weak[v.pk]) for v in visits if weak.get(v.pk)]
    return {
        "year": year,
        "office": office,
        "school_count": len({v.school_id for v in visits}),
        "rubric_rows": [r for r in table if r["answer_type"] == FormItem.AnswerType.RUBRIC],
        "yes_no_rows": [r for r in table if r["answer_type"] == FormItem.AnswerType.YES_NO],
        "needing_help": needing_help,
        "common": _common_texts(visits),
    }


def process2_district_report(*, office, year) -> dict:
    """Form ๗.๓ of process 2: per standard, how many schools the committees placed at each
    level, by cluster; the schools below target; the common strengths and points to improve."""
    visits = _latest_per_school(_published(office, year, 2))
    answers = (
        VisitAnswer.objects.filter(visit__in=[v.pk for v in visits], standard_item__isnull=False)
        .select_related("standard_item__standard__standard_set")
        .order_by("standard_item__standard__standard_set__level", "standard_item__standard__number")
    )
    per_school_standard: defaultdict[StandardKey, defaultdict[int, list[VisitAnswer]]] = (
        defaultdict(lambda: defaultdict(list))
    )
    standards: dict[StandardKey, Standard] = {}
    below_target = defaultdict(list)
    for answer in answers:
        assert answer.standard_item is not None  # the query keeps standard rows only
        standard = answer.standard_item.standard
        # Schools share the national standards; a school's own added standards are
        # counted together when they carry the same number and title.
        key = (standard.standard_set.level, standard.number, standard.title_th)
        standards.setdefault(key, standard)
        per_school_standard[key][answer.visit_id].append(answer)
        if answer.level and answer.target_level and answer.level < answer.target_level:
            below_target[answer.visit_id].append(answer.standard_item)
    visit_by_pk = {v.pk: v for v in visits}
    overrides = {
        (visit_id, standard_id): level
        for visit_id, standard_id, level in VisitStandardLevel.objects.filter(
            visit__in=list(visit_by_pk)
        ).values_list("visit_id", "standard_id", "level")
    }
    rows = []
    for key, by_visit in per_school_standard.items():
        counts: Counter[int] = Counter()
        cluster_counts: defaultdict[str, Counter[int]] = defaultdict(Counter)
        size_counts: defaultdict[str, Counter[int]] = defaultdict(Counter)
        gaps = 0
        for visit_pk, items in by_visit.items():
            standard_id = items[0].standard_item.standard_id  # type: ignore[union-attr]
            level = overrides.get((visit_pk, standard_id)) or rounded_level(a.level for a in items)
            own = rounded_level(a.self_level for a in items)
            if level:
                counts[level] += 1
                cluster = visit_by_pk[visit_pk].school.cluster
                cluster_counts[cluster.name if cluster else "-"][level] += 1
                size_counts[visit_by_pk[visit_pk].school.get_size_band_display() or "-"][level] += 1
                if own and own > level:
                    gaps += 1
        rated = sum(counts.values())
        rows.append(
            {
                "standard": standards[key],
                "distribution": _distribution(counts, rated),
                "rated": rated,
                "self_higher": gaps,
                "clusters": sorted(
                    (name, [c.get(lv, 0) for lv in LEVELS]) for name, c in cluster_counts.items()
                ),
                "sizes": sorted(
                    (name, [c.get(lv, 0) for lv in LEVELS]) for name, c in size_counts.items()
                ),
            }
        )
    return {
        "year": year,
        "office": office,
        "school_count": len(visits),
        "standard_rows": rows,
        "below_target": [(v, below_target[v.pk]) for v in visits if below_target.get(v.pk)],
        "common": _mined_texts(visits),
        "self_evaluations": self_evaluation_summary(office=office, year=year),
        "district_report": DistrictReport.objects.filter(
            area_office=office, academic_year=year, process=2
        ).first(),
    }


def _mined_texts(visits):
    """Common points of process 2 by the synthesis's Thai phrase miner: a key phrase
    counts once per school, however each school worded the line around it."""
    miner = PhraseMiner(top=10)

    def mine(attribute):
        texts = [(v.school.name, getattr(v, attribute)) for v in visits if getattr(v, attribute)]
        return [(found["phrase"], found["schools"]) for found in miner.mine(texts)]

    return {
        name: mine(name)
        for name in ("strengths", "improvements", "recommendations", "acceleration_measures")
    }


def self_evaluation_summary(*, office, year) -> list[dict]:
    """The schools' semester self-evaluations summed per standard: per semester, how many
    schools gave each level, the sum and mean of the levels, and the mean as a level.

    A school that recorded a semester twice counts with its latest evaluation. Standards
    are counted together by level of education, number and title, as the visits are."""
    levels = (
        SelfEvaluationLevel.objects.filter(
            self_evaluation__school__area_office=office, self_evaluation__academic_year=year
        )
        .select_related("self_evaluation", "standard__standard_set")
        .order_by("self_evaluation__date", "self_evaluation_id", "pk")
    )
    latest: dict[tuple[int, int], int] = {}
    rows_of: dict[int, list] = defaultdict(list)
    for row in levels:  # ordered by date: the last evaluation of a semester wins
        evaluation = row.self_evaluation
        latest[(evaluation.school_id, evaluation.semester)] = evaluation.pk
        rows_of[evaluation.pk].append(row)
    per_semester: dict[int, dict[StandardKey, list[int]]] = defaultdict(dict)
    standards: dict[StandardKey, Standard] = {}
    schools: Counter[int] = Counter()
    for (_school, semester), evaluation_pk in latest.items():
        schools[semester] += 1
        for row in rows_of[evaluation_pk]:
            standard = row.standard
            key = (standard.standard_set.level, standard.number, standard.title_th)
            standards.setdefault(key, standard)
            per_semester[semester].setdefault(key, [])
            if row.level:
                per_semester[semester][key].append(row.level)
    summary = []
    for semester in sorted(per_semester):
        rows = []
        for key in sorted(per_semester[semester]):
            values = per_semester[semester][key]
            average = mean(values)
            rows.append(
                {
                    "standard": standards[key],
                    "distribution": _distribution(Counter(values), len(values)),
                    "rated": len(values),
                    "total": sum(values),
                    "mean": average,
                    "mean_level": rounded_level(values),
                    "mean_label": level_label(rounded_level(values)),
                }
            )
        summary.append(
            {
                "semester": semester,
                # The official PDF prints it as it stands (Thai digits); pages pass it
                # through arabic_num (README, "Numbers and dates").
                "label": thai_digits(Semester(semester).label),
                "schools": schools[semester],
                "rows": rows,
            }
        )
    return summary
