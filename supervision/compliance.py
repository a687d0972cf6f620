"""Compliance of each school with the frequency rules of one academic year (domain.md §8.2):
a district site visit at least once a year, a self-evaluation every semester, the SAR
submitted, the visit report published.

One query for all schools (EXISTS/subquery annotations), whatever their number.
Each check is met, pending (its deadline has not passed, or it is planned) or missing;
a school is green when all are met, red when one is missing, amber otherwise.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from sar.models import SelfAssessmentReport
from schools.models import School

from .models import SelfEvaluation, Visit

MET, PENDING, MISSING = "met", "pending", "missing"
GREEN, AMBER, RED = "green", "amber", "red"
RAG_LABELS = {GREEN: _("ครบถ้วน"), AMBER: _("อยู่ระหว่างดำเนินการ"), RED: _("ยังไม่ดำเนินการ")}
STATE_LABELS = {MET: _("ดำเนินการแล้ว"), PENDING: _("รอดำเนินการ"), MISSING: _("ยังไม่ดำเนินการ")}
CHECKS = [
    ("visit", _("ตรวจเยี่ยมโดยเขตพื้นที่ (ปีละ ๑ ครั้ง)")),
    ("self_eval_1", _("ประเมินภายใน ภาคเรียนที่ ๑")),
    ("self_eval_2", _("ประเมินภายใน ภาคเรียนที่ ๒")),
    ("sar", _("ส่ง SAR")),
    ("report", _("เผยแพร่รายงานผลการตรวจเยี่ยม")),
]


@dataclass
class SchoolCompliance:
    school: School
    states: dict

    @property
    def rag(self):
        values = self.states.values()
        if all(v == MET for v in values):
            return GREEN
        if any(v == MISSING for v in values):
            return RED
        return AMBER

    @property
    def rag_label(self):
        return RAG_LABELS[self.rag]

    def cells(self):
        return [(key, self.states[key], STATE_LABELS[self.states[key]]) for key, _l in CHECKS]


def annotated_schools(schools, year):
    visits = Visit.objects.filter(
        school=OuterRef("pk"), academic_year=year, kind=Visit.Kind.DISTRICT_VISIT
    )
    evaluations = SelfEvaluation.objects.filter(school=OuterRef("pk"), academic_year=year)
    sar = SelfAssessmentReport.objects.filter(school=OuterRef("pk"), academic_year=year)
    return schools.select_related("cluster").annotate(
        visit_done=Exists(visits.done()),
        visit_any=Exists(visits),
        report_published=Exists(visits.filter(status=Visit.Status.PUBLISHED)),
        self_eval_1=Exists(evaluations.filter(semester=1)),
        self_eval_2=Exists(evaluations.filter(semester=2)),
        sar_status=Subquery(sar.values("status")[:1]),
    )


def _state(met, not_late):
    if met:
        return MET
    return PENDING if not_late else MISSING


def evaluate(school, year, today):
    """The states of one annotated school."""
    year_open = today <= year.ends_on
    sar_open = year.sar_deadline is None or today <= year.sar_deadline
    submitted = school.sar_status in (
        SelfAssessmentReport.Status.SUBMITTED,
        SelfAssessmentReport.Status.ACCEPTED,
    )
    # A visit nobody has planned is missing even early in the year: the calendar is
    # how the district commits to the once-a-year rule.
    return {
        "visit": _state(school.visit_done, school.visit_any and year_open),
        "self_eval_1": _state(school.self_eval_1, today <= year.semester1_ends_on),
        "self_eval_2": _state(school.self_eval_2, today <= year.semester2_ends_on),
        "sar": _state(submitted, sar_open),
        "report": _state(school.report_published, school.visit_any and year_open),
    }


def compliance_rows(schools, year, today):
    return [
        SchoolCompliance(school, evaluate(school, year, today))
        for school in annotated_schools(schools, year)
    ]


def summary(rows):
    counts = {GREEN: 0, AMBER: 0, RED: 0}
    per_check = {key: 0 for key, _l in CHECKS}
    for row in rows:
        counts[row.rag] += 1
        for key, state in row.states.items():
            if state == MET:
                per_check[key] += 1
    total = len(rows)
    overall = GREEN if counts[GREEN] == total else (RED if counts[RED] else AMBER)
    return {
        "total": total,
        "counts": counts,
        "overall": overall,
        "overall_label": RAG_LABELS[overall] if total else "",
        "per_check": [(label, per_check[key]) for key, label in CHECKS],
    }
