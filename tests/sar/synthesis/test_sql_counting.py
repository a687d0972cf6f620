"""The item levels and the targets met are counted by the database (data.fetch_input);
here they must equal the figures counted the old way, in Python, one model instance per
result and target with SchoolTarget.is_met_by, on a fixed generated district with the
awkward cases added: a target without a result, a result without a level, a percent
exactly on its target and one a hundredth below, a resubmitted school whose first
version must be ignored, and a submitted report left out."""

from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command

from sar.models import ItemResult, SARVersion, SelfAssessmentReport
from sar.synthesis import synthesize
from schools.models import AreaOffice
from standards.models import SchoolTarget

YEAR = 2568


@pytest.fixture
def office(db):
    call_command("generate_national", "--offices", "1", "--schools", "40", "--years", "1")
    office = AreaOffice.objects.get(code="N-001")
    reports = list(
        SelfAssessmentReport.objects.filter(school__area_office=office).order_by("school__code")
    )
    targets = SchoolTarget.objects.filter(school__area_office=office, academic_year=YEAR)
    first, second, third, fourth = (r.versions.get() for r in reports[:4])
    # A target whose item has no result, and a result with a percent but no level.
    first.item_results.filter(pk=first.item_results.order_by("pk").first().pk).delete()
    second.item_results.filter(pk=second.item_results.order_by("pk")[1].pk).update(level=None)
    # Percents exactly on the target and a hundredth below it.
    office.ties = []
    for version, percent in ((third, Decimal("80.00")), (fourth, Decimal("79.99"))):
        result = version.item_results.select_related("item__standard__standard_set").first()
        ItemResult.objects.filter(pk=result.pk).update(level=5, result_percent=percent)
        targets.filter(school=version.report.school, item=result.item).update(
            target_level=3, target_percent=Decimal("80.00")
        )
        office.ties.append(
            (_key(result.item.standard), version.report.school.code, result.item.code)
        )
    # A resubmitted school: version 2 is read, its all-level-1 version 1 is not.
    resubmitted = reports[4].versions.get()
    old = SARVersion.objects.create(
        report=reports[4], number=0, submitted_at=resubmitted.submitted_at
    )
    ItemResult.objects.bulk_create(
        ItemResult(version=old, item_id=r.item_id, level=1, result_percent=10)
        for r in resubmitted.item_results.all()
    )
    reports[5].status = SelfAssessmentReport.Status.SUBMITTED
    reports[5].save(update_fields=["status"])
    return office


def _key(standard):
    return f"{standard.standard_set.code}:{standard.number}"


def python_counted(office):
    """The figures counted as the synthesis counted them before: per item the levels and
    the targets met, per standard the schools meeting every target, and who does not."""
    latest = {}
    for version in SARVersion.objects.filter(
        report__school__area_office=office,
        report__academic_year=YEAR,
        report__status=SelfAssessmentReport.Status.ACCEPTED,
        submitted_at__isnull=False,
    ).select_related("report__school__cluster"):
        school = version.report.school
        if school.pk not in latest or version.number > latest[school.pk][1].number:
            latest[school.pk] = (school, version)
    school_of = {version.pk: school.pk for school, version in latest.values()}
    results = {
        (school_of[result.version_id], result.item_id): result
        for result in ItemResult.objects.filter(version_id__in=school_of).select_related(
            "item__standard__standard_set"
        )
    }
    levels = defaultdict(Counter)
    for result in results.values():
        if result.level is not None:
            levels[(_key(result.item.standard), result.item.code)][result.level] += 1
    items = defaultdict(lambda: [0, 0])
    schools = defaultdict(dict)  # standard key -> {school code: [unmet item codes]}
    clusters = defaultdict(lambda: [0, 0])
    for target in SchoolTarget.objects.filter(
        school_id__in=latest, academic_year=YEAR, item__is_assessed=True
    ).select_related("item__standard__standard_set", "school"):
        result = results.get((target.school_id, target.item_id))
        met = target.is_met_by(
            level=result.level if result else None,
            percent=result.result_percent if result else None,
        )
        standard = _key(target.item.standard)
        items[(standard, target.item.code)][0] += 1
        items[(standard, target.item.code)][1] += met
        unmet = schools[standard].setdefault(target.school.code, [])
        if not met:
            unmet.append((target.item.order, target.item.code))
    for standard, by_school in schools.items():
        for code, unmet in by_school.items():
            by_school[code] = [item_code for _order, item_code in sorted(unmet)]
            cluster = next(s.cluster.name for s, _v in latest.values() if s.code == code)
            clusters[(standard, cluster)][0] += 1
            clusters[(standard, cluster)][1] += not unmet
    return levels, items, schools, clusters


def test_sql_counted_figures_equal_the_python_counted(office):
    levels, items, schools, clusters = python_counted(office)
    results = synthesize(office, YEAR)
    checked_items = below = 0
    for level_set in results["level_sets"]:
        for standard in level_set["standards"]:
            key = standard["key"]
            for item in standard["items"]:
                counted = {e["level"]: e["count"] for e in item["levels"] if e["count"]}
                assert counted == dict(levels[(key, item["code"])]), (key, item["code"])
                assert item["n"] == sum(levels[(key, item["code"])].values())
                n, met = items[(key, item["code"])]
                assert (item["target"]["n"], item["target"]["met"]) == (n, met), item["code"]
                checked_items += 1
            by_school = schools[key]
            assert standard["target"]["n"] == len(by_school)
            assert standard["target"]["met"] == sum(not u for u in by_school.values())
            listed = {
                row["code"]: [i["code"] for i in row["items"]] for row in standard["below_target"]
            }
            assert listed == {code: unmet for code, unmet in by_school.items() if unmet}
            below += len(listed)
            for row in standard["by_cluster"]:
                assert [row["target"]["n"], row["target"]["met"]] == clusters[(key, row["name"])]
    assert checked_items > 20
    assert below > 0


def test_a_percent_on_its_target_meets_it_and_a_hundredth_below_does_not(office):
    results = synthesize(office, YEAR)
    unmet = {
        (standard["key"], row["code"], item["code"]): item
        for level_set in results["level_sets"]
        for standard in level_set["standards"]
        for row in standard["below_target"]
        for item in row["items"]
    }
    on_target, below = office.ties
    assert on_target not in unmet
    assert unmet[below] == {
        "code": below[2],
        "target_level": 3,
        "target_percent": 80.0,
        "level": 5,
        "percent": 79.99,
    }


def test_the_figures_read_without_the_narratives_are_the_same(office):
    # What the benchmark measures against SQL: every figure, only the mined phrases
    # (which need the texts) left empty.
    from sar.synthesis import compute, fetch_input

    with_texts = compute(fetch_input(office, YEAR))
    without = compute(fetch_input(office, YEAR, narratives=False))
    mined = 0
    for level_set in with_texts["level_sets"]:
        for standard in level_set["standards"]:
            mined += len(standard["strengths"]) + len(standard["improvements"])
            standard["strengths"] = standard["improvements"] = []
    assert mined
    assert without == with_texts
