"""Factories and builders for SAR tests: small standard frameworks of their own (codes
that never collide with the national sets), SARs with known results, upload bodies, and
the synthesis district of tests/sar/synthesis."""

import datetime
import io

import factory
import pypdf
from django.utils import timezone

from sar.models import (
    HelpNeed,
    ItemResult,
    SARVersion,
    SelfAssessmentReport,
    StandardResult,
    SynthesisRun,
)
from standards.models import QualityLevel, SchoolTarget, StandardSet
from tests.standards.factories import ItemFactory, StandardFactory, StandardSetFactory


def make_test_standards():
    """One ECE set (2 standards x 2 items) and one basic set (2 standards, one with a
    heading item over two leaves): what most tests need."""
    sets = {}
    for level in (StandardSet.Level.ECE, StandardSet.Level.BASIC):
        standard_set = StandardSetFactory(level=level)
        sets[level] = standard_set
        for number in (1, 2):
            standard = StandardFactory(standard_set=standard_set, number=number)
            if level == StandardSet.Level.BASIC and number == 1:
                heading = ItemFactory(standard=standard, code=f"{number}.1", is_assessed=False)
                ItemFactory(standard=standard, parent=heading, code=f"{number}.1.1")
                ItemFactory(standard=standard, parent=heading, code=f"{number}.1.2")
            else:
                ItemFactory(standard=standard, code=f"{number}.1")
                ItemFactory(standard=standard, code=f"{number}.2")
    return sets


def pdf_bytes(pages=1, *, encrypt=None):
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if encrypt is not None:
        writer.encrypt(encrypt)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(*, extra=None, content_type=None):
    """A minimal valid Word document as bytes."""
    import zipfile

    content_type = content_type or (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{content_type}"/>'
            "</Types>",
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document '
            'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>รายงานผลการประเมินตนเอง</w:t></w:r></w:p></w:body></w:document>",
        )
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def fill_version(version, *, level=QualityLevel.VERY_GOOD, with_pdf=True):
    """Make ``version`` complete enough to submit, directly in the database."""
    from django.core.files.base import ContentFile

    version.item_results.update(level=level, result_percent=85)
    version.standard_results.update(
        level=level,
        strengths="ผู้เรียนมีทักษะการอ่านดี",
        improvements="ควรพัฒนาทักษะการคิดวิเคราะห์",
        development_plan="จัดกิจกรรมส่งเสริมการคิด",
    )
    version.board_approved_on = datetime.date(2025, 5, 20)
    if with_pdf:
        version.pdf.save("upload.pdf", ContentFile(pdf_bytes()), save=False)
        version.pdf_original_name = "sar.pdf"
    version.save()
    return version


def editor_post_data(report, *, action="save", level=None, text=True, **overrides):
    """The POST body the editor page would send for ``report``'s latest version, with
    every row filled (``level``) or as stored (``level=None``)."""
    version = report.latest_version
    data = {
        "lock_version": report.lock_version,
        "board_approved_on": "20/05/2568",
        "innovations": "กิจกรรมเสริมทักษะการอ่าน",
        "action": action,
        "help-TOTAL_FORMS": "2",
        "help-INITIAL_FORMS": "0",
        "help-MIN_NUM_FORMS": "0",
        "help-MAX_NUM_FORMS": "30",
        "help-0-category": "curriculum",
        "help-0-description": "ต้องการวิทยากรด้านการจัดการเรียนรู้เชิงรุก",
        "help-1-category": "",
        "help-1-description": "",
    }
    for row in version.item_results.all():
        chosen = level if level is not None else row.level
        data[f"item-{row.item_id}-level"] = "" if chosen is None else str(int(chosen))
        data[f"item-{row.item_id}-result_percent"] = "80.5"
    for row in version.standard_results.all():
        chosen = level if level is not None else row.level
        prefix = f"std-{row.standard_id}"
        data[f"{prefix}-level"] = "" if chosen is None else str(int(chosen))
        data[f"{prefix}-strengths"] = "ผู้เรียนอ่านออกเขียนได้" if text else ""
        data[f"{prefix}-improvements"] = "ควรพัฒนาการคิดวิเคราะห์" if text else ""
        data[f"{prefix}-development_plan"] = "โครงการส่งเสริมการคิด" if text else ""
        data[f"{prefix}-evidence_links"] = "https://example.org/evidence" if text else ""
    data.update(overrides)
    return data


# -- the synthesis district -------------------------------------------------------------


class SynthesisRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SynthesisRun


