"""Every official PDF the demo data can produce (demo_documents.py) passes the official
checks of tools.py: Sarabun only, page 1 not blank (its PNG kept in test-artifacts/),
text read back, no glyph in the 3 cm / 2 cm side margins or across a cell border, no
figures drawn over each other, and Thai numerals only (issue 12 items 4, 5 and 7)."""

import io

import pytest
from django.core.management import call_command

from schools.models import AreaOffice

from .demo_documents import ALLOWED_DIGITS, demo_documents
from .tools import check_official_pdf, pdftotext_pages, squash

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_office():
    call_command("seed_demo", stdout=io.StringIO())
    return AreaOffice.objects.get()


def test_every_official_pdf_of_the_demo_passes_the_official_checks(demo_office):
    documents = dict(demo_documents(demo_office))
    # The synthesis, its cover memo, the orders, both visit forms of each process and
    # the two district reports: a document missing here would go unchecked.
    kinds = {name.rsplit("-", 1)[0] for name in documents}
    assert {
        "demo-synthesis",
        "demo-synthesis-memo",
        "demo-committee-order",
        "demo-district-report-p1",
        "demo-district-report-p2",
        "demo-login",
        "demo-district-report-p2-published",
        "demo-synthesis-sent-obec",
        "demo-onesqa-synthesis",
        "demo-plan",
        "demo-action-plan",
        "demo-plan-evaluation",
        "demo-office-assessment",
    } <= kinds
    assert sum(name.startswith("demo-visit-report-") for name in documents) >= 3
    # The sections issue 13 added: the issues to be evaluated in the synthesis, the
    # district's conclusion and acceleration measures in the published ๗.๓.
    expected = {
        "demo-synthesis": ["ประเด็นที่ต้องการให้มีการประเมินผลและการติดตามตรวจสอบ"],
        "demo-district-report-p2-published": ["จัดคลังสื่อและแบบฝึกคณิตศาสตร์"],
    }
    failures = []
    for name, pdf in documents.items():
        try:
            check_official_pdf(
                pdf,
                name,
                allowed_digits=ALLOWED_DIGITS.get(name, ()),
                expect_text=expected.get(name.rsplit("-", 1)[0], ()),
            )
        except AssertionError as error:
            failures.append(f"{name}: {error}")
    assert not failures, "\n\n".join(failures)


def test_the_synthesis_groups_items_under_the_standards_headings(demo_office):
    name, pdf = next(
        (name, pdf)
        for name, pdf in demo_documents(demo_office)
        if name.startswith("demo-synthesis-")
    )
    text = squash("".join(pdftotext_pages(pdf)))
    for heading in ("๑.๑ ผลสัมฤทธิ์ทางวิชาการของผู้เรียน", "๑.๒ คุณลักษณะที่พึงประสงค์ของผู้เรียน"):
        assert squash(heading) in text, (name, heading)
