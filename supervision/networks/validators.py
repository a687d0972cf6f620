"""Uploads of process 5 and of training events, checked by their content: a photo must be
a JPEG or PNG that Pillow can read, a document a PDF or DOCX checked exactly as SAR
files are (sar/validators.py)."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from sar.validators import (
    validate_sar_docx,
    validate_sar_pdf,
    validate_upload_name,
    validate_upload_size,
)

PHOTO_SIGNATURES = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}
MAX_PIXELS = 60_000_000


def validate_photo(uploaded: UploadedFile) -> None:
    validate_upload_name(uploaded.name or "")
    validate_upload_size(uploaded)
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    kind = next((k for sig, k in PHOTO_SIGNATURES.items() if data.startswith(sig)), None)
    if kind is None:
        raise ValidationError(_("ภาพต้องเป็นไฟล์ JPEG หรือ PNG"), code="not_photo")
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != kind or image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("ไฟล์ภาพไม่ถูกต้องหรือใหญ่เกินไป"), code="bad_photo")
            image.verify()
    except ValidationError:
        raise
    except Exception as exc:  # Pillow raises many kinds of error for a broken file
        raise ValidationError(_("ไฟล์ภาพเสียหาย เปิดอ่านไม่ได้"), code="bad_photo") from exc


def validate_document(uploaded: UploadedFile) -> None:
    name = (uploaded.name or "").lower()
    if name.endswith(".pdf"):
        validate_sar_pdf(uploaded)
    elif name.endswith(".docx"):
        validate_sar_docx(uploaded)
    else:
        raise ValidationError(_("รับเฉพาะไฟล์ PDF หรือ DOCX"), code="not_document")


def content_type_of(name: str) -> tuple[str, str]:
    """(content type, extension) of a stored file, from the name it was stored under."""
    extension = name.rsplit(".", 1)[-1].lower()
    return {
        "jpg": ("image/jpeg", "jpg"),
        "jpeg": ("image/jpeg", "jpg"),
        "png": ("image/png", "png"),
        "pdf": ("application/pdf", "pdf"),
        "docx": (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
    }.get(extension, ("application/octet-stream", extension))
