"""The standards loaded by the data migration are exactly those of domain.md §3."""

import pytest

from standards.models import Item, StandardSet
from standards.services import standard_set_adopt
from tests.factories import SchoolFactory, central_superuser
from tests.standards.factories import ItemFactory, StandardFactory, StandardSetFactory

pytestmark = pytest.mark.django_db

BASIC_ITEMS = {
    "1.1.1": "มีความสามารถในการอ่าน การเขียน การสื่อสาร และการคิดคำนวณ",
    "1.1.2": "มีความสามารถในการคิดวิเคราะห์ คิดอย่างมีวิจารณญาณ อภิปรายแลกเปลี่ยนความคิดเห็น และแก้ปัญหา",
    "1.1.3": "มีความสามารถในการสร้างนวัตกรรม",
    "1.1.4": "มีความสามารถในการใช้เทคโนโลยีสารสนเทศและการสื่อสาร",
    "1.1.5": "มีผลสัมฤทธิ์ทางการเรียนตามหลักสูตรสถานศึกษา",
    "1.1.6": "มีความรู้ ทักษะพื้นฐาน และเจตคติที่ดีต่องานอาชีพ",
    "1.2.1": "การมีคุณลักษณะและค่านิยมที่ดีตามที่สถานศึกษากำหนด",
    "1.2.2": "ความภูมิใจในท้องถิ่นและความเป็นไทย",
    "1.2.3": "การยอมรับที่จะอยู่ร่วมกันบนความแตกต่างและหลากหลาย",
    "1.2.4": "สุขภาวะทางร่างกาย และจิตสังคม",
    "2.1": "มีเป้าหมายวิสัยทัศน์และพันธกิจที่สถานศึกษากำหนดชัดเจน",
    "2.2": "มีระบบบริหารจัดการคุณภาพของสถานศึกษา",
    "2.3": "ดำเนินงานพัฒนาวิชาการที่เน้นคุณภาพผู้เรียนรอบด้านตามหลักสูตรสถานศึกษาและทุกกลุ่มเป้าหมาย",
    "2.4": "พัฒนาครูและบุคลากรให้มีความเชี่ยวชาญทางวิชาชีพ",
    "2.5": "จัดสภาพแวดล้อมทางกายภาพและสังคมที่เอื้อต่อการจัดการเรียนรู้อย่างมีคุณภาพ",
    "2.6": "จัดระบบเทคโนโลยีสารสนเทศเพื่อสนับสนุนการบริหารจัดการและการจัดการเรียนรู้",
    "3.1": "จัดการเรียนรู้ผ่านกระบวนการคิดและปฏิบัติจริง และสามารถนำไปประยุกต์ใช้ในชีวิตได้",
    "3.2": "ใช้สื่อ เทคโนโลยีสารสนเทศ และแหล่งเรียนรู้ที่เอื้อต่อการเรียนรู้",
    "3.3": "มีการบริหารจัดการชั้นเรียนเชิงบวก",
    "3.4": "ตรวจสอบและประเมินผู้เรียนอย่างเป็นระบบ และนำผลมาพัฒนาผู้เรียน",
    "3.5": "มีการแลกเปลี่ยนเรียนรู้และให้ข้อมูลสะท้อนกลับเพื่อพัฒนาและปรับปรุงการจัดการเรียนรู้",
}

