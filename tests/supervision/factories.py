import datetime

import factory

from standards.models import Item, Standard, StandardSet
from supervision import services
from supervision.models import (
    Committee,
    CommitteeMember,
    FormTemplate,
    NeedsSurvey,
    SelfEvaluation,
    Visit,
)
from tests.factories import AcademicYearFactory, AreaOfficeFactory, SchoolFactory


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    area_office = factory.SubFactory(AreaOfficeFactory)
    kind = Committee.Kind.DISTRICT_VISIT
    name = factory.Sequence(lambda n: f"คณะกรรมการตรวจเยี่ยมพื้นที่เชิงประเมิน ชุดที่ {n}")
    academic_year = factory.SubFactory(AcademicYearFactory)
    order_number = "511/2567"
    order_date = datetime.date(2024, 12, 16)


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMember

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Sequence(lambda n: f"นายทดสอบ กรรมการ{n}")
    position = "ศึกษานิเทศก์ชำนาญการพิเศษ"
    role = CommitteeMember.Role.MEMBER


def full_committee(*, office, year, users=(), **kwargs):
    """A valid district committee: ONESQA expert, area-office rep, peer administrator.
    ``users`` are linked to the first seats in that order."""
    committee = CommitteeFactory(area_office=office, academic_year=year, **kwargs)
    roles = [
        CommitteeMember.Role.ONESQA_EXPERT,
        CommitteeMember.Role.AGENCY_REP,
        CommitteeMember.Role.PEER_ADMINISTRATOR,
    ]
    details = {
        CommitteeMember.Role.AGENCY_REP: {
            "agency_rep_kind": CommitteeMember.AgencyRepKind.DEPUTY_DIRECTOR
        },
        CommitteeMember.Role.PEER_ADMINISTRATOR: {
            "education_level": CommitteeMember.EducationLevel.PRIMARY
        },
    }
    for n, role in enumerate(roles):
        CommitteeMemberFactory(
            committee=committee,
            role=role,
            order=n,
            user=users[n] if n < len(users) else None,
            **details.get(role, {}),
        )
    return committee


def template(code):
    return FormTemplate.objects.get(code=code, version=1)


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    academic_year = factory.SubFactory(AcademicYearFactory)
    semester = 1
    kind = Visit.Kind.DISTRICT_VISIT
    date = datetime.date(2024, 7, 10)
    template = factory.LazyFunction(lambda: template("P2-7.1"))

    @factory.post_generation
    def supervisors(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.supervisors.set(extracted)

    @factory.post_generation
    def answers(obj, create, extracted, **kwargs):
        """A visit's form rows exist from planning on, as ``visit_plan`` makes them;
        ``answers=False`` gives a visit as planned before that (no rows yet)."""
        if create and extracted is not False:
            services.visit_prepare_answers(visit=obj)


class SelfEvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelfEvaluation

    school = factory.SubFactory(SchoolFactory)
    academic_year = factory.SubFactory(AcademicYearFactory)
    semester = 1
    date = datetime.date(2024, 8, 20)


def standard_set(school, code="SUP-TEST-SCHOOL", *, items_per_standard=2, standards=2):
    """A small set of the school's own: standards 1..n with assessed items n.1, n.2 …
    The school is made to offer no national level, so only this set applies to it."""
    school.offers_ece = school.offers_primary = False
    school.offers_lower_secondary = school.offers_upper_secondary = False
    school.save()
    sset = StandardSet.objects.create(
        code=code,
        name_th=f"ชุดมาตรฐานทดสอบ {code}",
        level=StandardSet.Level.SCHOOL,
        school=school,
        valid_from_year=2561,
    )
    for number in range(1, standards + 1):
        standard = Standard.objects.create(
            standard_set=sset, number=number, title_th=f"มาตรฐานทดสอบที่ {number}"
        )
        for i in range(1, items_per_standard + 1):
            Item.objects.create(
                standard=standard,
                code=f"{number}.{i}",
                title_th=f"ประเด็นทดสอบ {number}.{i}",
                order=i,
            )
    return sset


def school_committee_data(members=()):
    """The POST fields of the self-evaluation form's committee list: [(name, position, role)]."""
    data = {
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
    }
    for n, (name, position, role) in enumerate(members):
        data.update(
            {
                f"members-{n}-name": name,
                f"members-{n}-position": position,
                f"members-{n}-role": role,
            }
        )
    return data


class NeedsSurveyFactory(factory.django.DjangoModelFactory):
    """Form ๑ of process 5: a cluster's needs survey, open."""

    class Meta:
        model = NeedsSurvey

    cluster = factory.SubFactory("tests.factories.ClusterFactory")
    academic_year = factory.SubFactory(AcademicYearFactory)
