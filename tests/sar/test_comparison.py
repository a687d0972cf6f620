"""Comparison of two fixed SAR versions, field by field: item percent and level against the
year's target, standard levels, each narrative field as a Thai word diff, help needs, the
signed PDF; and the reviewer of a resubmission sees the diff against the version they
returned, with their comment."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from sar.comparison import compare_versions, word_diff
from sar.models import (
    HelpNeed,
    ItemResult,
    SAREvent,
    SARVersion,
    SelfAssessmentReport,
    StandardResult,
)
from tests.sar.factories import make_framework, make_target, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def resubmitted(school, academic_year, supervisor):
    """Version 1 returned with a comment; version 2 raised 1.1.1 from 75.45 to 80.00 at the
    same level, rewrote a sentence, changed a need and kept the same signed PDF."""
    f = make_framework()
    now = timezone.now()
    report = SelfAssessmentReport.objects.create(
        school=school,
        academic_year=academic_year,
        status=SelfAssessmentReport.Status.SUBMITTED,
        first_submitted_at=now,
        last_submitted_at=now,
    )
    make_target(school, academic_year.year, f["1.1.1"], 4, 80)
    texts = {
        1: "ผู้เรียนอ่านออกเขียนได้ทุกคน",
        2: "ผู้เรียนอ่านคล่องเขียนคล่องทุกคน",
    }
    versions = {}
    for number, percent in ((1, Decimal("75.45")), (2, Decimal("80.00"))):
        version = SARVersion.objects.create(
            report=report,
            number=number,
            submitted_at=now,
            board_approved_on=datetime.date(2025, 5, 20),
        )
        version.pdf.save(f"v{number}.pdf", ContentFile(pdf_bytes()), save=True)
        ItemResult.objects.create(version=version, item=f["1.1.1"], result_percent=percent, level=4)
        ItemResult.objects.create(
            version=version, item=f["2.1"], result_percent=90, level=3 if number == 1 else 5
        )
        StandardResult.objects.create(
            version=version,
            standard=f["B1"],
            level=4,
            strengths=texts[number],
            improvements="ควรพัฒนาการคิดวิเคราะห์",
        )
        HelpNeed.objects.create(version=version, category="budget", description="งบซ่อมอาคาร")
        HelpNeed.objects.create(
            version=version,
            category="teacher",
            description="อบรมครูด้านการวัดผล" if number == 1 else "อบรมครูด้านสะเต็ม",
        )
        versions[number] = version
    SAREvent.objects.create(
        report=report,
        version=versions[1],
        actor=supervisor,
        action=SAREvent.Action.RETURNED,
        comment="ผลร้อยละประเด็น 1.1.1 ไม่ถึงค่าเป้าหมาย กรุณาตรวจสอบ",
    )
    return report, versions, f


def test_comparison_field_by_field(resubmitted):
    report, v, f = resubmitted
    c = compare_versions(v[1], v[2])

    items = {i.label.split()[0]: i for i in c.items}
    reading = items["1.1.1"]
    assert (reading.old_percent, reading.new_percent) == (Decimal("75.45"), Decimal("80.00"))
    assert (reading.old, reading.new) == (4, 4)
    assert reading.changed and not reading.level_changed and reading.direction == 1
    assert (reading.old_met, reading.new_met) == (False, True)
    assert items["2.1"].level_changed and items["2.1"].direction == 1

    (standard,) = c.standards
    assert not standard.change.changed
    strengths = next(t for t in standard.texts if t.label == "จุดเด่น")
    assert strengths.changed
    assert strengths.segments == [
        ("equal", "ผู้เรียนอ่าน"),
        ("delete", "ออก"),
        ("insert", "คล่อง"),
        ("equal", "เขียน"),
        ("delete", "ได้"),
        ("insert", "คล่อง"),
        ("equal", "ทุกคน"),
    ]
    assert not next(t for t in standard.texts if t.label == "จุดที่ควรพัฒนา").changed

    assert c.needs_added == [("การพัฒนาครูและบุคลากร", "อบรมครูด้านสะเต็ม")]
    assert c.needs_removed == [("การพัฒนาครูและบุคลากร", "อบรมครูด้านการวัดผล")]
    assert c.needs_kept == 1
    assert c.pdf_changed is False  # the same bytes uploaded again
    # 1.1.1, 2.1, the standard's strengths, one need added, one removed
    assert c.changed_count == 5


def test_a_new_pdf_counts_as_changed(resubmitted):
    _report, v, _f = resubmitted
    v[2].pdf.save("v2b.pdf", ContentFile(pdf_bytes(pages=2)), save=True)
    assert compare_versions(v[1], v[2]).pdf_changed is True


def test_word_diff_keeps_thai_words_whole():
    # newmm cuts ห้องสมุด and ห้องปฏิบัติการ as words: the whole word is replaced, not
    # "ห้อง" kept and a fragment swapped.
    segments = word_diff("โรงเรียนมีห้องสมุด", "โรงเรียนมีห้องปฏิบัติการ")
    assert segments == [
        ("equal", "โรงเรียนมี"),
        ("delete", "ห้องสมุด"),
        ("insert", "ห้องปฏิบัติการ"),
    ]
    assert "".join(t for op, t in segments if op != "delete") == "โรงเรียนมีห้องปฏิบัติการ"
    assert "".join(t for op, t in segments if op != "insert") == "โรงเรียนมีห้องสมุด"


def test_reviewer_sees_the_diff_against_the_returned_version_with_comment(
    as_user, supervisor, resubmitted
):
    report, v, _f = resubmitted
    client = as_user(supervisor)
    detail = client.get(reverse("sar:detail", args=[report.pk])).content.decode()
    assert 'id="resubmission"' in detail
    assert "?a=1&amp;b=2" in detail

    response = client.get(reverse("sar:compare", args=[report.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert (response.context["old"].number, response.context["new"].number) == (1, 2)
    assert "ผลร้อยละประเด็น 1.1.1 ไม่ถึงค่าเป้าหมาย" in html
    assert "75.45" in html and "80.00" in html
    assert 'class="diff-ins"' in html and 'class="diff-del"' in html
    assert "เปลี่ยนแปลง 5 รายการ" in html
    assert "ไฟล์เดิม" in html


def test_compare_permissions(
    as_user, client, school_staff, school_staff2, committee_member, other_supervisor, resubmitted
):
    report, _v, _f = resubmitted
    url = reverse("sar:compare", args=[report.pk])
    assert as_user(school_staff).get(url).status_code == 200
    assert as_user(school_staff2).get(url).status_code == 404
    assert as_user(other_supervisor).get(url).status_code == 404
    assert as_user(committee_member).get(url).status_code == 403
    assert client.logout() is None
    assert client.get(url).status_code == 302
