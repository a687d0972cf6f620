"""Load the education standards every school and the district work against.

* MOE2561-BASIC and MOE2561-ECE: the Ministry of Education standards B.E. 2561, exactly
  as domain.md §3.1 and §3.2 list them (codes 1.1.1 … 3.5; 1.1 and 1.2 of the basic set
  are headings, not assessed). ECE item 2.6 is a [CONFLICT] in domain.md; the sourced
  wording [S21] is loaded, the other reading is in the English note. The client pastes
  the official announcement text through the admin before go-live.
* ESA-TEMPLATE-2561: the area office's own three standards as a template (seed 003,
  สพป.อุบลราชธานี เขต ๕). It belongs to no office; an office adopts a copy
  (standards.services.standard_set_adopt) and edits its copy. The items split the seed's
  running text into its named aspects. They describe the office's own work, so they never
  apply to a school (StandardSet.objects.applicable_to ignores them).

The data is written out here rather than imported from app code, so that this migration
stays what it was when it ran. Re-running is harmless: rows are matched on their codes.
"""

from django.db import migrations

BASIC = {
    "code": "MOE2561-BASIC",
    "name_th": "มาตรฐานการศึกษา ระดับการศึกษาขั้นพื้นฐาน พ.ศ. ๒๕๖๑",
    "name_en": "Education standards B.E. 2561, basic education level",
    "level": "basic",
    "valid_from_year": 2561,
    "standards": [
        (
            1,
            "คุณภาพของผู้เรียน",
            "Quality of learners",
            [
                ("1.1", "ผลสัมฤทธิ์ทางวิชาการของผู้เรียน", "Learners' academic achievement", None),
                ("1.1.1", "มีความสามารถในการอ่าน การเขียน การสื่อสาร และการคิดคำนวณ", "Reading, writing, communication and numeracy", "1.1"),
                ("1.1.2", "มีความสามารถในการคิดวิเคราะห์ คิดอย่างมีวิจารณญาณ อภิปรายแลกเปลี่ยนความคิดเห็น และแก้ปัญหา", "Analytical and critical thinking, discussion, problem solving", "1.1"),
                ("1.1.3", "มีความสามารถในการสร้างนวัตกรรม", "Ability to create innovation", "1.1"),
                ("1.1.4", "มีความสามารถในการใช้เทคโนโลยีสารสนเทศและการสื่อสาร", "Use of ICT", "1.1"),
                ("1.1.5", "มีผลสัมฤทธิ์ทางการเรียนตามหลักสูตรสถานศึกษา", "Achievement against the school curriculum", "1.1"),
                ("1.1.6", "มีความรู้ ทักษะพื้นฐาน และเจตคติที่ดีต่องานอาชีพ", "Knowledge, basic skills and attitude towards work/careers", "1.1"),
                ("1.2", "คุณลักษณะที่พึงประสงค์ของผู้เรียน", "Learners' desirable characteristics", None),
                ("1.2.1", "การมีคุณลักษณะและค่านิยมที่ดีตามที่สถานศึกษากำหนด", "Good characteristics and values as set by the school", "1.2"),
                ("1.2.2", "ความภูมิใจในท้องถิ่นและความเป็นไทย", "Pride in locality and Thai-ness", "1.2"),
                ("1.2.3", "การยอมรับที่จะอยู่ร่วมกันบนความแตกต่างและหลากหลาย", "Accepting diversity", "1.2"),
                ("1.2.4", "สุขภาวะทางร่างกาย และจิตสังคม", "Physical and psycho-social well-being", "1.2"),
            ],
        ),
        (
            2,
            "กระบวนการบริหารและการจัดการ",
            "Administration and management process",
            [
                ("2.1", "มีเป้าหมายวิสัยทัศน์และพันธกิจที่สถานศึกษากำหนดชัดเจน", "Clear goals, vision and mission", None),
                ("2.2", "มีระบบบริหารจัดการคุณภาพของสถานศึกษา", "Quality-management system", None),
                ("2.3", "ดำเนินงานพัฒนาวิชาการที่เน้นคุณภาพผู้เรียนรอบด้านตามหลักสูตรสถานศึกษาและทุกกลุ่มเป้าหมาย", "Academic development for all-round learner quality, all target groups", None),
                ("2.4", "พัฒนาครูและบุคลากรให้มีความเชี่ยวชาญทางวิชาชีพ", "Professional development of teachers and staff", None),
                ("2.5", "จัดสภาพแวดล้อมทางกายภาพและสังคมที่เอื้อต่อการจัดการเรียนรู้อย่างมีคุณภาพ", "Physical and social environment conducive to learning", None),
                ("2.6", "จัดระบบเทคโนโลยีสารสนเทศเพื่อสนับสนุนการบริหารจัดการและการจัดการเรียนรู้", "IT systems supporting management and learning", None),
            ],
        ),
        (
            3,
            "กระบวนการจัดการเรียนการสอนที่เน้นผู้เรียนเป็นสำคัญ",
            "Learner-centred teaching and learning process",
            [
                ("3.1", "จัดการเรียนรู้ผ่านกระบวนการคิดและปฏิบัติจริง และสามารถนำไปประยุกต์ใช้ในชีวิตได้", "Learning through thinking and real practice, applicable to life", None),
                ("3.2", "ใช้สื่อ เทคโนโลยีสารสนเทศ และแหล่งเรียนรู้ที่เอื้อต่อการเรียนรู้", "Use of media, IT and learning resources", None),
                ("3.3", "มีการบริหารจัดการชั้นเรียนเชิงบวก", "Positive classroom management", None),
                ("3.4", "ตรวจสอบและประเมินผู้เรียนอย่างเป็นระบบ และนำผลมาพัฒนาผู้เรียน", "Systematic assessment of learners, results used to develop them", None),
                ("3.5", "มีการแลกเปลี่ยนเรียนรู้และให้ข้อมูลสะท้อนกลับเพื่อพัฒนาและปรับปรุงการจัดการเรียนรู้", "Knowledge sharing and feedback to improve teaching", None),
            ],
        ),
    ],
}

