import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sar import services
from sar.models import HelpNeed, SAREvent, SelfAssessmentReport
from standards.models import Item, QualityLevel, Standard

from .factories import fill_version, pdf_bytes

Status = SelfAssessmentReport.Status
Action = SAREvent.Action


def test_open_creates_version_1_with_applicable_items(sar, school, academic_year, school_staff):
    version = sar.latest_version
    assert version.number == 1
    assert sar.status == Status.DRAFT
    expected_items = set(
        services.applicable_items(school, academic_year).values_list("pk", flat=True)
    )
    assert set(version.item_results.values_list("item_id", flat=True)) == expected_items
    # Headings are not assessed; only leaves get a row.
    headings = Item.objects.filter(
        is_assessed=False, standard__standard_set__code__startswith="TEST"
    )
    assert headings.exists()
    assert not version.item_results.filter(item__in=headings).exists()
    expected_standards = set(
        services.applicable_standards(school, academic_year).values_list("pk", flat=True)
    )
    assert set(version.standard_results.values_list("standard_id", flat=True)) == expected_standards
    event = sar.events.get()
    assert (event.action, event.actor) == (Action.CREATED, school_staff)


def test_open_is_idempotent(sar, school, academic_year, school_staff):
    again = services.sar_open(school=school, academic_year=academic_year, actor=school_staff)
    assert again.pk == sar.pk
    assert SelfAssessmentReport.objects.count() == 1


def test_open_for_a_school_without_ece_skips_ece_sets(
    school, academic_year, school_staff, test_standards
):
    school.offers_ece = False
    school.save()
    report = services.sar_open(school=school, academic_year=academic_year, actor=school_staff)
    assert not report.latest_version.standard_results.filter(
        standard__standard_set__level="ece"
    ).exists()


def test_open_for_another_school_is_refused(school2, academic_year, school_staff, test_standards):
    with pytest.raises(PermissionDenied):
        services.sar_open(school=school2, academic_year=academic_year, actor=school_staff)


def test_save_draft_writes_everything_and_bumps_lock(sar, school_staff):
    version = sar.latest_version
    item = version.item_results.first()
    std = version.standard_results.first()
    services.sar_save_draft(
        report=sar,
        actor=school_staff,
        lock_version=0,
        innovations="โครงการห้องเรียนคุณภาพ",
        item_results={item.item_id: {"result_percent": 82.5, "level": QualityLevel.GOOD}},
        standard_results={std.standard_id: {"level": 4, "strengths": " อ่านคล่อง "}},
        help_needs=[("curriculum", "ต้องการวิทยากร"), ("budget", "  "), ("technology", "คอมพิวเตอร์")],
    )
    sar.refresh_from_db()
    assert sar.lock_version == 1
    item.refresh_from_db()
    std.refresh_from_db()
    assert (float(item.result_percent), item.level) == (82.5, QualityLevel.GOOD)
    assert (std.level, std.strengths) == (4, "อ่านคล่อง")
    assert sorted(version.help_needs.values_list("category", flat=True)) == [
        "curriculum",
        "technology",
    ]
    assert sar.events.filter(action=Action.SAVED, actor=school_staff).exists()


def test_save_draft_with_stale_lock_is_refused_and_changes_nothing(sar, school_staff):
    services.sar_save_draft(report=sar, actor=school_staff, lock_version=0, innovations="ก")
    with pytest.raises(services.StaleSARError) as exc:
        services.sar_save_draft(report=sar, actor=school_staff, lock_version=0, innovations="ข")
    assert "ข้อมูลที่ท่านกรอกยังอยู่ในหน้านี้" in exc.value.message
    assert sar.latest_version.innovations == "ก"


def test_save_draft_by_other_school_or_supervisor_is_refused(sar, school_staff2, supervisor):
    for actor in (school_staff2, supervisor):
        with pytest.raises(PermissionDenied):
            services.sar_save_draft(report=sar, actor=actor, lock_version=0, innovations="x")


def test_save_draft_rejects_a_bad_pdf_and_stores_nothing(sar, school_staff, settings):
    bad = SimpleUploadedFile("sar.pdf", b"<html>not a pdf</html>")
    with pytest.raises(ValidationError):
        services.sar_save_draft(
            report=sar, actor=school_staff, lock_version=0, innovations="x", pdf=bad
        )
    version = sar.latest_version
    assert not version.pdf and version.innovations == ""
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.*"))


def test_submit_lists_what_is_missing_in_thai(sar, school_staff):
    with pytest.raises(services.IncompleteSARError) as exc:
        services.sar_submit(report=sar, actor=school_staff)
    missing = " | ".join(exc.value.missing)
    assert "แนบไฟล์ SAR (PDF) ที่ลงนามแล้ว" in missing
    assert "วันที่คณะกรรมการสถานศึกษาให้ความเห็นชอบ" in missing
    assert "ระบุระดับคุณภาพของประเด็น 1.1.1" in missing
    assert "ระบุจุดเด่นของมาตรฐานที่ 1" in missing
    assert "ระบุจุดที่ควรพัฒนาของมาตรฐานที่ 2" in missing
    sar.refresh_from_db()
    assert sar.status == Status.DRAFT


def test_submit_freezes_the_version(sar, school_staff):
    fill_version(sar.latest_version)
    version = services.sar_submit(report=sar, actor=school_staff)
    sar.refresh_from_db()
    assert sar.status == Status.SUBMITTED
    assert version.is_frozen and version.submitted_by == school_staff
    assert sar.first_submitted_at == sar.last_submitted_at == version.submitted_at
    with pytest.raises(services.SARError):
        services.sar_save_draft(report=sar, actor=school_staff, lock_version=sar.lock_version)