ECE_ITEMS = {
    "1.1": "มีพัฒนาการด้านร่างกาย แข็งแรง มีสุขนิสัยที่ดี และดูแลความปลอดภัยของตนเองได้",
    "1.2": "มีพัฒนาการด้านอารมณ์ จิตใจ ควบคุมและแสดงออกทางอารมณ์ได้",
    "1.3": "มีพัฒนาการด้านสังคม ช่วยเหลือตนเองและเป็นสมาชิกที่ดีของสังคม",
    "1.4": "มีพัฒนาการด้านสติปัญญา สื่อสารได้ มีทักษะการคิดพื้นฐาน และแสวงหาความรู้ได้",
    "2.1": "มีหลักสูตรครอบคลุมพัฒนาการทั้ง ๔ ด้าน สอดคล้องกับบริบทของท้องถิ่น",
    "2.2": "จัดครูให้เพียงพอกับชั้นเรียน",
    "2.3": "ส่งเสริมให้ครูมีความเชี่ยวชาญด้านการจัดประสบการณ์",
    "2.4": "จัดสภาพแวดล้อมและสื่อเพื่อการเรียนรู้ อย่างปลอดภัย และเพียงพอ",
    "2.5": "ให้บริการสื่อเทคโนโลยีสารสนเทศและสื่อการเรียนรู้เพื่อสนับสนุนการจัดประสบการณ์",
    "2.6": "มีระบบบริหารจัดการคุณภาพของสถานศึกษา",
    "3.1": "จัดประสบการณ์ที่ส่งเสริมให้เด็กมีพัฒนาการทุกด้าน อย่างสมดุลเต็มศักยภาพ",
    "3.2": "สร้างโอกาสให้เด็กได้รับประสบการณ์ตรง เล่นและปฏิบัติอย่างมีความสุข",
    "3.3": "จัดบรรยากาศที่เอื้อต่อการเรียนรู้ ใช้สื่อและเทคโนโลยีที่เหมาะสมกับวัย",
    "3.4": "ประเมินพัฒนาการเด็กตามสภาพจริง และนำผลการประเมินพัฒนาการเด็กไปปรับปรุงการจัดประสบการณ์และพัฒนาเด็ก",
}


def assessed(set_code):
    return {
        item.code: item.title_th
        for item in Item.objects.assessed().filter(standard__standard_set__code=set_code)
    }


def test_basic_set_has_exactly_21_assessed_items_with_domain_codes_and_titles():
    basic = StandardSet.objects.get(code="MOE2561-BASIC")
    assert basic.level == StandardSet.Level.BASIC
    assert basic.valid_from_year == 2561
    assert basic.area_office_id is None and basic.school_id is None
    assert list(basic.standards.values_list("number", "title_th")) == [
        (1, "คุณภาพของผู้เรียน"),
        (2, "กระบวนการบริหารและการจัดการ"),
        (3, "กระบวนการจัดการเรียนการสอนที่เน้นผู้เรียนเป็นสำคัญ"),
    ]
    assert assessed("MOE2561-BASIC") == BASIC_ITEMS
    assert len(BASIC_ITEMS) == 21


def test_basic_headings_are_not_assessed_and_parent_their_leaves():
    headings = Item.objects.filter(standard__standard_set__code="MOE2561-BASIC", is_assessed=False)
    assert {h.code: h.title_th for h in headings} == {
        "1.1": "ผลสัมฤทธิ์ทางวิชาการของผู้เรียน",
        "1.2": "คุณลักษณะที่พึงประสงค์ของผู้เรียน",
    }
    heading = headings.get(code="1.1")
    assert sorted(heading.children.values_list("code", flat=True)) == [
        "1.1.1",
        "1.1.2",
        "1.1.3",
        "1.1.4",
        "1.1.5",
        "1.1.6",
    ]
    assert Item.objects.get(standard__standard_set__code="MOE2561-BASIC", code="2.1").parent is None


def test_ece_set_has_exactly_14_assessed_items_with_domain_codes_and_titles():
    ece = StandardSet.objects.get(code="MOE2561-ECE")
    assert ece.level == StandardSet.Level.ECE
    assert ece.valid_from_year == 2561
    assert list(ece.standards.values_list("number", "title_th")) == [
        (1, "คุณภาพของเด็ก"),
        (2, "กระบวนการบริหารและการจัดการ"),
        (3, "การจัดประสบการณ์ที่เน้นเด็กเป็นสำคัญ"),
    ]
    assert assessed("MOE2561-ECE") == ECE_ITEMS
    assert Item.objects.filter(standard__standard_set__code="MOE2561-ECE").count() == 14


