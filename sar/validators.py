"""Checks of uploaded SAR files by their content, never by their name.

The signed PDF is the legal document and the DOCX its editable source; both come from
outside, so each is opened and inspected before anything is stored: a PNG renamed
``.pdf``, a truncated or password-protected PDF, a ZIP that is not a Word document, a
DOCX with macros or one that would expand to gigabytes are all refused with a Thai
message the school can act on.
"""

import io
import logging
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A Word file's parts compress well, but not by more than this; zip bombs do.
DOCX_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
DOCX_MAX_RATIO = 100
DOCX_MAX_ENTRIES = 5000
DOCX_MAIN_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
PDF_CONTENT_TYPE = "application/pdf"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def max_upload_bytes():
    return settings.SAR_MAX_UPLOAD_MB * 1024 * 1024


def _read_all(uploaded):
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def validate_upload_name(name):
    """A name with folders in it is refused: it is only ever recorded, never used to
    store the file, but a browser does not send one, so something is wrong."""
    if not name or any(part in name for part in ("/", "\\", "\x00")) or name.startswith(".."):
        raise ValidationError(
            _("ชื่อไฟล์ไม่ถูกต้อง (มีชื่อโฟลเดอร์หรืออักขระต้องห้าม) โปรดเปลี่ยนชื่อไฟล์แล้วอัปโหลดใหม่"),
            code="bad_name",
        )


def validate_upload_size(uploaded):
    limit = max_upload_bytes()
    if uploaded.size > limit:
        raise ValidationError(
            _("ไฟล์มีขนาด %(size)s MB เกินกว่าที่กำหนด (ไม่เกิน %(limit)s MB) โปรดลดขนาดไฟล์แล้วอัปโหลดใหม่"),
            code="too_large",
            params={
                "size": f"{uploaded.size / (1024 * 1024):.1f}",
                "limit": settings.SAR_MAX_UPLOAD_MB,
            },
        )
    if uploaded.size == 0:
        raise ValidationError(_("ไฟล์ว่างเปล่า โปรดเลือกไฟล์ใหม่"), code="empty")


def validate_sar_pdf(uploaded):
    """The signed SAR: a real, readable, unencrypted PDF within the size limit."""
    validate_upload_name(uploaded.name)
    validate_upload_size(uploaded)
    data = _read_all(uploaded)
    if not data.startswith(b"%PDF-"):
        raise ValidationError(
            _(
                "ไฟล์นี้ไม่ใช่ไฟล์ PDF (เนื้อหาไม่ใช่ PDF แม้ชื่อไฟล์จะลงท้ายด้วย .pdf) โปรดบันทึกเอกสารเป็น PDF แล้วอัปโหลดใหม่"
            ),
            code="not_pdf",
        )
    import pypdf

    # pypdf reports recoverable oddities through logging; they are not our concern.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
        if not encrypted:
            pages = len(reader.pages)
            for page in reader.pages:
                page.mediabox  # noqa: B018 - touching every page proves it parses
    except Exception as exc:  # pypdf raises many kinds of error for a broken file
        raise ValidationError(
            _("ไฟล์ PDF เสียหายหรือไม่สมบูรณ์ เปิดอ่านไม่ได้ โปรดสร้างไฟล์ PDF ใหม่แล้วอัปโหลดอีกครั้ง"),
            code="corrupt_pdf",
        ) from exc
    if encrypted:
        raise ValidationError(
            _("ไฟล์ PDF ถูกตั้งรหัสผ่านหรือเข้ารหัสไว้ โปรดบันทึกเป็น PDF แบบไม่มีรหัสผ่านแล้วอัปโหลดใหม่"),
            code="encrypted_pdf",
        )
    if pages == 0:
        raise ValidationError(_("ไฟล์ PDF ไม่มีหน้าเอกสาร"), code="empty_pdf")


def validate_sar_docx(uploaded):
    """The editable source: a Word document (.docx), no macros, no zip bomb."""
    validate_upload_name(uploaded.name)
    validate_upload_size(uploaded)
    not_docx = ValidationError(
        _("ไฟล์นี้ไม่ใช่ไฟล์ Word (.docx) ที่ถูกต้อง โปรดบันทึกเอกสารเป็น .docx แล้วอัปโหลดใหม่"),
        code="not_docx",
    )
    data = _read_all(uploaded)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise not_docx from None
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise not_docx from None

    total = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos) or 1
    if (
        len(infos) > DOCX_MAX_ENTRIES
        or total > DOCX_MAX_UNCOMPRESSED_BYTES
        or total / compressed > DOCX_MAX_RATIO
    ):
        raise ValidationError(
            _("ไฟล์ .docx นี้ขยายตัวผิดปกติเมื่อเปิด (อาจเป็นไฟล์อันตราย) ระบบจึงไม่รับไฟล์นี้"),
            code="zip_bomb",
        )

    try:
        content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        raise not_docx from None
    has_macros = any(name.lower().endswith("vbaproject.bin") for name in names) or (
        "macroEnabled" in content_types
    )
    if has_macros:
        raise ValidationError(
            _("ไฟล์นี้มีแมโคร (macro) ระบบไม่รับไฟล์ที่มีแมโคร โปรดบันทึกเป็น .docx ธรรมดาแล้วอัปโหลดใหม่"),
            code="macro",
        )
    if DOCX_MAIN_CONTENT_TYPE not in content_types:
        # A template (.dotx) or another Office type dressed up as a document.
        raise not_docx from None
    bad = archive.testzip()
    if bad is not None:
        raise not_docx from None
