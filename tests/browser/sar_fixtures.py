"""Setup for the SAR browser journeys: the national standard sets, the demo school's
SAR in a given state (through ``sar.services``), and small real files to upload.

Browser tests run in transactions that end with a flush, which also empties the rows the
standards data migration loaded; ``national_standards`` loads them again (the migration's
own ``load`` matches rows on their codes, so this is harmless when they are there).
"""

import importlib
import struct
import zlib

import pytest
from django.apps import apps

from sar import services
from schools.models import AcademicYear
from standards.models import StandardSet
from tests.sar.factories import fill_version, pdf_bytes

SAR_PDF_NAME = "SAR-2569-ลงนามแล้ว.pdf"


def png_bytes():
    """A real 1x1 PNG image."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="session")
def sar_pdf(tmp_path_factory):
    """A small, real, two-page PDF on disk (for ``set_input_files``) and its bytes."""
    data = pdf_bytes(pages=2)
    path = tmp_path_factory.mktemp("sar-upload") / SAR_PDF_NAME
    path.write_bytes(data)
    return path, data


@pytest.fixture
def national_standards(transactional_db):
    if StandardSet.objects.filter(code__in=["MOE2561-BASIC", "MOE2561-ECE"]).count() != 2:
        migration = importlib.import_module("standards.migrations.0002_load_standard_sets")
        migration.load(apps, None)
    return StandardSet.objects.filter(code__in=["MOE2561-BASIC", "MOE2561-ECE"])


@pytest.fixture
def sar_world(demo_district, national_standards):
    """The demo office and logins, the current year, and the two demo schools."""
    office, users = demo_district
    return {
        "office": office,
        "users": users,
        "year": AcademicYear.objects.current(),
        "school": users["school"].school,
        "school2": users["school2"].school,
    }


def open_sar(world, who="school"):
    user = world["users"][who]
    return services.sar_open(school=user.school, academic_year=world["year"], actor=user)


def submitted_sar(world, who="school", *, level=4):
    """The school's SAR filled in (every level ``level``, a PDF) and sent."""
    report = open_sar(world, who)
    fill_version(report.latest_version, level=level)
    services.sar_submit(report=report, actor=world["users"][who])
    report.refresh_from_db()
    return report


def accepted_sar(world, who="school"):
    report = submitted_sar(world, who)
    services.sar_accept(report=report, actor=world["users"]["supervisor"])
    report.refresh_from_db()
    return report
