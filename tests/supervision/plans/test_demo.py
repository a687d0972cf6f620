"""The plans demo: a 3-year plan with the first action plan evaluated and the current one
half done, the office's self-assessment of the current year; idempotent."""

import io

import pytest

from iqa_district.management.commands.seed_demo import seed_users
from schools import demo as schools_demo
from supervision.plans import demo
from supervision.plans.models import (
    ActionPlan,
    DevelopmentPlan,
    OfficeAssessment,
    PlanProject,
    ProjectProgress,
)

pytestmark = pytest.mark.django_db


def test_seed_is_complete_and_idempotent():
    office = schools_demo.seed_office()
    seed_users(office)
    demo.seed(office, stdout=io.StringIO())
    counts = (
        DevelopmentPlan.objects.count(),
        PlanProject.objects.count(),
        ProjectProgress.objects.count(),
        OfficeAssessment.objects.count(),
    )
    demo.seed(office, stdout=io.StringIO())
    assert counts == (
        DevelopmentPlan.objects.count(),
        PlanProject.objects.count(),
        ProjectProgress.objects.count(),
        OfficeAssessment.objects.count(),
    )
    plan = DevelopmentPlan.objects.get()
    assert plan.is_published and plan.fiscal_years == [2569, 2570, 2571]
    assert plan.strategies.count() == 3
    done, current = ActionPlan.objects.order_by("fiscal_year")
    assert done.is_evaluated and done.is_published and done.results.count() == 5
    assert not current.is_evaluated
    progressed = [p.progress for p in current.projects.order_by("number")]
    assert sum(1 for p in progressed if p > 0) == len(progressed) // 2  # half done
    assessment = OfficeAssessment.objects.get()
    assert assessment.academic_year_id == 2569
    assert not assessment.levels.filter(level__isnull=True).exists()
    assert assessment.strengths
