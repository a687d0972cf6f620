"""Process 3 on the dashboard and on the school's page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from external_eval import services
from external_eval.dashboard import evaluation_counts
from tests.sar.factories import make_test_standards

from .factories import level, make_evaluation, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def onesqa_round(db):
    return make_round(*make_test_standards().values())


def test_cards_count_what_the_user_sees(
    as_user,
    school,
    school2,
    onesqa_round,
    academic_year,
    supervisor,
    school_staff,
    other_supervisor,
):
    today = timezone.localdate()
    soon = {
        "scheduled_from": today + datetime.timedelta(days=40),
        "scheduled_to": today + datetime.timedelta(days=41),
    }
    make_evaluation(school, onesqa_round, academic_year, **soon)
    make_evaluation(school2, onesqa_round, academic_year, **soon)
    drafted = make_evaluation(school2, onesqa_round, academic_year, status="draft")
    services.recommendation_from_onesqa(evaluation=drafted, text="ควรพัฒนาการอ่าน", actor=supervisor)
    assert evaluation_counts(supervisor) == {"due": 2, "drafts": 1, "open_recommendations": 1}
    assert evaluation_counts(school_staff) == {"due": 1, "drafts": 0, "open_recommendations": 0}
    assert evaluation_counts(other_supervisor) == {"due": 0, "drafts": 0, "open_recommendations": 0}
    html = as_user(supervisor).get(reverse("dashboard")).content.decode()
    assert "รับการประเมินจาก สมศ. ใน 12 เดือน" in html and "รายงานฉบับร่างของ สมศ. รอความเห็น" in html


def test_the_schools_page_shows_its_evaluations_and_levels(
    as_user, school, onesqa_round, academic_year, supervisor, school_staff2, executive
):
    evaluation = make_evaluation(school, onesqa_round, academic_year)
    standard = onesqa_round.frameworks.get(level="basic").standards.get(number=1)
    services.result_save(
        evaluation=evaluation,
        standard=standard,
        level=level(onesqa_round, 4),
        source="final",
        actor=supervisor,
    )
    html = as_user(executive).get(reverse("schools:detail", args=[school.pk])).content.decode()
    assert 'id="school-onesqa"' in html and onesqa_round.name in html and "ดีเลิศ" in html
    # Another school's staff reach no other school's page.
    assert (
        as_user(school_staff2).get(reverse("schools:detail", args=[school.pk])).status_code == 404
    )


def test_the_public_index_links_the_published_syntheses(client):
    html = client.get(reverse("public:index")).content.decode()
    assert reverse("public:onesqa_synthesis_list") in html
