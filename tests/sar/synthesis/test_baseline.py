"""The benchmark's SQL baseline computes what the synthesis computes: on the small
district whose every figure test_figures asserts, its counts agree with the results."""

from collections import defaultdict

import pytest

from sar.synthesis import synthesize
from sar.synthesis.baseline import sql_aggregate
from standards.models import Standard
from tests.sar.factories import make_district


@pytest.fixture
def district(office, cluster, other_office, academic_year):
    return make_district(office, cluster, other_office)


def test_the_sql_groupings_agree_with_the_synthesis(district, office):
    results = synthesize(office, 2567)
    rows = sql_aggregate(office, 2567)
    by_key = {
        f"{s.standard_set.code}:{s.number}": s.pk
        for s in Standard.objects.select_related("standard_set")
    }
    levels = defaultdict(dict)
    for grouping, standard_id, _group, level, n in rows["levels"]:
        if grouping == "all":
            levels[standard_id][level] = n
    targets = {
        standard_id: (n, met)
        for grouping, standard_id, _g, n, met in rows["targets"]
        if grouping == "all"
    }
    bands = {(sid, g) for grouping, sid, g, _l, _n in rows["levels"] if grouping == "band"}
    checked = 0
    for level_set in results["level_sets"]:
        for standard in level_set["standards"]:
            sid = by_key[standard["key"]]
            for entry in standard["levels"]:
                assert levels[sid].get(entry["level"], 0) == entry["count"], standard["key"]
            if standard["target"]["n"]:
                assert targets[sid] == (standard["target"]["n"], standard["target"]["met"])
            checked += 1
    assert checked
    assert {g for _sid, g in bands} >= {"small", "medium", "large"}
    item_rows = {(item_id, level): n for item_id, level, n, _t, _m in rows["items"]}
    assert sum(item_rows.values()) > 0
