"""Issue 11 item 5: every write service checks its actor through the model's one
predicate; a district admin or supervisor of another office is refused by each."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from iqa_district.accounts.models import User
from sar.models import SynthesisRun
from sar.synthesis import services as synthesis
from schools.services import school_import_apply
from standards import services as standards
from standards.models import StandardSet
from supervision import services as supervision
from tests.factories import UserFactory, central_superuser
from tests.sar.factories import SynthesisRunFactory
from tests.schools.factories import school_rows, to_csv
from tests.standards.factories import StandardFactory, StandardSetFactory, national_item
from tests.supervision.factories import VisitFactory, template

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["admin", "supervisor"])
def outsider(request, other_office):
    """A quality manager, but of the other office."""
    if request.param == "admin":
        return UserFactory(
            username="t_other_admin",
            role=User.Role.DISTRICT_ADMIN,
            area_office=other_office,
            is_staff=True,
        )
    return request.getfixturevalue("other_supervisor")


@pytest.fixture
def school_set(school):
    school_set = StandardSetFactory(
        code=f"SCHOOL-{school.code}", level=StandardSet.Level.SCHOOL, school=school
    )
    standard = StandardFactory(standard_set=school_set, number=4)
    item = standards.school_item_add(
        standard=standard, title_th="อัตลักษณ์", actor=central_superuser()
    )
    return standard, item


def service_calls(office, school, academic_year, school_set):
    standard, item = school_set
    # Without answer rows: a planned visit's rows would hold the school item the delete removes.
    visit = VisitFactory(
        school=school, academic_year=academic_year, template=template("P2-7.1"), answers=False
    )
    run = SynthesisRunFactory(
        area_office=office, academic_year=academic_year, status=SynthesisRun.Status.DONE
    )
    return {
        "visit_plan": lambda actor: supervision.visit_plan(
            school=school,
            kind=visit.kind,
            date=datetime.date(2024, 7, 1),
            template=template("P2-7.1"),
            actor=actor,
        ),
        "visit_update_plan": lambda actor: supervision.visit_update_plan(
            visit=visit,
            date=datetime.date(2024, 7, 2),
            committee=None,
            supervisors=[],
            visit_no=1,
            actor=actor,
        ),
        "synthesis_start": lambda actor: synthesis.synthesis_start(
            office=office, academic_year=academic_year, actor=actor, queue=False
        ),
        "synthesis_publish": lambda actor: synthesis.synthesis_publish(run=run, actor=actor),
        "synthesis_unpublish": lambda actor: synthesis.synthesis_unpublish(run=run, actor=actor),
        "school_import_apply": lambda actor: school_import_apply(
            office=office, data=to_csv(school_rows(2)), actor=actor
        ),
        "standard_set_adopt": lambda actor: standards.standard_set_adopt(
            template=StandardSet.objects.templates().get(), office=office, actor=actor
        ),
        "school_targets_save": lambda actor: standards.school_targets_save(
            school=school,
            academic_year=academic_year,
            rows=[{"item": national_item("MOE2561-BASIC", "1.1.1"), "target_level": 4}],
            actor=actor,
        ),
        "school_standard_add": lambda actor: standards.school_standard_add(
            school=school, title_th="จุดเน้น", actor=actor
        ),
        "school_item_add": lambda actor: standards.school_item_add(
            standard=standard, title_th="ประเด็นใหม่", actor=actor
        ),
        "school_item_delete": lambda actor: standards.school_item_delete(item=item, actor=actor),
    }


SERVICES = [
    "visit_plan",
    "visit_update_plan",
    "synthesis_start",
    "synthesis_publish",
    "synthesis_unpublish",
    "school_import_apply",
    "standard_set_adopt",
    "school_targets_save",
    "school_standard_add",
    "school_item_add",
    "school_item_delete",
]


@pytest.mark.parametrize("name", SERVICES)
def test_another_offices_actor_is_refused(
    name, outsider, office, school, academic_year, school_set
):
    calls = service_calls(office, school, academic_year, school_set)
    assert set(calls) == set(SERVICES)
    with pytest.raises(PermissionDenied):
        calls[name](outsider)


@pytest.mark.parametrize("name", SERVICES)
def test_the_offices_own_district_admin_gets_through(
    name, district_admin, office, school, academic_year, school_set
):
    # The predicate must refuse the outsider, not everyone.
    calls = service_calls(office, school, academic_year, school_set)
    calls[name](district_admin)