def test_every_loaded_item_has_an_english_title():
    codes = ["MOE2561-BASIC", "MOE2561-ECE"]
    assert not Item.objects.filter(standard__standard_set__code__in=codes, title_en="").exists()


def test_area_office_template_holds_the_three_seed_standards():
    template = StandardSet.objects.templates().get()
    assert template.code == "ESA-TEMPLATE-2561"
    assert template.level == StandardSet.Level.AREA_OFFICE
    assert list(template.standards.values_list("title_th", flat=True)) == [
        "การบริหารจัดการองค์การสู่ความเป็นเลิศ",
        "การบริหารและการจัดการศึกษาที่มีประสิทธิภาพ",
        "ผลการบริหารและการจัดการศึกษาของสำนักงานเขตพื้นที่การศึกษา",
    ]
    assert Item.objects.filter(standard__standard_set=template).count() == 14


def test_adopting_the_template_copies_it_to_the_office_once(office):
    template = StandardSet.objects.templates().get()
    copy = standard_set_adopt(template=template, office=office, actor=central_superuser())
    assert copy.area_office == office
    assert copy.code == "ESA-TEMPLATE-2561@UBN5"
    assert Item.objects.filter(standard__standard_set=copy).count() == 14
    assert standard_set_adopt(template=template, office=office, actor=central_superuser()) == copy
    # editing the copy leaves the template alone
    Item.objects.filter(standard__standard_set=copy, code="1.1").update(title_th="แก้ไขแล้ว")
    assert Item.objects.get(standard__standard_set=template, code="1.1").title_th == (
        "การบริหารจัดการที่ดี"
    )


def applicable_codes(school, year=None):
    return set(StandardSet.objects.applicable_to(school, year).values_list("code", flat=True))


def test_applicable_sets_follow_the_levels_offered(office):
    both = SchoolFactory(area_office=office, offers_ece=True, offers_primary=True)
    primary_only = SchoolFactory(area_office=office, offers_ece=False, offers_primary=True)
    ece_only = SchoolFactory(area_office=office, offers_ece=True, offers_primary=False)
    secondary = SchoolFactory(
        area_office=office,
        offers_ece=False,
        offers_primary=False,
        offers_lower_secondary=True,
        offers_upper_secondary=True,
    )
    nothing = SchoolFactory(area_office=office, offers_ece=False, offers_primary=False)
    assert applicable_codes(both) == {"MOE2561-BASIC", "MOE2561-ECE"}
    assert applicable_codes(primary_only) == {"MOE2561-BASIC"}
    assert applicable_codes(ece_only) == {"MOE2561-ECE"}
    assert applicable_codes(secondary) == {"MOE2561-BASIC"}
    assert applicable_codes(nothing) == set()
    assert Item.objects.applicable_to(both).count() == 35
    assert Item.objects.applicable_to(primary_only).count() == 21


def test_school_added_set_applies_only_to_its_school(office):
    school = SchoolFactory(area_office=office)
    other = SchoolFactory(area_office=office)
    own = StandardSetFactory(school=school)
    ItemFactory(standard=StandardFactory(standard_set=own))
    assert own.code in applicable_codes(school)
    assert own.code not in applicable_codes(other)
    assert Item.objects.applicable_to(school).count() == 36


def test_a_newer_framework_replaces_the_old_by_data(office):
    school = SchoolFactory(area_office=office, offers_ece=False, offers_primary=True)
    StandardSet.objects.filter(code="MOE2561-BASIC").update(valid_to_year=2569)
    StandardSet.objects.create(
        code="MOE2570-BASIC", name_th="มาตรฐานใหม่", level="basic", valid_from_year=2570
    )
    assert applicable_codes(school, 2569) == {"MOE2561-BASIC"}
    assert applicable_codes(school, 2570) == {"MOE2570-BASIC"}


def test_area_office_sets_never_apply_to_schools(office):
    school = SchoolFactory(area_office=office)
    standard_set_adopt(
        template=StandardSet.objects.templates().get(), office=office, actor=central_superuser()
    )
    assert not any(code.startswith("ESA-") for code in applicable_codes(school))
