"""The synthesis figures of a small district, every one asserted exactly.

The district (tests/sar/factories.make_district): S1, S2, S3 accepted (S3
resubmitted: its first version, all level 1, must be ignored), S4 submitted only, S5 a
draft, and an accepted school of another office.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sar.models import SynthesisRun
from sar.synthesis import synthesize
from sar.synthesis.figures import distribution, percent, target_met
from sar.synthesis.phrases import PhraseMiner
from tests.sar.factories import make_district

PIBUN = "กลุ่มเครือข่ายพิบูลมังสาหาร"
TOWN = "กลุ่มเครือข่ายเมือง"


def levels(*pairs):
    """[(count, percent)] for levels 5..1 as the results list them."""
    return [
        {"level": level, "count": count, "percent": pct}
        for level, (count, pct) in zip((5, 4, 3, 2, 1), pairs, strict=True)
    ]


def target(n, met, pct):
    return {"n": n, "met": met, "percent": pct}


@pytest.fixture
def district(office, cluster, other_office, academic_year):
    return make_district(office, cluster, other_office)


@pytest.fixture
def results(district, office):
    return synthesize(office, 2567)


def standard(results, key):
    return next(s for ls in results["level_sets"] for s in ls["standards"] if s["key"] == key)


def test_percent_rounds_half_up_to_two_places():
    assert percent(1, 3) == 33.33
    assert percent(2, 3) == 66.67
    assert percent(1, 8) == 12.5
    assert percent(1, 200) == 0.5
    assert percent(0, 0) is None


def test_target_rule_needs_level_and_percent_where_set():
    assert target_met(4, None, 4, None)
    assert not target_met(4, None, 3, 99)
    assert not target_met(4, 90, 5, 88)
    assert target_met(4, 70, 4, 70)
    assert not target_met(3, 50, 3, None)
    assert not target_met(3, None, None, None)


def test_distribution_ignores_missing_levels():
    d = distribution([5, None, 4, 1])
    assert d["n"] == 3
    assert d["good_plus"] == {"count": 2, "percent": 66.67}


def test_coverage_and_structure(results):
    assert results["academic_year"] == 2567
    assert results["include_submitted"] is False
    assert results["coverage"] == {
        "schools_total": 5,
        "schools": 3,
        "accepted": 3,
        "submitted": 0,
        "percent": 60.0,
    }
    assert [ls["set_code"] for ls in results["level_sets"]] == ["SYN-TEST-ECE", "SYN-TEST-BASIC"]
    assert [ls["schools"] for ls in results["level_sets"]] == [2, 3]
    assert [s["key"] for s in results["level_sets"][1]["standards"]] == [
        "SYN-TEST-BASIC:1",
        "SYN-TEST-BASIC:2",
    ]


def test_basic_standard_1_every_figure(results):
    s = standard(results, "SYN-TEST-BASIC:1")
    assert s["n"] == 3
    assert s["levels"] == levels((1, 33.33), (1, 33.33), (0, 0.0), (1, 33.33), (0, 0.0))
    assert s["good_plus"] == {"count": 2, "percent": 66.67}
    # S1 misses 1.1.2, S2 misses 1.1.1 on percent (88 < 90), S3 meets both targets.
    assert s["target"] == target(3, 1, 33.33)
    assert s["change"] is None
    item_111, item_112 = s["items"]
    assert item_111["code"] == "1.1.1"
    assert item_111["n"] == 3
    assert item_111["levels"] == levels((1, 33.33), (1, 33.33), (0, 0.0), (1, 33.33), (0, 0.0))
    assert item_111["good_plus"] == {"count": 2, "percent": 66.67}
    assert item_111["target"] == target(3, 2, 66.67)
    assert item_112["code"] == "1.1.2"
    assert item_112["levels"] == levels((1, 33.33), (0, 0.0), (1, 33.33), (1, 33.33), (0, 0.0))
    assert item_112["good_plus"] == {"count": 1, "percent": 33.33}
    assert item_112["target"] == target(1, 0, 0.0)
    assert [
        (c["name"], c["n"], c["good_plus"]["percent"], c["target"]) for c in s["by_cluster"]
    ] == [
        (PIBUN, 2, 100.0, target(2, 0, 0.0)),
        (TOWN, 1, 0.0, target(1, 1, 100.0)),
    ]
    assert s["by_cluster"][0]["levels"] == levels(
        (1, 50.0), (1, 50.0), (0, 0.0), (0, 0.0), (0, 0.0)
    )
    assert s["by_cluster"][1]["levels"] == levels(
        (0, 0.0), (0, 0.0), (0, 0.0), (1, 100.0), (0, 0.0)
    )
    assert [(b["band"], b["n"], b["good_plus"]["percent"], b["target"]) for b in s["by_size"]] == [
        ("small", 1, 100.0, target(1, 0, 0.0)),
        ("medium", 1, 100.0, target(1, 0, 0.0)),
        ("large", 1, 0.0, target(1, 1, 100.0)),
    ]
    assert s["below_target"] == [
        {
            "code": "1099000001",
            "name": "โรงเรียนบ้านกอก",
            "cluster": PIBUN,
            "level": 4,
            "items": [
                {
                    "code": "1.1.2",
                    "target_level": 4,
                    "target_percent": None,
                    "level": 3,
                    "percent": 70.0,
                }
            ],
        },
        {
            "code": "1099000002",
            "name": "โรงเรียนบ้านขาม",
            "cluster": PIBUN,
            "level": 5,
            "items": [
                {
                    "code": "1.1.1",
                    "target_level": 4,
                    "target_percent": 90.0,
                    "level": 5,
                    "percent": 88.0,
                }
            ],
        },
    ]


def test_basic_standard_2_every_figure(results):
    s = standard(results, "SYN-TEST-BASIC:2")
    assert s["levels"] == levels((0, 0.0), (2, 66.67), (1, 33.33), (0, 0.0), (0, 0.0))
    assert s["good_plus"] == {"count": 2, "percent": 66.67}
    assert s["target"] == target(2, 2, 100.0)
    [item] = s["items"]
    assert item["levels"] == levels((1, 33.33), (2, 66.67), (0, 0.0), (0, 0.0), (0, 0.0))
    assert item["good_plus"] == {"count": 3, "percent": 100.0}
    assert item["target"] == target(2, 2, 100.0)
    assert [(c["name"], c["good_plus"]["percent"], c["target"]) for c in s["by_cluster"]] == [
        (PIBUN, 50.0, target(1, 1, 100.0)),
        (TOWN, 100.0, target(1, 1, 100.0)),
    ]
    assert [(b["band"], b["good_plus"]["percent"], b["target"]) for b in s["by_size"]] == [
        ("small", 0.0, target(0, 0, None)),
        ("medium", 100.0, target(1, 1, 100.0)),
        ("large", 100.0, target(1, 1, 100.0)),
    ]
    assert s["below_target"] == []
    assert s["strengths"] == [] and s["improvements"] == []


def test_early_childhood_standard(results):
    s = standard(results, "SYN-TEST-ECE:1")
    assert s["n"] == 2
    assert s["levels"] == levels((1, 50.0), (0, 0.0), (1, 50.0), (0, 0.0), (0, 0.0))
    assert s["good_plus"] == {"count": 1, "percent": 50.0}
    assert s["target"] == target(0, 0, None)
    assert [(i["code"], i["good_plus"]["percent"]) for i in s["items"]] == [
        ("1.1", 50.0),
        ("1.2", 50.0),
    ]
    assert s["items"][1]["levels"] == levels((0, 0.0), (1, 50.0), (1, 50.0), (0, 0.0), (0, 0.0))
    # S3 offers no early childhood: its cluster has no group here.
    assert [c["name"] for c in s["by_cluster"]] == [PIBUN]
    assert [b["band"] for b in s["by_size"]] == ["small", "medium"]


def test_help_needs_by_category(results):
    assert results["help_needs"] == [
        {
            "category": "budget",
            "schools": 2,
            "percent": 66.67,
            "mentions": 3,
            "examples": [
                {"school": "โรงเรียนบ้านกอก", "text": "ขาดงบประมาณซ่อมแซมอาคารเรียน"},
                {"school": "โรงเรียนบ้านขาม", "text": "งบประมาณจัดซื้อสื่อการเรียนรู้"},
                {"school": "โรงเรียนบ้านขาม", "text": "งบประมาณจ้างครูอัตราจ้าง"},
            ],
        },
        {
            "category": "teacher",
            "schools": 1,
            "percent": 33.33,
            "mentions": 1,
            "examples": [{"school": "โรงเรียนบ้านกอก", "text": "ต้องการอบรมครูด้านการวัดผล"}],
        },
        {
            "category": "technology",
            "schools": 1,
            "percent": 33.33,
            "mentions": 1,
            "examples": [{"school": "โรงเรียนบ้านค้อ", "text": "ต้องการอินเทอร์เน็ตความเร็วสูง"}],
        },
    ]


def test_strengths_and_improvements_mined_from_thai_text(results):
    s = standard(results, "SYN-TEST-BASIC:1")
    assert [(p["phrase"], p["schools"]) for p in s["strengths"]] == [
        ("ความสามารถในการอ่าน", 2),
        ("ผลสัมฤทธิ์ทางการเรียน", 2),
        ("ผู้เรียนมีความสามารถ", 2),
    ]
    assert s["strengths"][1]["quotes"] == [
        {"school": "โรงเรียนบ้านขาม", "text": "ผู้เรียนมีความสามารถในการอ่านคล่อง มีผลสัมฤทธิ์ทางการเรียนสูง"},
        {"school": "โรงเรียนบ้านค้อ", "text": "ผลสัมฤทธิ์ทางการเรียนดีขึ้นทุกกลุ่มสาระ"},
    ]
    assert s["improvements"] == [
        {
            "phrase": "ทักษะการคิดวิเคราะห์",
            "schools": 2,
            "quotes": [
                {"school": "โรงเรียนบ้านกอก", "text": "ควรพัฒนาทักษะการคิดวิเคราะห์ของผู้เรียน"},
                {"school": "โรงเรียนบ้านขาม", "text": "ควรส่งเสริมทักษะการคิดวิเคราะห์และการแก้ปัญหา"},
            ],
        }
    ]


def test_phrase_miner_keeps_latin_terms_and_drops_generic_words():
    miner = PhraseMiner()
    mined = miner.mine(
        [
            ("ก", "ครูจัดการเรียนรู้แบบ Active Learning"),
            ("ข", "ใช้ Active Learning ในทุกห้องเรียน"),
            ("ค", "ผู้เรียน ผู้เรียน ผู้เรียน"),
            ("ง", "ผู้เรียน"),
        ]
    )
    assert [(p["phrase"], p["schools"]) for p in mined] == [("Active Learning", 2)]


def test_appendix_lists_every_school_with_its_level_per_standard(results):
    assert [c["key"] for c in results["columns"]] == [
        "SYN-TEST-ECE:1",
        "SYN-TEST-BASIC:1",
        "SYN-TEST-BASIC:2",
    ]
    assert [(s["code"], s["size_band"], s["status"], s["levels"]) for s in results["schools"]] == [
        ("1099000001", "small", "accepted", [5, 4, 3]),
        ("1099000002", "medium", "accepted", [3, 5, 4]),
        ("1099000003", "large", "accepted", [None, 2, 4]),
    ]


def test_include_submitted_adds_the_waiting_reports(district, office):
    results = synthesize(office, 2567, include_submitted=True)
    assert results["coverage"]["schools"] == 4
    assert results["coverage"]["submitted"] == 1
    s = standard(results, "SYN-TEST-BASIC:1")
    assert s["levels"] == levels((1, 25.0), (1, 25.0), (0, 0.0), (1, 25.0), (1, 25.0))
    assert s["good_plus"] == {"count": 2, "percent": 50.0}
    # S4's target 1.1.1 level 3 is missed with level 1.
    assert s["target"] == target(4, 1, 25.0)


def test_change_against_last_years_finished_synthesis(district, office):
    from tests.factories import AcademicYearFactory

    AcademicYearFactory(year=2566)
    old = {
        "level_sets": [{"standards": [{"key": "SYN-TEST-BASIC:1", "good_plus": {"percent": 50.0}}]}]
    }
    SynthesisRun.objects.create(
        area_office=office, academic_year_id=2566, status="failed", results={"level_sets": []}
    )
    SynthesisRun.objects.create(
        area_office=office, academic_year_id=2566, status="done", results=old
    )
    results = synthesize(office, 2567)
    assert results["previous_year"] == 2566
    assert standard(results, "SYN-TEST-BASIC:1")["change"] == {
        "previous_year": 2566,
        "previous_percent": 50.0,
        "delta": 16.67,
    }
    assert standard(results, "SYN-TEST-BASIC:2")["change"] is None


def test_query_count_does_not_grow_with_schools(district, office, cluster):
    from tests.factories import SchoolFactory
    from tests.sar.factories import make_sar

    with CaptureQueriesContext(connection) as small:
        synthesize(office, 2567)
    for n in range(6):
        school = SchoolFactory(area_office=office, cluster=cluster, code=f"10990001{n:02d}")
        make_sar(
            school,
            2567,
            standards={district["B1"]: (3, "", "")},
            items={district["1.1.1"]: (50, 3)},
        )
    with CaptureQueriesContext(connection) as large:
        results = synthesize(office, 2567)
    assert results["coverage"]["schools"] == 9
    assert len(large) == len(small) <= 10
