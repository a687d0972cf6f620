"""The demo module gives realistic targets and cluster supervisors, idempotently."""

import io
from collections import Counter

import pytest

from iqa_district.management.commands.seed_demo import seed_users
from schools import demo as schools_demo
from standards import demo
from standards.models import SchoolTarget

pytestmark = pytest.mark.django_db


def test_demo_targets_and_supervisors():
    office = schools_demo.seed_office()
    seed_users(office)
    out = io.StringIO()
    demo.seed(office, stdout=out)
    count = SchoolTarget.objects.count()
    assert count > 10_000
    assert "school targets for 2568–2569" in out.getvalue()

    levels = Counter(SchoolTarget.objects.values_list("target_level", flat=True))
    assert levels[3] + levels[4] > 0.7 * count  # mostly ดี / ดีเลิศ
    assert not SchoolTarget.objects.filter(target_percent__lt=70).exists()
    assert not SchoolTarget.objects.filter(target_percent__gt=95).exists()
    sample = SchoolTarget.objects.filter(
        item__code="2.4", item__standard__standard_set__code="MOE2561-BASIC"
    ).first()
    assert sample.criterion.startswith("ร้อยละ ") and "ครู" in sample.criterion

    first = office.schools.order_by("code").first()
    assert SchoolTarget.objects.filter(school=first, academic_year=2569).exists()
    with_2569 = SchoolTarget.objects.filter(academic_year=2569).values("school").distinct().count()
    assert 0.8 * office.schools.count() < with_2569 < office.schools.count()

    pibun = office.clusters.get(name="กลุ่มเครือข่ายสถานศึกษาพิบูลมังสาหาร 1")
    assert [u.username for u in pibun.supervisors.all()] == ["supervisor"]
    assert all(c.supervisors.exists() for c in office.clusters.all())

    demo.seed(office, stdout=io.StringIO())
    assert SchoolTarget.objects.count() == count
