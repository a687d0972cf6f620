"""Seed 003's committee rules: the area-office representative is a deputy director or a
supervisor who passed the training (recorded), and the experienced administrator comes
from the level of education of the schools evaluated. Each failing case, by the model,
the service, the admin screens and the import."""

import datetime

import pytest
import tablib
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from supervision import services
from supervision.models import Committee, CommitteeMember, member_errors, peer_level_errors
from supervision.resources import CommitteeMemberResource
from tests.factories import SchoolFactory
from tests.supervision.factories import full_committee
from tests.supervision.test_committees import ADD_URL, FIVE, committee_post

pytestmark = pytest.mark.django_db
Role = CommitteeMember.Role


@pytest.fixture
def admin_user(district_admin):
    district_admin.user_permissions.set(
        Permission.objects.filter(content_type__app_label="supervision")
    )
    return district_admin


def member(**kwargs):
    return CommitteeMember(name="นายทดสอบ", **kwargs)


def test_agency_rep_must_say_deputy_director_or_trained_supervisor():
    errors = member_errors(member(role=Role.AGENCY_REP))
    assert list(errors) == ["agency_rep_kind"]
    assert "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา" in errors["agency_rep_kind"][0]
    assert member_errors(member(role=Role.AGENCY_REP, agency_rep_kind="deputy_director")) == {}


def test_trained_supervisor_needs_the_training_name_and_date():
    errors = member_errors(member(role=Role.AGENCY_REP, agency_rep_kind="trained_supervisor"))
    assert sorted(errors) == ["training_date", "training_name"]
    assert errors["training_name"] == ["โปรดระบุชื่อหลักสูตรการอบรมที่ศึกษานิเทศก์ผ่าน"]
    assert errors["training_date"] == ["โปรดระบุวันที่ศึกษานิเทศก์ผ่านการอบรม"]
    trained = member(
        role=Role.AGENCY_REP,
        agency_rep_kind="trained_supervisor",
        training_name="หลักสูตรผู้ประเมินภายใน",
        training_date=datetime.date(2024, 5, 1),
    )
    assert member_errors(trained) == {}


def test_peer_administrator_needs_a_level_and_other_roles_need_nothing():
    assert list(member_errors(member(role=Role.PEER_ADMINISTRATOR))) == ["education_level"]
    assert member_errors(member(role=Role.PEER_ADMINISTRATOR, education_level="ece")) == {}
    assert member_errors(member(role=Role.MEMBER)) == {}
    assert member_errors(member(role=Role.ONESQA_EXPERT)) == {}


def test_peer_administrator_comes_from_the_level_of_each_school(office):
    primary = SchoolFactory(area_office=office, name="โรงเรียนบ้านประถม")
    secondary = SchoolFactory(
        area_office=office,
        name="โรงเรียนมัธยมทดสอบ",
        offers_ece=False,
        offers_primary=False,
        offers_lower_secondary=True,
    )
    peer = member(role=Role.PEER_ADMINISTRATOR, education_level="primary")
    kind = Committee.Kind.DISTRICT_VISIT
    assert peer_level_errors(kind, [peer], [primary]) == []
    errors = peer_level_errors(kind, [peer], [primary, secondary])
    assert len(errors) == 1
    assert "โรงเรียนมัธยมทดสอบ" in errors[0] and "มีประสบการณ์ระดับ ประถมศึกษา" in errors[0]
    # A second administrator from secondary schools covers it.
    other = member(role=Role.PEER_ADMINISTRATOR, education_level="secondary")
    assert peer_level_errors(kind, [peer, other], [primary, secondary]) == []
    # ECE-only school: an ECE administrator, not a primary one.
    ece = SchoolFactory(area_office=office, offers_primary=False, name="โรงเรียนอนุบาลทดสอบ")
    assert peer_level_errors(kind, [peer], [ece])
    # Other committees are not bound by seed 003.
    assert peer_level_errors(Committee.Kind.SCHOOL_INTERNAL, [peer], [secondary]) == []


