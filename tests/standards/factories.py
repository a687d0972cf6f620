"""Factories for standards: the one set of StandardSet, Standard and Item factories every
test uses, and targets on the loaded national items.

Codes start with "TEST-SET-" so they never collide with the national sets the standards
data migration loads. A set given a school is that school's own (level SCHOOL); the
``ece`` trait makes an early-childhood set.
"""

import factory

from standards.models import Item, QualityLevel, SchoolTarget, Standard, StandardSet


class StandardSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardSet
        django_get_or_create = ["code"]

    class Params:
        ece = factory.Trait(level=StandardSet.Level.ECE)

    code = factory.Sequence(lambda n: f"TEST-SET-{n:03d}")
    name_th = factory.Sequence(lambda n: f"มาตรฐานทดสอบ ชุดที่ {n}")
    school = None
    level = factory.LazyAttribute(
        lambda o: StandardSet.Level.SCHOOL if o.school else StandardSet.Level.BASIC
    )
    valid_from_year = 2561


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Standard

    standard_set = factory.SubFactory(StandardSetFactory)
    number = factory.Sequence(lambda n: n + 1)
    title_th = factory.Sequence(lambda n: f"มาตรฐานทดสอบที่ {n}")


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    standard = factory.SubFactory(StandardFactory)
    code = factory.Sequence(lambda n: f"T.{n}")
    title_th = factory.Sequence(lambda n: f"ประเด็นทดสอบ {n}")
    order = factory.Sequence(lambda n: n)


class SchoolTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolTarget

    target_level = QualityLevel.VERY_GOOD
    target_percent = 80
    criterion = "ร้อยละของนักเรียนที่ผ่านเกณฑ์การประเมินของสถานศึกษา"


def national_item(set_code, code):
    return Item.objects.get(standard__standard_set__code=set_code, code=code)
