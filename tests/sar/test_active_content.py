"""Active content in uploads: a corpus of hostile PDFs is refused, a corpus of plain
ones (internal links, forms without script, Thai text, images, incremental updates)
is accepted; DOCX entries that point outside the package are refused."""

import io
import zipfile

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sar.validators import (
    _parsed_active_names,
    _raw_active_names,
    validate_sar_docx,
    validate_sar_pdf,
)

from .factories import docx_bytes, editor_post_data
from .pdf_corpus import benign_corpus, hostile_corpus

HOSTILE = hostile_corpus()
BENIGN = benign_corpus()


def test_the_corpus_is_large_enough():
    assert len(HOSTILE) >= 30
    assert len(BENIGN) >= 20


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_hostile_pdf_is_refused(case):
    with pytest.raises(ValidationError) as caught:
        validate_sar_pdf(SimpleUploadedFile("sar.pdf", HOSTILE[case]))
    assert caught.value.code == "active_pdf"
    assert "เนื้อหาที่สั่งงานได้เอง" in caught.value.messages[0]


@pytest.mark.parametrize("case", BENIGN, ids=list(BENIGN))
def test_benign_pdf_is_accepted(case):
    validate_sar_pdf(SimpleUploadedFile("sar.pdf", BENIGN[case]))


def test_each_look_catches_what_the_other_misses():
    # ASCIIHex over Flate hides the object stream from the raw scan; pypdf decodes it.
    hidden = HOSTILE["JavaScript in hex-filtered object stream"]
    assert not _raw_active_names(hidden)
    assert "/JavaScript" in _parsed_active_names(pypdf.PdfReader(io.BytesIO(hidden)))
    # An object no cross-reference table lists is invisible to the parse.
    orphan = HOSTILE["object outside the xref table"]
    assert not _parsed_active_names(pypdf.PdfReader(io.BytesIO(orphan)))
    assert "/JavaScript" in _raw_active_names(orphan)


def test_escaped_names_are_decoded():
    assert "/JavaScript" in _raw_active_names(HOSTILE["escaped JavaScript name"])
    assert "/JS" in _raw_active_names(HOSTILE["escaped JS key"])


def test_hostile_pdf_through_the_editor_keeps_the_form(
    as_user, sar, school_staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    data = editor_post_data(sar, innovations="ต้องไม่หาย")
    data["pdf"] = SimpleUploadedFile("sar.pdf", HOSTILE["OpenAction JavaScript"])
    response = as_user(school_staff).post(reverse("sar:edit", args=[sar.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "เนื้อหาที่สั่งงานได้เอง" in html and "JavaScript" in html
    assert "ต้องไม่หาย" in html
    sar.refresh_from_db()
    assert not sar.latest_version.pdf
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*.pdf"))


def docx_with_entry(name, *, symlink=False):
    buffer = io.BytesIO(docx_bytes())
    with zipfile.ZipFile(buffer, "a") as archive:
        info = zipfile.ZipInfo(name)
        if symlink:
            info.external_attr = (0o120777 << 16) | 0
            info.create_system = 3
        archive.writestr(info, "/etc/passwd" if symlink else "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "symlink"),
    [
        ("../../evil.sh", False),
        ("word/../../evil.xml", False),
        ("/etc/cron.d/evil", False),
        ("word\\..\\..\\evil.xml", False),
        ("C:/Windows/evil.dll", False),
        ("word/media/link.png", True),
    ],
)
def test_docx_entries_outside_the_package_are_refused(name, symlink):
    with pytest.raises(ValidationError) as caught:
        validate_sar_docx(SimpleUploadedFile("sar.docx", docx_with_entry(name, symlink=symlink)))
    assert caught.value.code == "unsafe_entry"


def test_docx_with_ordinary_parts_is_accepted():
    validate_sar_docx(SimpleUploadedFile("sar.docx", docx_with_entry("word/media/image1.png")))
