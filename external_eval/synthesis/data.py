"""The three levels of form ๗.๓ for every school of an office evaluated in a round, in a
fixed number of queries whatever the number of schools: the school's own SAR level of the
evaluated year (its latest version with a level), the district committee's level (the
visit forms of that year, rounded as the process 2 report rounds them) and ONESQA's.

A school evaluated twice in a round (a re-evaluation) counts once, with its latest
evaluation that has ONESQA's levels."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from sar.models import StandardResult
from schools.models import AreaOffice, School
from standards.models import Standard
from supervision.models import VisitAnswer
from supervision.reports import rounded_level

from ..models import ExternalEvaluation, OnesqaRound, OnesqaStandardResult, RatingLevel
from . import figures


@dataclass
class Row:
    school: School
    evaluation_id: int
    standard: Standard
    sar: int | None
    committee: int | None
    onesqa: int

    @property
    def sar_gap(self) -> int | None:
        return None if self.sar is None else self.sar - self.onesqa

    @property
    def committee_gap(self) -> int | None:
        return None if self.committee is None else self.committee - self.onesqa

    @property
    def flagged(self) -> bool:
        return figures.is_flagged(self.sar, self.committee, self.onesqa)

    def as_dict(self) -> dict:
        return {"sar": self.sar, "committee": self.committee, "onesqa": self.onesqa}


LEVEL_NAMES = {"ece": "ปฐมวัย", "basic": "ขั้นพื้นฐาน"}


def level_name(standard: Standard) -> str:
    level = standard.standard_set.level
    return LEVEL_NAMES.get(level) or str(standard.standard_set.get_level_display())


def standard_label(standard: Standard) -> str:
    return _("%(level)s มาตรฐานที่ %(number)s") % {
        "level": level_name(standard),
        "number": standard.number,
    }


def round_standards(onesqa_round: OnesqaRound) -> list[Standard]:
    standards = Standard.objects.filter(standard_set__onesqa_rounds=onesqa_round).select_related(
        "standard_set"
    )
    # ปฐมวัย before ขั้นพื้นฐาน, as the forms print them.
    return sorted(standards, key=lambda s: (s.standard_set.level != "ece", s.number, s.pk))


def scale_of(onesqa_round: OnesqaRound) -> list[tuple[int, str]]:
    return list(
        RatingLevel.objects.filter(scale=onesqa_round.scale_id)
        .order_by("-value")
        .values_list("value", "label")
    )


def gather(office: AreaOffice, onesqa_round: OnesqaRound, standards: list[Standard]) -> list[Row]:
    latest: dict[int, ExternalEvaluation] = {}
    for evaluation in (
        # EXISTS, not a join with DISTINCT: distinct wide rows took 17 s for 3,000 schools.
        ExternalEvaluation.objects.filter(
            Exists(OnesqaStandardResult.objects.filter(evaluation=OuterRef("pk"))),
            round=onesqa_round,
            school__area_office=office,
        )
        .select_related("school__cluster")
        .order_by("scheduled_from", "pk")
    ):
        latest[evaluation.school_id] = evaluation
    evaluations = {e.pk: e for e in latest.values()}
    if not evaluations:
        return []
    results = OnesqaStandardResult.objects.filter(evaluation__in=list(evaluations)).values_list(
        "evaluation_id", "standard_id", "level__value"
    )
    school_ids = [e.school_id for e in evaluations.values()]
    year_of = {e.school_id: e.academic_year_id for e in evaluations.values()}
    years = set(year_of.values())
    sar: dict[tuple[int, int], int] = {}
    for school_id, year_id, standard_id, level in (
        StandardResult.objects.filter(
            version__report__school__in=school_ids,
            version__report__academic_year__in=years,
            level__isnull=False,
        )
        .order_by("-version__number")
        .values_list(
            "version__report__school_id",
            "version__report__academic_year_id",
            "standard_id",
            "level",
        )
    ):
        if year_of.get(school_id) == year_id and level is not None:
            sar.setdefault((school_id, standard_id), level)  # the latest version first
    committee: dict[tuple[int, int], list[int]] = defaultdict(list)
    for school_id, year_id, standard_id, level in VisitAnswer.objects.filter(
        visit__school__in=school_ids,
        visit__academic_year__in=years,
        standard_item__isnull=False,
        level__isnull=False,
    ).values_list(
        "visit__school_id", "visit__academic_year_id", "standard_item__standard_id", "level"
    ):
        if year_of.get(school_id) == year_id and level is not None:
            committee[(school_id, standard_id)].append(level)
    by_pk = {s.pk: s for s in standards}
    position = {s.pk: n for n, s in enumerate(standards)}
    rows = []
    for evaluation_id, standard_id, value in results:
        standard = by_pk.get(standard_id)
        if standard is None:
            continue  # a standard no longer in the round's frameworks
        school = evaluations[evaluation_id].school
        key = (school.pk, standard_id)
        rows.append(
            Row(
                school=school,
                evaluation_id=evaluation_id,
                standard=standard,
                sar=sar.get(key),
                committee=rounded_level(committee[key]) if key in committee else None,
                onesqa=value,
            )
        )
    rows.sort(key=lambda r: (r.school.name, r.school.code, position[r.standard.pk]))
    return rows


def district_figures(office: AreaOffice, onesqa_round: OnesqaRound) -> tuple[dict, list[Row]]:
    """The ๗.๓ figures (JSON-ready, as published) and the rows they come from."""
    standards = round_standards(onesqa_round)
    scale = scale_of(onesqa_round)
    rows = gather(office, onesqa_round, standards)
    by_standard: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_standard[row.standard.pk].append({**row.as_dict(), "flagged": row.flagged})
    per_standard = []
    for standard in standards:
        if standard.pk not in by_standard:
            continue
        per_standard.append(
            {
                "id": standard.pk,
                "label": standard_label(standard),
                "short": f"{level_name(standard)} {standard.number}",
                "title": standard.title_th,
                **figures.standard_figures(by_standard[standard.pk], scale),
            }
        )
    all_rows = [{**r.as_dict(), "flagged": r.flagged} for r in rows]
    overall = figures.standard_figures(all_rows, scale) if rows else None
    flagged = [
        {
            "school": r.school.name,
            "code": r.school.code,
            "standard": standard_label(r.standard),
            "sar": r.sar,
            "committee": r.committee,
            "onesqa": r.onesqa,
        }
        for r in rows
        if r.flagged
    ]
    data = {
        "office": office.name,
        "round": {"number": onesqa_round.number, "name": onesqa_round.name},
        "scale": [[value, label] for value, label in scale],
        "schools": len({r.school.pk for r in rows}),
        "flagged_schools": len({r["code"] for r in flagged}),
        "standards": per_standard,
        "overall": overall,
        "flagged": flagged,
    }
    return data, rows
