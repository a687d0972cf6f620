"""Form ๗.๑ of process 3 (readiness for ONESQA's external evaluation) as a template of
the form engine: the nine IQA steps (มี/ไม่มี with evidence and recommendation), the five
readiness checks of the seed's step 4, and the verdict; strengths, points to improve and
recommendations are the visit's summary."""

from django.db import migrations, models

CODE = "P3-7.1"

STEPS = [
    ("กำหนดมาตรฐานการศึกษาของสถานศึกษา", "ประกาศมาตรฐานการศึกษาและค่าเป้าหมายของสถานศึกษา"),
    (
        "กำหนดการพัฒนาคุณภาพการศึกษาโดยพิจารณาจากรายงานผลการประเมินตนเองในปีการศึกษาที่ผ่านมา "
        "และตามคำแนะนำของสำนักงานเขตพื้นที่การศึกษา",
        "SAR ปีที่ผ่านมา, ข้อเสนอแนะของสำนักงานเขตพื้นที่การศึกษาและ สมศ.",
    ),
    ("จัดระบบบริหารและสารสนเทศ", "โครงสร้างการบริหารงาน, ระบบสารสนเทศของสถานศึกษา"),
    (
        "จัดทำแผนพัฒนาการจัดการศึกษาของสถานศึกษา",
        "แผนพัฒนาการจัดการศึกษา, แผนปฏิบัติการประจำปี",
    ),
    ("ดำเนินงานตามแผนพัฒนาการจัดการศึกษาของสถานศึกษา", "รายงานผลการดำเนินโครงการ/กิจกรรม"),
    (
        "ประเมินผลและตรวจสอบคุณภาพการศึกษาภายในสถานศึกษา",
        "คำสั่งคณะกรรมการประเมินภายใน, รายงานผลการประเมินภายในภาคเรียนละ ๑ ครั้ง",
    ),
    (
        "ติดตามผลการดำเนินการและนำผลการติดตามไปใช้ประโยชน์ในการปรับปรุงพัฒนา",
        "รายงานการติดตามผล, บันทึกการประชุมนำผลไปปรับปรุง",
    ),
    (
        "จัดทำรายงานผลการประเมินตนเองและจัดส่งต่อสำนักงานเขตพื้นที่การศึกษา",
        "SAR ที่ผ่านความเห็นชอบของคณะกรรมการสถานศึกษา, หนังสือนำส่ง",
    ),
    ("จัดให้มีการพัฒนาคุณภาพการศึกษาอย่างต่อเนื่อง", "แผนพัฒนาคุณภาพปีถัดไป, โครงการต่อยอด"),
]

READINESS = [
    (
        "รายงานผลการประเมินตนเอง (SAR) ผ่านความเห็นชอบของคณะกรรมการสถานศึกษาขั้นพื้นฐาน "
        "และเผยแพร่ต่อสาธารณชนแล้ว",
        "หนังสือให้ความเห็นชอบ, หลักฐานการเผยแพร่ SAR (เว็บไซต์ของสถานศึกษา)",
    ),
    (
        "ดำเนินการตามข้อเสนอแนะของ สมศ. จากการประเมินครั้งก่อน "
        "(รายการข้อเสนอแนะและผลการติดตามแสดงประกอบในแบบนี้)",
        "โครงการ/กิจกรรมที่ตอบข้อเสนอแนะ, รายงานผลการติดตามข้อเสนอแนะ",
    ),
    (
        "ปรับปรุงแผนพัฒนาการจัดการศึกษาโดยนำผลการประเมินคุณภาพภายนอกมาใช้",
        "แผนพัฒนาการจัดการศึกษาฉบับปรับปรุง, บันทึกการประชุม",
    ),
    (
        "บุคลากรมีความรู้ความเข้าใจเกณฑ์และแนวทางการประเมินคุณภาพภายนอกของ สมศ.",
        "การประชุม/อบรมชี้แจงเกณฑ์ของ สมศ., การสัมภาษณ์ครู",
    ),
    (
        "จัดส่งข้อมูลของสถานศึกษาต่อ สมศ. ครบถ้วนตามกำหนด",
        "หลักฐานการส่งข้อมูล/SAR เข้าระบบของ สมศ.",
    ),
]


