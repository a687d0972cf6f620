"""The national batch: every office's run started as one group, its progress counted
from the runs, the failed offices retried; the pages are the central superuser's."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from iqa_district.audit.models import AuditEntry
from sar.models import NationalBatch, SynthesisRun
from sar.synthesis import national, services
from tests.factories import central_superuser
from tests.sar.factories import make_district


@pytest.fixture(autouse=True)
def eager_celery():
    from iqa_district.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def district(office, cluster, other_office, academic_year):
    return make_district(office, cluster, other_office)


@pytest.fixture
def root(db):
    return central_superuser()


def _fail_for(monkeypatch, code):
    real = services.synthesis.synthesize

    def synthesize(office, *args, **kwargs):
        if office.code == code:
            raise RuntimeError("ข้อมูลเสีย")
        return real(office, *args, **kwargs)

    monkeypatch.setattr(services.synthesis, "synthesize", synthesize)


def test_a_batch_runs_every_office_as_a_group(
    district, office, other_office, academic_year, root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        batch = national.national_batch_start(academic_year=academic_year, actor=root)
    assert len(callbacks) == 1  # one group, not a message per office from the web process
    runs = {run.area_office.code: run for run in batch.runs.select_related("area_office")}
    assert set(runs) == {"UBN5", "SSK1"}
    assert {run.status for run in runs.values()} == {"done"}
    assert runs["UBN5"].school_count == 3
    assert runs["UBN5"].requested_by == root
    progress = national.national_batch_progress(batch)
    assert (progress.offices, progress.done, progress.failed, progress.running) == (2, 2, 0, 0)
    assert progress.finished and progress.percent == 100
    assert AuditEntry.objects.filter(actor=root, action="create").exists()


def test_an_office_already_running_is_left_to_finish(district, office, academic_year):
    own = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    batch = national.national_batch_start(academic_year=academic_year)
    assert [run.area_office.code for run in batch.runs.all()] == ["SSK1"]
    own.refresh_from_db()
    assert own.batch is None and own.status == "pending"


def test_only_a_superuser_starts_or_retries(district, academic_year, supervisor):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        national.national_batch_start(academic_year=academic_year, actor=supervisor)
    batch = NationalBatch.objects.create(academic_year=academic_year)
    with pytest.raises(PermissionDenied):
        national.national_batch_retry_failed(batch=batch, actor=supervisor)


def test_retry_runs_only_the_failed_offices_again(
    district, academic_year, root, monkeypatch, django_capture_on_commit_callbacks
):
    _fail_for(monkeypatch, "SSK1")
    with django_capture_on_commit_callbacks(execute=True):
        batch = national.national_batch_start(academic_year=academic_year, actor=root)
    progress = national.national_batch_progress(batch)
    assert (progress.done, progress.failed, progress.percent) == (1, 1, 100)
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        retried = national.national_batch_retry_failed(batch=batch, actor=root)
    assert [run.area_office.code for run in retried] == ["SSK1"]
    progress = national.national_batch_progress(batch)
    assert (progress.offices, progress.done, progress.failed) == (2, 2, 0)
    # The failed run is kept as history; the latest run of each office counts.
    assert batch.runs.count() == 3
    assert national.latest_runs(batch).filter(status="done").count() == 2
    assert AuditEntry.objects.filter(action="change", detail="retry: SSK1").exists()


def test_command_waits_and_says_how_to_retry(
    transactional_db, district, academic_year, monkeypatch, capsys
):
    # Transactional: the group is queued when the command's transaction commits.
    _fail_for(monkeypatch, "SSK1")
    with pytest.raises(CommandError, match="--retry-failed"):
        call_command("synthesize_national", "--year", "2567", "--wait")
    out = capsys.readouterr().out
    assert "ส่ง 2 เขตพื้นที่เข้าคิว" in out and "เสร็จใน" in out
    batch = NationalBatch.objects.get()
    monkeypatch.undo()
    call_command("synthesize_national", "--retry-failed", str(batch.pk), "--wait")
    assert "ส่งสังเคราะห์ใหม่ 1 เขตพื้นที่" in capsys.readouterr().out
    assert national.national_batch_progress(batch).done == 2
    with pytest.raises(CommandError):
        call_command("synthesize_national", "--year", "2599")


# Pages ------------------------------------------------------------------------------


def url(name, *args):
    return reverse(f"sar:{name}", args=args)


@pytest.fixture
def batch(district, academic_year, root, monkeypatch, django_capture_on_commit_callbacks):
    _fail_for(monkeypatch, "SSK1")
    with django_capture_on_commit_callbacks(execute=True):
        made = national.national_batch_start(academic_year=academic_year, actor=root)
    monkeypatch.undo()
    return made


def test_superuser_sees_the_batches_and_the_offices_progress(batch, root, as_user):
    client = as_user(root)
    page = client.get(url("national_batches")).content.decode()
    assert url("national_batch_detail", batch.pk) in page
    assert "national-start-form" in page and "data-confirm" in page
    page = client.get(url("national_batch_detail", batch.pk)).content.decode()
    assert "ทั้งหมด 2 เขตพื้นที่ · เสร็จสิ้น 1 · ล้มเหลว 1" in page
    assert "RuntimeError: ข้อมูลเสีย" in page  # the failed office says why
    assert 'id="national-retry-form"' in page and "data-confirm" in page
    failed_only = client.get(url("national_batch_detail", batch.pk), {"status": "failed"})
    assert "SSK1" in failed_only.content.decode()
    assert "UBN5</a>" not in failed_only.content.decode()


def test_progress_fragment_polls_until_the_batch_ends(batch, root, as_user, academic_year):
    client = as_user(root)
    response = client.get(url("national_batch_progress", batch.pk), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"  # finished: the page reloads once
    assert "hx-get" not in response.content.decode()
    SynthesisRun.objects.filter(batch=batch, area_office__code="SSK1").update(status="running")
    response = client.get(url("national_batch_progress", batch.pk), HTTP_HX_REQUEST="true")
    assert "HX-Refresh" not in response
    body = response.content.decode()
    assert "hx-get" in body and 'data-progress="50"' in body and "กำลังสังเคราะห์ 1" in body


def test_retry_button_requeues_the_failed(batch, root, as_user, django_capture_on_commit_callbacks):
    client = as_user(root)
    assert client.get(url("national_batch_retry", batch.pk)).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("national_batch_retry", batch.pk))
    assert response.status_code == 302
    assert national.national_batch_progress(batch).done == 2


def test_start_from_the_page(
    district, academic_year, root, as_user, django_capture_on_commit_callbacks
):
    client = as_user(root)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("national_batch_start"), {"academic_year": 2567})
    made = NationalBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("national_batch_detail", made.pk)
    assert national.national_batch_progress(made).done == 2
    assert client.post(url("national_batch_start"), {"academic_year": 1999}).status_code == 400


@pytest.mark.parametrize("persona", ["district_admin", "supervisor", "executive", "school_staff"])
def test_office_roles_are_refused(batch, persona, request, as_user):
    client = as_user(request.getfixturevalue(persona))
    for name, args in [
        ("national_batches", ()),
        ("national_batch_detail", (batch.pk,)),
        ("national_batch_progress", (batch.pk,)),
    ]:
        assert client.get(url(name, *args)).status_code == 403, name
    assert client.post(url("national_batch_retry", batch.pk)).status_code == 403
    assert client.post(url("national_batch_start"), {"academic_year": 2567}).status_code == 403
    assert batch.runs.count() == 2


def test_anonymous_is_sent_to_login(batch, client):
    for response in (
        client.get(url("national_batches")),
        client.get(url("national_batch_detail", batch.pk)),
        client.post(url("national_batch_retry", batch.pk)),
    ):
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_unknown_batch_is_404(root, as_user, db):
    assert as_user(root).get(url("national_batch_detail", 999)).status_code == 404
