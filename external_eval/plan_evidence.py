"""ONESQA's results as evidence of a district plan's strategies (supervision/plans may not
import this app, so this registers with its evidence registry from ExternalEvalConfig.ready):
for each standard shown, the distribution of ONESQA's levels among the office's schools in
its latest round with results (a school's latest evaluation of that round), and the schools
below ดี. Four queries whatever the number of standards or schools."""

from collections import Counter, defaultdict
from collections.abc import Mapping

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from schools.models import AreaOffice
from supervision.plans.evidence import ExtraEvidence

from .models import ExternalEvaluation, OnesqaStandardResult, RatingLevel

GOOD_LABEL = "ดี"
GOOD_VALUE = 3  # ดี on the 5-level scale, where a scale has no level named ดี
LISTED_SCHOOLS = 10


def onesqa_evidence(office: AreaOffice, keys: list[str]) -> Mapping[str, ExtraEvidence]:
    wanted = [key.split(":", 1) for key in keys if ":" in key]
    wanted_q = Q(pk__in=[])
    for set_code, number_text in wanted:
        if number_text.isdigit():
            wanted_q |= Q(standard__standard_set__code=set_code, standard__number=int(number_text))
    with_results = Exists(OnesqaStandardResult.objects.filter(evaluation=OuterRef("pk")))
    evaluations = ExternalEvaluation.objects.filter(with_results, school__area_office=office)
    latest_round = (
        evaluations.order_by("-round__number")
        .values("round_id", "round__name", "round__scale_id")
        .first()
    )
    if latest_round is None:
        return {}
    # A school's latest evaluation of the round (a re-evaluation replaces the earlier one).
    latest: dict[int, int] = {
        school_id: pk
        for pk, school_id in evaluations.filter(round=latest_round["round_id"])
        .order_by("scheduled_from", "pk")
        .values_list("pk", "school_id")
    }
    levels = list(
        RatingLevel.objects.filter(scale=latest_round["round__scale_id"])
        .order_by("-value")
        .values_list("value", "label")
    )
    good = next((value for value, label in levels if label == GOOD_LABEL), GOOD_VALUE)
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    below: dict[str, list[dict[str, str]]] = defaultdict(list)
    for code, number, value, school_code, school_name in (
        OnesqaStandardResult.objects.filter(wanted_q, evaluation__in=list(latest.values()))
        .order_by("evaluation__school__name", "evaluation__school__code")
        .values_list(
            "standard__standard_set__code",
            "standard__number",
            "level__value",
            "evaluation__school__code",
            "evaluation__school__name",
        )
    ):
        key = f"{code}:{number}"
        counts[key][value] += 1
        if value < good:
            below[key].append({"code": school_code, "name": school_name})
    return {
        key: ExtraEvidence(
            title=_("ผลการประเมินคุณภาพภายนอก (สมศ.)"),
            template="external_eval/plans/_evidence.html",
            pdf_template="external_eval/pdf/_plan_evidence.html",
            context={
                "round_name": latest_round["round__name"],
                "schools": sum(counts[key].values()),
                "distribution": [
                    {"value": value, "label": label, "count": counts[key][value]}
                    for value, label in levels
                ],
                "below_good": below[key],
                "below_good_listed": below[key][:LISTED_SCHOOLS],
            },
        )
        for key in counts
    }