ECE = {
    "code": "MOE2561-ECE",
    "name_th": "มาตรฐานการศึกษา ระดับปฐมวัย พ.ศ. ๒๕๖๑",
    "name_en": "Education standards B.E. 2561, early-childhood level",
    "level": "ece",
    "valid_from_year": 2561,
    "standards": [
        (
            1,
            "คุณภาพของเด็ก",
            "Quality of the child",
            [
                ("1.1", "มีพัฒนาการด้านร่างกาย แข็งแรง มีสุขนิสัยที่ดี และดูแลความปลอดภัยของตนเองได้", "Physical development, health habits, self-safety", None),
                ("1.2", "มีพัฒนาการด้านอารมณ์ จิตใจ ควบคุมและแสดงออกทางอารมณ์ได้", "Emotional development, emotional control/expression", None),
                ("1.3", "มีพัฒนาการด้านสังคม ช่วยเหลือตนเองและเป็นสมาชิกที่ดีของสังคม", "Social development, self-help, good member of society", None),
                ("1.4", "มีพัฒนาการด้านสติปัญญา สื่อสารได้ มีทักษะการคิดพื้นฐาน และแสวงหาความรู้ได้", "Cognitive development, communication, basic thinking, seeking knowledge", None),
            ],
        ),
        (
            2,
            "กระบวนการบริหารและการจัดการ",
            "Administration and management",
            [
                ("2.1", "มีหลักสูตรครอบคลุมพัฒนาการทั้ง ๔ ด้าน สอดคล้องกับบริบทของท้องถิ่น", "Curriculum covering all 4 domains, fitting local context", None),
                ("2.2", "จัดครูให้เพียงพอกับชั้นเรียน", "Enough teachers for the classes", None),
                ("2.3", "ส่งเสริมให้ครูมีความเชี่ยวชาญด้านการจัดประสบการณ์", "Teacher expertise in organising experiences", None),
                ("2.4", "จัดสภาพแวดล้อมและสื่อเพื่อการเรียนรู้ อย่างปลอดภัย และเพียงพอ", "Safe, sufficient environment and learning media", None),
                ("2.5", "ให้บริการสื่อเทคโนโลยีสารสนเทศและสื่อการเรียนรู้เพื่อสนับสนุนการจัดประสบการณ์", "IT and learning media services supporting experiences", None),
                # domain.md §3.2 [CONFLICT]: [S21] wording loaded; another reading is
                # "มีระบบบริหารคุณภาพที่เปิดโอกาสให้ผู้เกี่ยวข้องทุกฝ่ายมีส่วนร่วม" [MEM].
                ("2.6", "มีระบบบริหารจัดการคุณภาพของสถานศึกษา", "A quality-management system (open to participation of all stakeholders)", None),
            ],
        ),
        (
            3,
            "การจัดประสบการณ์ที่เน้นเด็กเป็นสำคัญ",
            "Child-centred provision of experiences",
            [
                ("3.1", "จัดประสบการณ์ที่ส่งเสริมให้เด็กมีพัฒนาการทุกด้าน อย่างสมดุลเต็มศักยภาพ", "Balanced all-round development to full potential", None),
                ("3.2", "สร้างโอกาสให้เด็กได้รับประสบการณ์ตรง เล่นและปฏิบัติอย่างมีความสุข", "Direct experience, play and practice happily", None),
                ("3.3", "จัดบรรยากาศที่เอื้อต่อการเรียนรู้ ใช้สื่อและเทคโนโลยีที่เหมาะสมกับวัย", "Learning atmosphere, age-appropriate media and technology", None),
                ("3.4", "ประเมินพัฒนาการเด็กตามสภาพจริง และนำผลการประเมินพัฒนาการเด็กไปปรับปรุงการจัดประสบการณ์และพัฒนาเด็ก", "Authentic assessment of development, results used to improve provision", None),
            ],
        ),
    ],
}

