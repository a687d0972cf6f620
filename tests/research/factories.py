import factory

from research.models import Instrument, ResearchProject
from supervision.models import FormItem, FormSection, FormTemplate
from tests.factories import AcademicYearFactory, AreaOfficeFactory


class ResearchProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearchProject

    area_office = factory.SubFactory(AreaOfficeFactory)
    title = factory.Sequence(lambda n: f"การพัฒนารูปแบบการประกันคุณภาพภายในแบบมีส่วนร่วม {n}")
    researchers = "นางสาวณปภัช บุญสมศรี ศึกษานิเทศก์ชำนาญการพิเศษ"
    kind = ResearchProject.Kind.DISTRICT
    academic_year = factory.SubFactory(AcademicYearFactory)
    objectives = "เพื่อศึกษาสภาพปัจจุบัน ปัญหา และความต้องการจำเป็นของการประกันคุณภาพภายใน"


def questionnaire(*, code="R-TEST", likert_items=3, office=None):
    """A process-4 template: one Likert section of ``likert_items`` items, a yes/no, a
    number and an open question in a second section."""
    template = FormTemplate.objects.create(
        area_office=office,
        code=code,
        title="แบบสอบถามความพึงพอใจต่อรูปแบบการประกันคุณภาพ",
        process=FormTemplate.Process.RESEARCH,
        form_no=FormTemplate.FormNo.F72,
    )
    first = FormSection.objects.create(template=template, order=1, title="ตอนที่ ๑ ความพึงพอใจ")
    for n in range(1, likert_items + 1):
        FormItem.objects.create(
            section=first,
            order=n,
            code=str(n),
            text=f"ข้อคำถามที่ {n}",
            answer_type=FormItem.AnswerType.LIKERT,
        )
    second = FormSection.objects.create(template=template, order=2, title="ตอนที่ ๒ ข้อมูลอื่น")
    FormItem.objects.create(
        section=second,
        order=1,
        code="y",
        text="เคยอบรมหรือไม่",
        answer_type=FormItem.AnswerType.YES_NO,
    )
    FormItem.objects.create(
        section=second,
        order=2,
        code="n",
        text="อายุราชการ (ปี)",
        answer_type=FormItem.AnswerType.NUMBER,
    )
    FormItem.objects.create(
        section=second, order=3, code="o", text="ข้อเสนอแนะ", answer_type=FormItem.AnswerType.TEXT
    )
    return template


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument

    project = factory.SubFactory(ResearchProjectFactory)
    template = factory.LazyFunction(questionnaire)
    title = "แบบสอบถามครู"
    respondent_type = "teacher"
    is_open = True


def answers_for(template, likert, *, yes="1", number="12", text=""):
    """The POST of one respondent: ``likert`` the points of the Likert items in order."""
    items = FormItem.objects.filter(section__template=template).order_by("section__order", "order")
    raw, points = {}, iter(likert)
    for item in items:
        if item.answer_type == FormItem.AnswerType.LIKERT:
            raw[f"item-{item.pk}"] = str(next(points))
        elif item.answer_type == FormItem.AnswerType.YES_NO:
            raw[f"item-{item.pk}"] = yes
        elif item.answer_type == FormItem.AnswerType.NUMBER:
            raw[f"item-{item.pk}"] = number
        else:
            raw[f"item-{item.pk}"] = text
    return raw