def test_service_checks_the_whole_committee(office, academic_year, school):
    committee = full_committee(office=office, year=academic_year)
    committee.schools.set([school])
    services.committee_validate_composition(committee=committee)  # complete: no error
    rep = committee.members.get(role=Role.AGENCY_REP)
    rep.agency_rep_kind = "trained_supervisor"
    rep.save()
    school.offers_ece = school.offers_primary = False
    school.offers_upper_secondary = True
    school.save()
    with pytest.raises(ValidationError) as caught:
        services.committee_validate_composition(committee=committee)
    messages = " ".join(caught.value.messages)
    assert f"{rep.name}: โปรดระบุชื่อหลักสูตรการอบรม" in messages
    assert f"{rep.name}: โปรดระบุวันที่ศึกษานิเทศก์ผ่านการอบรม" in messages
    assert f"{school.name} เปิดสอน มัธยมศึกษาตอนปลาย" in messages


@pytest.mark.parametrize(
    ("details", "error"),
    [
        ({"peer_admin": {"education_level": "primary"}}, "โปรดระบุว่าผู้แทนหน่วยงานต้นสังกัด"),
        (
            {
                "agency_rep": {"agency_rep_kind": "trained_supervisor"},
                "peer_admin": {"education_level": "primary"},
            },
            "โปรดระบุชื่อหลักสูตรการอบรม",
        ),
        ({"agency_rep": {"agency_rep_kind": "deputy_director"}}, "โปรดระบุระดับการศึกษา"),
        (
            {
                "agency_rep": {"agency_rep_kind": "deputy_director"},
                "peer_admin": {"education_level": "secondary"},
            },
            "ต้องมาจากระดับการศึกษาเดียวกับสถานศึกษา",
        ),
    ],
)
def test_admin_refuses_each_broken_rule_and_keeps_what_was_typed(
    as_user, admin_user, office, academic_year, school, details, error
):
    data = committee_post(office, academic_year, school, FIVE, details)
    response = as_user(admin_user).post(ADD_URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    assert "นางผู้ทรง คุณวุฒิ" in page  # nothing typed is lost
    assert not Committee.objects.exists()


def test_admin_records_a_trained_supervisor_and_the_administrators_level(
    as_user, admin_user, office, academic_year, school
):
    details = {
        "agency_rep": {
            "agency_rep_kind": "trained_supervisor",
            "training_name": "หลักสูตรผู้ประเมินคุณภาพภายใน",
            "training_date": "2024-05-20",
        },
        "peer_admin": {"education_level": "primary"},
    }
    data = committee_post(office, academic_year, school, FIVE, details)
    response = as_user(admin_user).post(ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    rep = CommitteeMember.objects.get(role=Role.AGENCY_REP)
    assert (rep.agency_rep_kind, rep.training_name, rep.training_date) == (
        "trained_supervisor",
        "หลักสูตรผู้ประเมินคุณภาพภายใน",
        datetime.date(2024, 5, 20),
    )
    assert CommitteeMember.objects.get(role=Role.PEER_ADMINISTRATOR).education_level == "primary"


def test_member_admin_refuses_a_level_the_committees_schools_do_not_teach(
    as_user, admin_user, office, academic_year, school
):
    committee = full_committee(office=office, year=academic_year)
    committee.schools.set([school])
    peer = committee.members.get(role=Role.PEER_ADMINISTRATOR)
    url = reverse("admin:supervision_committeemember_change", args=[peer.pk])
    data = {
        "committee": committee.pk,
        "order": peer.order,
        "name": peer.name,
        "position": peer.position,
        "organisation": "",
        "role": "peer_admin",
        "education_level": "secondary",
        "agency_rep_kind": "",
        "training_name": "",
        "training_date": "",
        "user": "",
    }
    response = as_user(admin_user).post(url, data)
    assert response.status_code == 200
    assert "ต้องมาจากระดับการศึกษาเดียวกับสถานศึกษา" in response.content.decode()
    peer.refresh_from_db()
    assert peer.education_level == "primary"


def test_import_refuses_a_representative_without_standing(admin_user, office, academic_year):
    committee = full_committee(office=office, year=academic_year)
    rep = committee.members.get(role=Role.AGENCY_REP)
    dataset = tablib.Dataset(
        headers=["id", "committee", "order", "name", "role", "agency_rep_kind"]
    )
    dataset.append([rep.pk, committee.pk, rep.order, rep.name, "agency_rep", ""])
    result = CommitteeMemberResource().import_data(dataset, dry_run=False, user=admin_user)
    assert result.has_errors()
    assert "โปรดระบุว่าผู้แทนหน่วยงานต้นสังกัด" in " ".join(
        str(error.error) for error in result.base_errors
    )
    rep.refresh_from_db()
    assert rep.agency_rep_kind == "deputy_director"