AREA_OFFICE_TEMPLATE = {
    "code": "ESA-TEMPLATE-2561",
    "name_th": "มาตรฐานสำนักงานเขตพื้นที่การศึกษา (ชุดต้นแบบ ตามแนวทาง สพป.อุบลราชธานี เขต ๕)",
    "name_en": "Area-office standards (template after the Ubon Ratchathani PESAO 5 system)",
    "level": "area_office",
    "valid_from_year": 2561,
    "standards": [
        (
            1,
            "การบริหารจัดการองค์การสู่ความเป็นเลิศ",
            "Organisational management towards excellence",
            [
                ("1.1", "การบริหารจัดการที่ดี", "Good governance", None),
                ("1.2", "การพัฒนาสู่องค์การแห่งเรียนรู้", "Development into a learning organisation", None),
                ("1.3", "การกระจายอำนาจและการส่งเสริมการบริหารจัดการอย่างมีส่วนร่วม", "Decentralisation and participatory management", None),
            ],
        ),
        (
            2,
            "การบริหารและการจัดการศึกษาที่มีประสิทธิภาพ",
            "Effective administration and management of education",
            [
                ("2.1", "การบริหารงานด้านวิชาการ", "Academic administration", None),
                ("2.2", "การบริหารงานด้านงบประมาณ", "Budget administration", None),
                ("2.3", "การบริหารงานด้านการบริหารงานบุคคล", "Personnel administration", None),
                ("2.4", "การบริหารงานด้านการบริหารทั่วไป", "General administration", None),
                ("2.5", "การติดตาม ตรวจสอบ ประเมินผล และนิเทศการจัดการศึกษาที่มีประสิทธิภาพ", "Effective monitoring, checking, evaluation and supervision", None),
            ],
        ),
        (
            3,
            "ผลการบริหารและการจัดการศึกษาของสำนักงานเขตพื้นที่การศึกษา",
            "Results of the area office's administration and management of education",
            [
                ("3.1", "มีผลงานที่แสดงความสำเร็จ และเป็นแบบอย่างได้ (งานส่งเสริม ยกย่อง และเชิดชูเกียรติ)", "Successful, exemplary work (promotion and recognition)", None),
                ("3.2", "สถานศึกษามีคุณภาพตามมาตรฐานการประกันคุณภาพการศึกษา", "Schools meet the quality-assurance standards", None),
                ("3.3", "ผู้เรียนทุกระดับการศึกษามีคุณภาพตามหลักสูตร", "Learners at every level reach curriculum quality", None),
                ("3.4", "ประชากรวัยเรียนได้รับสิทธิและโอกาสทางการศึกษาขั้นพื้นฐานเท่าเทียมกัน ศึกษาต่อในระดับที่สูงขึ้น หรือมีความรู้ทักษะพื้นฐานในการประกอบอาชีพ", "School-age population has equal access, continues studying or gains vocational skills", None),
                ("3.5", "ข้าราชการครูและบุคลากรทางการศึกษา พนักงานราชการ ลูกจ้างในสำนักงานเขตพื้นที่การศึกษาและสถานศึกษามีผลงานเชิงประจักษ์ตามเกณฑ์ ได้รับการยกย่องเชิดชูเกียรติ", "Teachers and staff have evident achievements and are recognised", None),
                ("3.6", "ผู้รับบริการและผู้มีส่วนได้ส่วนเสียมีความพึงพอใจในการบริหาร และการจัดการศึกษา รวมทั้งการให้บริการ", "Service users and stakeholders are satisfied", None),
            ],
        ),
    ],
}

SETS = [BASIC, ECE, AREA_OFFICE_TEMPLATE]


def load(apps, schema_editor):
    StandardSet = apps.get_model("standards", "StandardSet")
    Standard = apps.get_model("standards", "Standard")
    Item = apps.get_model("standards", "Item")
    for spec in SETS:
        standard_set, _ = StandardSet.objects.update_or_create(
            code=spec["code"],
            defaults={
                "name_th": spec["name_th"],
                "name_en": spec["name_en"],
                "level": spec["level"],
                "valid_from_year": spec["valid_from_year"],
                "area_office": None,
                "school": None,
                "is_active": True,
            },
        )
        for number, title_th, title_en, items in spec["standards"]:
            standard, _ = Standard.objects.update_or_create(
                standard_set=standard_set,
                number=number,
                defaults={"title_th": title_th, "title_en": title_en},
            )
            parent_codes = {parent for *_, parent in items if parent}
            by_code = {}
            for order, (code, item_th, item_en, parent) in enumerate(items, start=1):
                item, _ = Item.objects.update_or_create(
                    standard=standard,
                    code=code,
                    defaults={
                        "title_th": item_th,
                        "title_en": item_en,
                        "order": order,
                        "parent": by_code.get(parent),
                        "is_assessed": code not in parent_codes,
                    },
                )
                by_code[code] = item


def unload(apps, schema_editor):
    StandardSet = apps.get_model("standards", "StandardSet")
    StandardSet.objects.filter(code__in=[spec["code"] for spec in SETS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("standards", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
