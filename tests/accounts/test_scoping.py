"""Nobody sees another area office's rows; school staff see only their own school."""

import pytest

from schools.models import AreaOffice, Cluster, School

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools(school, school2, other_office_school):
    return school, school2, other_office_school


@pytest.mark.parametrize(
    "persona", ["district_admin", "supervisor", "executive", "committee_member"]
)
def test_district_roles_see_their_office_only(request, persona, schools):
    user = request.getfixturevalue(persona)
    visible = set(School.objects.visible_to(user).values_list("code", flat=True))
    assert visible == {"1034550001", "1034550002"}


def test_school_staff_see_only_their_school(school_staff, schools):
    assert list(School.objects.visible_to(school_staff)) == [schools[0]]


def test_other_office_sees_only_its_school(other_supervisor, schools):
    assert list(School.objects.visible_to(other_supervisor)) == [schools[2]]


def test_anonymous_sees_nothing(schools):
    from django.contrib.auth.models import AnonymousUser

    assert not School.objects.visible_to(AnonymousUser()).exists()
    assert not AreaOffice.objects.visible_to(AnonymousUser()).exists()
    assert not Cluster.objects.visible_to(AnonymousUser()).exists()


def test_offices_and_clusters_are_scoped(supervisor, other_supervisor, cluster, other_office):
    assert list(AreaOffice.objects.visible_to(supervisor)) == [supervisor.area_office]
    assert list(Cluster.objects.visible_to(supervisor)) == [cluster]
    assert not Cluster.objects.visible_to(other_supervisor).exists()


def test_superuser_sees_everything(schools, office):
    from tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True, area_office=None)
    assert School.objects.visible_to(root).count() == 3
