"""Rounds, scales and evaluations of process 3 for the tests."""

import datetime

from external_eval.models import ExternalEvaluation, OnesqaRound, RatingLevel, RatingScale

FIVE_LEVELS = ((5, "ยอดเยี่ยม"), (4, "ดีเลิศ"), (3, "ดี"), (2, "ปานกลาง"), (1, "กำลังพัฒนา"))


def five_level_scale(code="ONESQA-5L"):
    scale, _ = RatingScale.objects.get_or_create(
        code=code, defaults={"name": "ห้าระดับ (ยอดเยี่ยม – กำลังพัฒนา)"}
    )
    for value, label in FIVE_LEVELS:
        RatingLevel.objects.get_or_create(scale=scale, value=value, defaults={"label": label})
    return scale


def make_round(*frameworks, number=4, scale=None):
    onesqa_round = OnesqaRound.objects.create(
        number=number,
        name=f"การประเมินคุณภาพภายนอก รอบที่ {number}",
        year_from=2563,
        year_to=2567,
        scale=scale or five_level_scale(),
    )
    onesqa_round.frameworks.set(frameworks)
    return onesqa_round


def make_evaluation(school, onesqa_round, year, **kwargs):
    values = {
        "kind": ExternalEvaluation.Kind.REGULAR,
        "mode": ExternalEvaluation.Mode.ON_SITE,
        "scheduled_from": datetime.date(2024, 12, 10),
        "scheduled_to": datetime.date(2024, 12, 12),
    }
    values.update(kwargs)
    return ExternalEvaluation.objects.create(
        school=school, round=onesqa_round, academic_year_id=getattr(year, "year", year), **values
    )


def level(onesqa_round, value):
    return RatingLevel.objects.get(scale=onesqa_round.scale_id, value=value)
