"""Factories for SAR tests. Standard sets use "TEST-SET-..." codes so they never collide
with the national sets loaded by the standards data migration."""

import datetime
import io

import factory
import pypdf

from standards.models import Item, QualityLevel, Standard, StandardSet


class StandardSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardSet

    code = factory.Sequence(lambda n: f"TEST-SET-{n:03d}")
    name_th = factory.Sequence(lambda n: f"มาตรฐานทดสอบ ชุดที่ {n}")
    level = StandardSet.Level.BASIC
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
