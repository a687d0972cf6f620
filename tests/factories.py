"""Factories for the shared models. App-specific factories live in tests/<app>/factories.py."""

import factory

from iqa_district.accounts.models import User
from schools.models import AcademicYear, AreaOffice, Cluster, School

DEMO_PASSWORD = "demo12345"


class AreaOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaOffice
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"TEST{n:03d}")
    name = factory.Sequence(lambda n: f"สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต {n}")
    short_name = factory.Sequence(lambda n: f"สพป.ทดสอบ เขต {n}")
    kind = AreaOffice.Kind.PRIMARY
    province = "อุบลราชธานี"


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    area_office = factory.SubFactory(AreaOfficeFactory)
    name = factory.Sequence(lambda n: f"กลุ่มเครือข่ายทดสอบ {n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    area_office = factory.SubFactory(AreaOfficeFactory)
    code = factory.Sequence(lambda n: f"1034{n:06d}")
    name = factory.Sequence(lambda n: f"โรงเรียนบ้านทดสอบ {n}")
    subdistrict = "ในเมือง"
    district = "เมืองอุบลราชธานี"
    province = "อุบลราชธานี"
    offers_ece = True
    offers_primary = True
    students = 180


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "สมชาย"
    last_name = factory.Sequence(lambda n: f"ทดสอบ{n}")
    role = User.Role.SUPERVISOR
    area_office = factory.SubFactory(AreaOfficeFactory)
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AcademicYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AcademicYear
        django_get_or_create = ["year"]

    year = 2567
    starts_on = factory.LazyAttribute(lambda o: AcademicYear.defaults_for(o.year)["starts_on"])
    ends_on = factory.LazyAttribute(lambda o: AcademicYear.defaults_for(o.year)["ends_on"])
    semester1_starts_on = factory.LazyAttribute(
        lambda o: AcademicYear.defaults_for(o.year)["semester1_starts_on"]
    )
    semester1_ends_on = factory.LazyAttribute(
        lambda o: AcademicYear.defaults_for(o.year)["semester1_ends_on"]
    )
    semester2_starts_on = factory.LazyAttribute(
        lambda o: AcademicYear.defaults_for(o.year)["semester2_starts_on"]
    )
    semester2_ends_on = factory.LazyAttribute(
        lambda o: AcademicYear.defaults_for(o.year)["semester2_ends_on"]
    )
    sar_deadline = factory.LazyAttribute(
        lambda o: AcademicYear.defaults_for(o.year)["sar_deadline"]
    )
    is_current = False


def central_superuser():
    """The central superuser, of no office: the actor of setup calls to services that
    check their actor."""
    return UserFactory(
        username="t_central_root", is_superuser=True, is_staff=True, area_office=None
    )
