"""Checks of uploaded SAR files by their content, never by their name.

The signed PDF is the legal document and the DOCX its editable source; both come from
outside, so each is opened and inspected before anything is stored: a PNG renamed
``.pdf``, a truncated or password-protected PDF, a ZIP that is not a Word document, a
DOCX with macros or one that would expand to gigabytes are all refused with a Thai
message the school can act on.
"""

import io
import logging
import re
import stat
import zipfile
import zlib
from typing import Any

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
    try:
        active = pdf_active_content(data, reader)
    except Exception as exc:  # a file pypdf opened but cannot walk is not trusted
        raise ValidationError(
            _("ไฟล์ PDF เสียหายหรือไม่สมบูรณ์ เปิดอ่านไม่ได้ โปรดสร้างไฟล์ PDF ใหม่แล้วอัปโหลดอีกครั้ง"),
            code="corrupt_pdf",
        ) from exc
    if active:
        raise ValidationError(
            _(
                "ไฟล์ PDF นี้มีเนื้อหาที่สั่งงานได้เอง (เช่น JavaScript ลิงก์ไปเว็บไซต์ภายนอก "
                "คำสั่งเปิดโปรแกรม หรือไฟล์แนบที่ฝังไว้: %(found)s) ซึ่งอาจเป็นอันตรายต่อผู้เปิดอ่าน "
                "ระบบจึงไม่รับไฟล์นี้ โปรดสั่งพิมพ์เป็น PDF ใหม่ (Print to PDF) แล้วอัปโหลดอีกครั้ง"
            ),
            code="active_pdf",
            params={"found": ", ".join(sorted(name.lstrip("/") for name in active))},
        )


def _unsafe_entry(info: zipfile.ZipInfo) -> bool:
    """An entry that would land outside the folder it is unpacked into, or a symlink."""
    name = info.filename
    if "\\" in name or "\x00" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return True
    if ".." in name.split("/"):
        return True
    return stat.S_ISLNK(info.external_attr >> 16)


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
    if any(_unsafe_entry(info) for info in infos):
        raise ValidationError(
            _(
                "ไฟล์ .docx นี้มีส่วนประกอบที่ชี้ออกนอกเอกสาร (ชื่อมี .. หรือเป็นลิงก์) "
                "อาจเป็นไฟล์อันตราย ระบบจึงไม่รับไฟล์นี้ โปรดบันทึกเป็น .docx ใหม่แล้วอัปโหลดอีกครั้ง"
            ),
            code="unsafe_entry",
        )
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


# -- Active content in PDFs -------------------------------------------------------------
# A PDF can carry code and ways out: JavaScript, actions that open a web address or run a
# program, files hidden inside, XFA forms, Flash. A SAR is republished to the public, so
# none of it is accepted. Two independent looks at the file: pypdf's parse (every object
# in the cross-reference table, object streams decoded, ``#xx`` escapes in names undone)
# and a scan of the raw tokens (objects a viewer would recover although no table lists
# them), each enough to refuse.

# Action types that leave the document or run something (ISO 32000-2, 12.6.4).
ACTIVE_ACTION_TYPES = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/URI",
        "/GoToR",
        "/GoToE",
        "/ImportData",
        "/SubmitForm",
        "/Rendition",
        "/Movie",
        "/Sound",
        "/RichMediaExecute",
    }
)
# Annotation types that carry a file or a player.
ACTIVE_ANNOTATION_TYPES = frozenset(
    {"/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen", "/3D"}
)
# Dictionary keys that hold code, embedded files or an XFA form wherever they appear.
ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/EmbeddedFiles", "/EF", "/XFA", "/RichMediaContent"}
)
# Names the raw scan refuses on sight: none of them appears in a plain document.
ACTIVE_RAW_NAMES = ACTIVE_KEYS | ACTIVE_ANNOTATION_TYPES | ACTIVE_ACTION_TYPES | {"/EmbeddedFile"}

_NAME_TOKEN = re.compile(rb"/[^\s/<>\[\]()%{}\x00]*")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM_BODY = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
_MAX_OBJECT_STREAM_BYTES = 50 * 1024 * 1024


def _raw_names(data: bytes) -> set[str]:
    """Every name token in ``data`` with its ``#xx`` escapes undone."""
    names = set()
    for token in _NAME_TOKEN.findall(data):
        decoded = _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), token)
        names.add(decoded.decode("latin-1"))
    return names


def _raw_active_names(data: bytes) -> set[str]:
    """Active names among the dictionaries of the raw file and of its object streams.

    Stream bodies (page content, images, fonts) are left out, since names in them are
    drawing operators and binary noise; object streams are the exception, as they hold
    dictionaries, and are inflated when they use plain Flate compression."""
    outside = []
    position = 0
    for match in _STREAM_BODY.finditer(data):
        head = data[position : match.start()]
        outside.append(head)
        position = match.end()
        dictionary = head[head.rfind(b"obj") :] if b"obj" in head else head[-2000:]
        if "/ObjStm" in _raw_names(dictionary):
            try:
                inflater = zlib.decompressobj()
                outside.append(inflater.decompress(match.group(1), _MAX_OBJECT_STREAM_BYTES))
            except zlib.error:
                pass  # another filter: the parse below decodes it
    outside.append(data[position:])
    found = set()
    for part in outside:
        found |= _raw_names(part) & ACTIVE_RAW_NAMES
    return found


def _parsed_active_names(reader: Any) -> set[str]:
    """Active content among every object pypdf can resolve, compressed ones included."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    found: set[str] = set()
    seen: set[int] = set()

    def visit(node: Any, depth: int = 0) -> None:
        if depth > 100 or id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, DictionaryObject):
            found.update(key for key in node if key in ACTIVE_KEYS)
            action = node.get("/S")
            if action in ACTIVE_ACTION_TYPES:
                found.add(str(action))
            if node.get("/Subtype") in ACTIVE_ANNOTATION_TYPES:
                found.add(str(node["/Subtype"]))
            if node.get("/Type") == "/EmbeddedFile":
                found.add("/EmbeddedFile")
            values = list(node.values())
        elif isinstance(node, ArrayObject):
            values = list(node)
        else:
            return
        for value in values:
            if not isinstance(value, IndirectObject):  # indirect ones are visited below
                visit(value, depth + 1)

    numbers: set[tuple[int, int]] = set()
    for generation, objects in reader.xref.items():
        numbers.update((number, generation) for number in objects)
    numbers.update((number, 0) for number in reader.xref_objStm)
    visit(reader.trailer)
    for number, generation in sorted(numbers):
        try:
            obj = reader.get_object(IndirectObject(number, generation, reader))
        except Exception:  # a dangling entry (pypdf raises many kinds) holds nothing
            obj = None
        visit(obj)
    return found


def pdf_active_content(data: bytes, reader: Any = None) -> set[str]:
    """The kinds of active content in the PDF ``data`` (empty for a plain document)."""
    import pypdf

    found = _raw_active_names(data)
    if reader is None:
        reader = pypdf.PdfReader(io.BytesIO(data))
    return found | _parsed_active_names(reader)