def make_framework():
    """ECE: one standard with items E1, E2. Basic: standard 1 (heading 1.1 with leaves
    1.1.1, 1.1.2) and standard 2 (item 2.1)."""
    ece = StandardSetFactory(code="SYN-TEST-ECE", name_th="มาตรฐานปฐมวัยทดสอบ", level="ece")
    basic = StandardSetFactory(code="SYN-TEST-BASIC", name_th="มาตรฐานขั้นพื้นฐานทดสอบ", level="basic")
    e1 = StandardFactory(standard_set=ece, number=1, title_th="คุณภาพของเด็ก")
    b1 = StandardFactory(standard_set=basic, number=1, title_th="คุณภาพของผู้เรียน")
    b2 = StandardFactory(standard_set=basic, number=2, title_th="กระบวนการบริหารและการจัดการ")
    heading = ItemFactory(standard=b1, code="1.1", order=1, is_assessed=False)
    return {
        "ece": ece,
        "basic": basic,
        "E": e1,
        "B1": b1,
        "B2": b2,
        "E1": ItemFactory(standard=e1, code="1.1", title_th="มีพัฒนาการด้านร่างกาย", order=1),
        "E2": ItemFactory(standard=e1, code="1.2", title_th="มีพัฒนาการด้านอารมณ์", order=2),
        "1.1.1": ItemFactory(
            standard=b1, parent=heading, code="1.1.1", title_th="การอ่าน การเขียน", order=2
        ),
        "1.1.2": ItemFactory(
            standard=b1, parent=heading, code="1.1.2", title_th="การคิดวิเคราะห์", order=3
        ),
        "2.1": ItemFactory(standard=b2, code="2.1", title_th="เป้าหมายวิสัยทัศน์", order=1),
    }


def make_sar(
    school,
    year,
    *,
    status=SelfAssessmentReport.Status.ACCEPTED,
    standards=None,
    items=None,
    needs=(),
    versions=1,
):
    """A SAR of ``school`` with ``versions`` submitted versions; the last one carries
    ``standards`` {Standard: (level, strengths, improvements)}, ``items`` {Item: (percent,
    level)} and ``needs`` [(category, description)]. Earlier versions carry level 1
    everywhere, so reading the wrong version shows in every figure."""
    now = timezone.now()
    report = SelfAssessmentReport.objects.create(
        school=school,
        academic_year_id=year,
        status=status,
        first_submitted_at=None if status == "draft" else now,
        last_submitted_at=None if status == "draft" else now,
    )
    standards = standards or {}
    items = items or {}
    for number in range(1, versions + 1):
        last = number == versions
        version = SARVersion.objects.create(
            report=report, number=number, submitted_at=None if status == "draft" else now
        )
        for standard, (level, strengths, improvements) in standards.items():
            StandardResult.objects.create(
                version=version,
                standard=standard,
                level=level if last else 1,
                strengths=strengths if last else "ข้อความฉบับเก่า",
                improvements=improvements if last else "ข้อความฉบับเก่า",
            )
        for item, (percent, level) in items.items():
            ItemResult.objects.create(
                version=version,
                item=item,
                result_percent=percent if last else 1,
                level=level if last else 1,
            )
        if last:
            for category, description in needs:
                HelpNeed.objects.create(version=version, category=category, description=description)
    return report


def make_target(school, year, item, level, percent=None):
    return SchoolTarget.objects.create(
        school=school,
        academic_year_id=year,
        item=item,
        target_level=level,
        target_percent=percent,
    )


STRENGTHS_1 = {
    "S1": "ผู้เรียนมีความสามารถในการอ่าน การเขียน และการสื่อสาร",
    "S2": "ผู้เรียนมีความสามารถในการอ่านคล่อง มีผลสัมฤทธิ์ทางการเรียนสูง",
    "S3": "ผลสัมฤทธิ์ทางการเรียนดีขึ้นทุกกลุ่มสาระ",
}
IMPROVEMENTS_1 = {
    "S1": "ควรพัฒนาทักษะการคิดวิเคราะห์ของผู้เรียน",
    "S2": "ควรส่งเสริมทักษะการคิดวิเคราะห์และการแก้ปัญหา",
    "S3": "ผลการทดสอบ O-NET ต่ำกว่าระดับประเทศ",
}


