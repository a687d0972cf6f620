"""Factories for standards: school-added sets and targets on the loaded national items."""

import factory

from standards.models import Item, QualityLevel, SchoolTarget, Standard, StandardSet


class StandardSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardSet

    code = factory.Sequence(lambda n: f"SCHOOL-SET-{n}")
    name_th = factory.Sequence(lambda n: f"มาตรฐานอัตลักษณ์ของสถานศึกษา {n}")
    level = StandardSet.Level.SCHOOL
    valid_from_year = 2561


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Standard

    standard_set = factory.SubFactory(StandardSetFactory)
    number = factory.Sequence(lambda n: n + 4)
    title_th = "อัตลักษณ์ของสถานศึกษา"


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    standard = factory.SubFactory(StandardFactory)
    code = factory.Sequence(lambda n: f"4.{n + 1}")
    title_th = "ผู้เรียนมีจิตอาสา"


class SchoolTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolTarget

    target_level = QualityLevel.VERY_GOOD
    target_percent = 80
    criterion = "ร้อยละของนักเรียนที่ผ่านเกณฑ์การประเมินของสถานศึกษา"


def national_item(set_code, code):
    return Item.objects.get(standard__standard_set__code=set_code, code=code)