def test_return_needs_a_comment_and_a_reviewer(sar, school_staff, supervisor, executive):
    fill_version(sar.latest_version)
    services.sar_submit(report=sar, actor=school_staff)
    with pytest.raises(ValidationError):
        services.sar_return(report=sar, actor=supervisor, comment="  ")
    for actor in (executive, school_staff):
        with pytest.raises(PermissionDenied):
            services.sar_return(report=sar, actor=actor, comment="แก้ไข")
    services.sar_return(report=sar, actor=supervisor, comment="โปรดแนบหลักฐานมาตรฐานที่ 2")
    sar.refresh_from_db()
    assert sar.status == Status.RETURNED
    assert sar.return_comment == "โปรดแนบหลักฐานมาตรฐานที่ 2"


def test_other_office_supervisor_cannot_review(sar, school_staff, other_supervisor):
    fill_version(sar.latest_version)
    services.sar_submit(report=sar, actor=school_staff)
    with pytest.raises(PermissionDenied):
        services.sar_accept(report=sar, actor=other_supervisor)


def test_resubmission_creates_version_2_and_keeps_version_1(sar, school_staff, supervisor):
    v1 = fill_version(sar.latest_version, level=QualityLevel.GOOD)
    services.sar_submit(report=sar, actor=school_staff)
    HelpNeed.objects.create(version=v1, category="budget", description="งบซ่อมอาคาร")
    services.sar_return(report=sar, actor=supervisor, comment="ปรับระดับมาตรฐาน")
    sar.refresh_from_db()
    standard_id = v1.standard_results.first().standard_id
    v2 = services.sar_save_draft(
        report=sar,
        actor=school_staff,
        lock_version=sar.lock_version,
        standard_results={standard_id: {"level": 5, "strengths": "ดีเด่น", "improvements": "x"}},
    )
    assert v2.number == 2 and not v2.is_frozen
    assert v2.pdf.name == v1.pdf.name  # the signed file carries over
    assert v2.help_needs.get().description == "งบซ่อมอาคาร"
    v1.refresh_from_db()
    assert v1.standard_results.get(standard_id=standard_id).level == QualityLevel.GOOD
    services.sar_submit(report=sar, actor=school_staff)
    services.sar_accept(report=sar, actor=supervisor)
    sar.refresh_from_db()
    assert sar.status == Status.ACCEPTED
    assert sar.latest_submitted_version == v2
    assert [(v.number, v.is_frozen) for v in sar.versions.all()] == [(1, True), (2, True)]
    actions = list(sar.events.values_list("action", flat=True))
    assert actions == [
        Action.CREATED,
        Action.SUBMITTED,
        Action.RETURNED,
        Action.REVISED,
        Action.SAVED,
        Action.SUBMITTED,
        Action.ACCEPTED,
    ]
    changes = {c.label: c for c in services.level_changes(v1, v2) if c.level_changed}
    assert len(changes) == 1
    (change,) = changes.values()
    assert (change.old, change.new, change.direction) == (3, 5, 1)


def test_replacing_the_pdf_on_version_2_keeps_version_1_file(sar, school_staff, supervisor):
    v1 = fill_version(sar.latest_version)
    services.sar_submit(report=sar, actor=school_staff)
    services.sar_return(report=sar, actor=supervisor, comment="แนบไฟล์ที่ลงนามครบ")
    sar.refresh_from_db()
    v2 = services.sar_save_draft(
        report=sar,
        actor=school_staff,
        lock_version=sar.lock_version,
        pdf=SimpleUploadedFile("ใหม่.pdf", pdf_bytes(2)),
    )
    assert v2.pdf.name != v1.pdf.name
    assert v1.pdf.storage.exists(v1.pdf.name)
    assert v2.pdf_original_name == "ใหม่.pdf"


def test_accept_only_from_submitted(sar, supervisor):
    with pytest.raises(services.SARError):
        services.sar_accept(report=sar, actor=supervisor)


def test_set_public_by_school_and_supervisor(sar, school_staff, supervisor, school_staff2):
    services.sar_set_public(report=sar, actor=school_staff, is_public=False)
    sar.refresh_from_db()
    assert not sar.is_public
    services.sar_set_public(report=sar, actor=supervisor, is_public=True)
    sar.refresh_from_db()
    assert sar.is_public
    with pytest.raises(PermissionDenied):
        services.sar_set_public(report=sar, actor=school_staff2, is_public=False)
    assert sar.events.filter(action=Action.VISIBILITY).count() == 2


def test_standard_sets_outside_their_years_are_not_applied(school, academic_year, school_staff):
    from tests.standards.factories import ItemFactory, StandardFactory, StandardSetFactory

    future = StandardSetFactory(level="basic", valid_from_year=academic_year.year + 1)
    ItemFactory(standard=StandardFactory(standard_set=future, number=1), code="9.9")
    report = services.sar_open(school=school, academic_year=academic_year, actor=school_staff)
    assert not report.latest_version.standard_results.filter(
        standard__in=Standard.objects.filter(standard_set=future)
    ).exists()


def test_replacing_a_draft_pdf_deletes_the_old_file(
    sar, school_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.sar_save_draft(
            report=sar,
            actor=school_staff,
            lock_version=0,
            pdf=SimpleUploadedFile("a.pdf", pdf_bytes()),
        )
    old_name = first.pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        second = services.sar_save_draft(
            report=sar,
            actor=school_staff,
            lock_version=1,
            pdf=SimpleUploadedFile("b.pdf", pdf_bytes(2)),
        )
    assert second.pdf.name != old_name
    assert not second.pdf.storage.exists(old_name)
    assert second.pdf.storage.exists(second.pdf.name)
