"""A corpus of bad uploads: each is refused with a Thai message, the rest of the form
is kept, and nothing reaches MEDIA_ROOT or the database."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sar.validators import validate_sar_docx, validate_sar_pdf, validate_upload_name

from .factories import docx_bytes, editor_post_data, pdf_bytes

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


def zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document/>" + b" " * (60 * 1024 * 1024))
    return buffer.getvalue()


def random_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photo.txt", "ไม่ใช่เอกสาร Word")
    return buffer.getvalue()


def macro_docx():
    return docx_bytes(
        extra={"word/vbaProject.bin": b"\x00macro"},
        content_type="application/vnd.ms-word.document.macroEnabled.main+xml",
    )


BAD_PDFS = {
    "png renamed .pdf": (PNG, "ไม่ใช่ไฟล์ PDF"),
    "html renamed .pdf": (b"<!DOCTYPE html><html><script>alert(1)</script>", "ไม่ใช่ไฟล์ PDF"),
    "truncated pdf": (pdf_bytes(3)[:300], "เสียหายหรือไม่สมบูรณ์"),
    "encrypted pdf": (pdf_bytes(encrypt="รหัสผ่าน"), "ตั้งรหัสผ่าน"),
    "header only": (b"%PDF-1.7\n%%EOF\n", "เสียหายหรือไม่สมบูรณ์"),
}

BAD_DOCX = {
    "zip bomb": (zip_bomb(), "ขยายตัวผิดปกติ"),
    "random zip": (random_zip(), "ไม่ใช่ไฟล์ Word"),
    "pdf renamed .docx": (pdf_bytes(), "ไม่ใช่ไฟล์ Word"),
    "macro document": (macro_docx(), "แมโคร"),
    "template dressed as document": (
        docx_bytes(
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
        ),
        "ไม่ใช่ไฟล์ Word",
    ),
}


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize("case", BAD_PDFS, ids=list(BAD_PDFS))
def test_bad_pdf_is_rejected_nothing_stored(case, as_user, sar, school_staff, settings):
    content, message = BAD_PDFS[case]
    data = editor_post_data(sar, innovations="ต้องไม่หาย")
    data["pdf"] = SimpleUploadedFile("sar.pdf", content, content_type="application/pdf")
    response = as_user(school_staff).post(reverse("sar:edit", args=[sar.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "ต้องไม่หาย" in html  # the rest of the form is kept
    assert "โปรดเลือกไฟล์ที่จะอัปโหลดอีกครั้ง" in html
    sar.refresh_from_db()
    version = sar.latest_version
    assert sar.lock_version == 0
    assert not version.pdf and version.innovations == ""
    assert stored_files(settings) == []


@pytest.mark.parametrize("case", BAD_DOCX, ids=list(BAD_DOCX))
def test_bad_docx_is_rejected_nothing_stored(case, as_user, sar, school_staff, settings):
    content, message = BAD_DOCX[case]
    data = editor_post_data(sar, innovations="ต้องไม่หาย")
    data["pdf"] = SimpleUploadedFile("sar.pdf", pdf_bytes(), content_type="application/pdf")
    data["docx"] = SimpleUploadedFile("sar.docx", content)
    response = as_user(school_staff).post(reverse("sar:edit", args=[sar.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    sar.refresh_from_db()
    assert not sar.latest_version.pdf and not sar.latest_version.docx
    assert stored_files(settings) == []


def test_oversized_file_is_rejected(as_user, sar, school_staff, settings):
    settings.SAR_MAX_UPLOAD_MB = 1
    big = pdf_bytes() + b"%" + b"0" * (1024 * 1024 + 10)
    data = editor_post_data(sar)
    data["pdf"] = SimpleUploadedFile("big.pdf", big, content_type="application/pdf")
    response = as_user(school_staff).post(reverse("sar:edit", args=[sar.pk]), data)
    assert response.status_code == 400
    assert "เกินกว่าที่กำหนด (ไม่เกิน 1 MB)" in response.content.decode()
    assert stored_files(settings) == []


def test_path_traversal_name_is_never_used_for_storage(as_user, sar, school_staff, settings):
    data = editor_post_data(sar)
    data["pdf"] = SimpleUploadedFile("../../../etc/evil.pdf", pdf_bytes())
    data["docx"] = SimpleUploadedFile("..\\..\\evil.docx", docx_bytes())
    response = as_user(school_staff).post(reverse("sar:edit", args=[sar.pk]), data)
    assert response.status_code == 302
    version = sar.latest_version
    files = stored_files(settings)
    assert len(files) == 2
    for path in files:
        assert path.resolve().is_relative_to(settings.MEDIA_ROOT.resolve())
        assert "evil" not in path.name
    assert version.pdf.name.startswith(f"sar/2567/{sar.school.code}/v1-{sar.pk}")
    assert "/" not in version.pdf_original_name and "\\" not in version.docx_original_name


@pytest.mark.parametrize(
    "name", ["../x.pdf", "a/b.pdf", "..\\x.pdf", "C:\\Users\\x.pdf", "x\x00.pdf", ""]
)
def test_names_with_path_parts_are_refused_by_the_validator(name):
    with pytest.raises(ValidationError):
        validate_upload_name(name)


def test_valid_files_pass_the_validators():
    validate_sar_pdf(SimpleUploadedFile("ok.pdf", pdf_bytes(2)))
    validate_sar_docx(SimpleUploadedFile("ok.docx", docx_bytes()))


def test_pdf_named_docx_is_checked_by_content():
    """The name says PDF, the content is a Word file: refused as a PDF."""
    with pytest.raises(ValidationError) as exc:
        validate_sar_pdf(SimpleUploadedFile("sar.pdf", docx_bytes()))
    assert exc.value.code == "not_pdf"
