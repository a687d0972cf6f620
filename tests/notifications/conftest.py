import pytest


@pytest.fixture(autouse=True)
def eager_celery():
    """The e-mail tasks run in-process here, even when REDIS_URL is set."""
    from iqa_district.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def mailed(django_capture_on_commit_callbacks):
    """``with mailed(): ...`` runs the on-commit callbacks (the queued e-mails)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