def make_district(office, cluster, other_office, year=2567):
    """The small district whose every figure the tests assert.

    S1 (cluster พิบูลมังสาหาร, 100 students: small), S2 (same cluster, 300: medium) and
    S3 (cluster เมือง, 700: large, resubmitted once) are accepted; S4 (100) is submitted
    only; S5 is a draft; a school of another office is accepted and must not count.
    """
    from schools.models import Cluster
    from tests.factories import SchoolFactory

    f = make_framework()
    town = Cluster.objects.create(area_office=office, name="กลุ่มเครือข่ายเมือง")
    s1 = SchoolFactory(
        area_office=office, cluster=cluster, code="1099000001", name="โรงเรียนบ้านกอก", students=100
    )
    s2 = SchoolFactory(
        area_office=office, cluster=cluster, code="1099000002", name="โรงเรียนบ้านขาม", students=300
    )
    s3 = SchoolFactory(
        area_office=office,
        cluster=town,
        code="1099000003",
        name="โรงเรียนบ้านค้อ",
        students=700,
        offers_ece=False,
    )
    s4 = SchoolFactory(
        area_office=office, cluster=town, code="1099000004", name="โรงเรียนบ้านง่อน", students=100
    )
    s5 = SchoolFactory(
        area_office=office, cluster=None, code="1099000005", name="โรงเรียนบ้านจาน", students=50
    )
    far = SchoolFactory(
        area_office=other_office, code="1099000009", name="โรงเรียนต่างเขต", students=100
    )
    make_sar(
        s1,
        year,
        standards={
            f["E"]: (5, "เด็กมีพัฒนาการด้านร่างกายสมวัย", ""),
            f["B1"]: (4, STRENGTHS_1["S1"], IMPROVEMENTS_1["S1"]),
            f["B2"]: (3, "", ""),
        },
        items={
            f["E1"]: (95, 5),
            f["E2"]: (None, 4),
            f["1.1.1"]: (85, 4),
            f["1.1.2"]: (70, 3),
            f["2.1"]: (90, 5),
        },
        needs=[("budget", "ขาดงบประมาณซ่อมแซมอาคารเรียน"), ("teacher", "ต้องการอบรมครูด้านการวัดผล")],
    )
    make_sar(
        s2,
        year,
        standards={
            f["E"]: (3, "เด็กมีพัฒนาการด้านร่างกายสมวัย", ""),
            f["B1"]: (5, STRENGTHS_1["S2"], IMPROVEMENTS_1["S2"]),
            f["B2"]: (4, "", ""),
        },
        items={
            f["E1"]: (60, 3),
            f["E2"]: (65, 3),
            f["1.1.1"]: (88, 5),
            f["1.1.2"]: (92, 5),
            f["2.1"]: (80, 4),
        },
        needs=[("budget", "งบประมาณจัดซื้อสื่อการเรียนรู้"), ("budget", "งบประมาณจ้างครูอัตราจ้าง")],
    )
    make_sar(
        s3,
        year,
        versions=2,
        standards={
            f["B1"]: (2, STRENGTHS_1["S3"], IMPROVEMENTS_1["S3"]),
            f["B2"]: (4, "", ""),
        },
        items={f["1.1.1"]: (60, 2), f["1.1.2"]: (55, 2), f["2.1"]: (70, 4)},
        needs=[("technology", "ต้องการอินเทอร์เน็ตความเร็วสูง")],
    )
    make_sar(
        s4,
        year,
        status="submitted",
        standards={f["B1"]: (1, "", ""), f["B2"]: (1, "", "")},
        items={f["1.1.1"]: (40, 1), f["1.1.2"]: (40, 1), f["2.1"]: (30, 1)},
    )
    make_sar(s5, year, status="draft", standards={f["B1"]: (5, "", ""), f["B2"]: (5, "", "")})
    make_sar(far, year, standards={f["B1"]: (5, "", ""), f["B2"]: (5, "", "")})
    make_target(s1, year, f["1.1.1"], 4, 80)  # 85 %, level 4: met
    make_target(s1, year, f["1.1.2"], 4)  # level 3: not met
    make_target(s2, year, f["1.1.1"], 4, 90)  # level 5 but 88 %: not met
    make_target(s2, year, f["2.1"], 3)  # level 4: met
    make_target(s3, year, f["1.1.1"], 2)  # level 2: met
    make_target(s3, year, f["2.1"], 4, 70)  # 70 % exactly, level 4: met
    make_target(s4, year, f["1.1.1"], 3)  # submitted only
    return {**f, "S1": s1, "S2": s2, "S3": s3, "S4": s4, "S5": s5, "far": far, "town": town}