def seed(apps, schema_editor):
    FormTemplate = apps.get_model("supervision", "FormTemplate")
    FormSection = apps.get_model("supervision", "FormSection")
    FormItem = apps.get_model("supervision", "FormItem")
    if FormTemplate.objects.filter(code=CODE, area_office__isnull=True).exists():
        return
    template = FormTemplate.objects.create(
        code=CODE,
        version=1,
        title="แบบนิเทศติดตามผลการดำเนินงานด้านการประกันคุณภาพภายในสถานศึกษา "
        "(ความพร้อมรับการประเมินคุณภาพภายนอก)",
        process=3,
        form_no="7.1",
        row_source="items",
        instructions=(
            "ให้ผู้นิเทศพิจารณาการดำเนินงานของสถานศึกษาตามขั้นตอนการประกันคุณภาพภายใน ๙ ขั้นตอน "
            "และความพร้อมรับการประเมินคุณภาพภายนอก บันทึกว่ามีหรือไม่มีการดำเนินการ "
            "ร่องรอย/หลักฐานที่พบ และข้อเสนอแนะ แล้วสรุปผลว่าพร้อมรับการประเมินหรือต้องได้รับ"
            "การช่วยเหลือ พร้อมจุดเด่น จุดที่ควรพัฒนา และข้อเสนอแนะ"
        ),
    )
    steps = FormSection.objects.create(
        template=template, order=1, title="ตอนที่ ๑ การดำเนินงานตามระบบการประกันคุณภาพภายใน"
    )
    for number, (text, evidence) in enumerate(STEPS, start=1):
        FormItem.objects.create(
            section=steps,
            order=number,
            code=str(number),
            text=text,
            answer_type="yes_no",
            evidence_prompt=evidence,
        )
    readiness = FormSection.objects.create(
        template=template, order=2, title="ตอนที่ ๒ ความพร้อมรับการประเมินคุณภาพภายนอก"
    )
    for number, (text, evidence) in enumerate(READINESS, start=10):
        FormItem.objects.create(
            section=readiness,
            order=number,
            code=str(number),
            text=text,
            answer_type="yes_no",
            evidence_prompt=evidence,
        )
    verdict = FormSection.objects.create(
        template=template, order=3, title="ตอนที่ ๓ สรุปผลการตรวจสอบความพร้อม"
    )
    FormItem.objects.create(
        section=verdict,
        order=15,
        code="15",
        text="ผลการตรวจสอบความพร้อมรับการประเมินคุณภาพภายนอก",
        answer_type="verdict",
    )


def unseed(apps, schema_editor):
    FormTemplate = apps.get_model("supervision", "FormTemplate")
    FormTemplate.objects.filter(code=CODE, visits=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0012_merge_networks_plans_rubric_report"),
    ]

    operations = [
        migrations.AlterField(
            model_name="formitem",
            name="answer_type",
            field=models.CharField(
                choices=[
                    ("rubric", "ระดับคุณภาพ ๕ ระดับ (เกณฑ์รูบริก)"),
                    ("yes_no", "มี/ไม่มี"),
                    ("percent", "ร้อยละ"),
                    ("text", "ข้อความ"),
                    ("likert", "มาตรประมาณค่า ๕ ระดับ (มากที่สุด–น้อยที่สุด)"),
                    ("number", "ตัวเลข"),
                    ("verdict", "ผลการตรวจสอบความพร้อม (พร้อม/ต้องได้รับการช่วยเหลือ)"),
                ],
                default="rubric",
                max_length=10,
                verbose_name="รูปแบบคำตอบ",
            ),
        ),
        migrations.AlterField(
            model_name="formtemplate",
            name="process",
            field=models.PositiveSmallIntegerField(
                choices=[
                    (1, "กระบวนการที่ ๑ การพัฒนาส่งเสริมมาตรฐานและการประกันคุณภาพ"),
                    (2, "กระบวนการที่ ๒ การติดตาม ตรวจสอบคุณภาพการศึกษา"),
                    (3, "กระบวนการที่ ๓ การประสานงานการประเมินคุณภาพภายนอก"),
                    (4, "กระบวนการที่ ๔ การวิจัยและพัฒนาการประกันคุณภาพ"),
                ],
                verbose_name="กระบวนการ",
            ),
        ),
        migrations.AlterField(
            model_name="visit",
            name="kind",
            field=models.CharField(
                choices=[
                    ("iqa", "นิเทศ ติดตามระบบการประกันคุณภาพภายใน (กระบวนการที่ ๑)"),
                    ("district", "ตรวจเยี่ยมพื้นที่เชิงประเมิน ระดับเขตพื้นที่ (กระบวนการที่ ๒)"),
                    ("readiness", "นิเทศติดตามความพร้อมรับการประเมินภายนอก (กระบวนการที่ ๓)"),
                ],
                max_length=10,
                verbose_name="ประเภทการนิเทศ",
            ),
        ),
        migrations.RunPython(seed, unseed),
    ]
