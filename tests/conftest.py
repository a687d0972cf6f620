"""Shared fixtures: the personas every view test uses, and the service policy.

Personas: a district admin, a supervisor, an executive, two school staff of different
schools, a committee member (all of one office), a supervisor of another office, and
anonymous (the plain ``client``). ``as_user(user)`` gives a client logged in as one.

Services: under CI (``CI=true``) the suite must run on PostgreSQL with a real Redis, and
refuses to start without them; elsewhere it runs on SQLite and the tests that need Redis
or Chromium skip themselves.
"""

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings

from iqa_district.accounts.models import User
from tests.factories import (
    AcademicYearFactory,
    AreaOfficeFactory,
    ClusterFactory,
    SchoolFactory,
    UserFactory,
)

pytest_plugins = ["tests.browser_fixtures"]

UNDER_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _reachable(url, default_port):
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def pytest_sessionstart(session):
    if not UNDER_CI:
        return
    engine = settings.DATABASES["default"]["ENGINE"]
    problems = []
    if engine != "django.db.backends.postgresql":
        problems.append(f"CI must test on PostgreSQL (DATABASE_URL), not {engine}")
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url or not _reachable(redis_url, 6379):
        problems.append(f"CI needs a reachable Redis at REDIS_URL (got {redis_url!r})")
    if not os.path.exists(CHROMIUM):
        problems.append(f"CI needs Chromium at {CHROMIUM} for the browser tests")
    if not shutil.which("pdftotext") or not shutil.which("pdffonts"):
        problems.append("CI needs poppler-utils (pdftotext, pdffonts)")
    if problems:
        raise pytest.UsageError("Refusing to run the suite under CI:\n- " + "\n- ".join(problems))


def pytest_configure(config):
    """Tasks run eagerly in the test process when there is no Redis (the embedded default,
    where `make run` has a worker on a folder broker instead), unless
    CELERY_TASK_ALWAYS_EAGER says otherwise; tests/core/test_embedded_worker.py runs the
    real worker."""
    if os.environ.get("REDIS_URL") or "CELERY_TASK_ALWAYS_EAGER" in os.environ:
        return
    from iqa_district.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_BROKER_URL = "memory://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    app.conf.update(task_always_eager=True, broker_url="memory://", broker_transport_options={})


# What data migrations load (reference data every office shares). Transactional tests
# (live server, real Celery worker) end with a flush that empties these tables too, so
# each transactional test loads them again first; the loaders are idempotent. Serialized
# rollback cannot do it: once Playwright runs an event loop in the main thread, Django
# hands out a fresh connection object without the serialized copy.
REFERENCE_DATA_LOADERS = [
    ("standards.migrations.0002_load_standard_sets", "load"),
    ("supervision.migrations.0002_seed_form_templates", "seed"),
    ("supervision.migrations.0010_rubric_components_and_example_descriptors", "mark"),
    ("supervision.migrations.0013_onesqa_readiness_form", "seed"),
]


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    if not {"transactional_db", "live_server"} & set(request.fixturenames):
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.apps import apps

    for module, function in REFERENCE_DATA_LOADERS:
        getattr(importlib.import_module(module), function)(apps, None)


def redis_url_or_skip():
    """The Redis URL for tests that need a real broker; skip without one, fail under CI."""
    url = os.environ.get("REDIS_URL", "")
    if url and _reachable(url, 6379):
        return url
    if UNDER_CI:
        pytest.fail("Redis is required under CI")
    pytest.skip("needs Redis (set REDIS_URL)")


@pytest.fixture(autouse=True)
def _thai_by_default():
    """Every test starts in the site's language: a request in English mode (the
    LocaleMiddleware activates a user's language and leaves it active on the thread)
    must not turn the next test's service messages into English."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    """Every test writes uploads and generated files into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def office(db):
    return AreaOfficeFactory(code="UBN5", name="สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุบลราชธานี เขต ๕")


@pytest.fixture
def other_office(db):
    return AreaOfficeFactory(code="SSK1", name="สำนักงานเขตพื้นที่การศึกษาประถมศึกษาศรีสะเกษ เขต ๑")


@pytest.fixture
def cluster(office):
    return ClusterFactory(area_office=office, name="กลุ่มเครือข่ายพิบูลมังสาหาร")


@pytest.fixture
def academic_year(db):
    return AcademicYearFactory(year=2567, is_current=True)


@pytest.fixture
def school(office, cluster):
    return SchoolFactory(
        area_office=office, cluster=cluster, code="1034550001", name="โรงเรียนบ้านหนองไผ่"
    )


@pytest.fixture
def school2(office, cluster):
    return SchoolFactory(
        area_office=office, cluster=cluster, code="1034550002", name="โรงเรียนบ้านโนนสูง"
    )


@pytest.fixture
def other_office_school(other_office):
    return SchoolFactory(area_office=other_office, code="1033530323", name="โรงเรียนบ้านต่างเขต")


@pytest.fixture
def district_admin(office):
    return UserFactory(
        username="t_admin", role=User.Role.DISTRICT_ADMIN, area_office=office, is_staff=True
    )


@pytest.fixture
def office_admin(district_admin):
    """The district admin as a real district has him: staff in the "district admin" group
    (made by the data migration), not a superuser."""
    from iqa_district.accounts.groups import district_admin_group_ensure

    district_admin.groups.add(district_admin_group_ensure())
    return district_admin


@pytest.fixture
def supervisor(office):
    return UserFactory(username="t_supervisor", role=User.Role.SUPERVISOR, area_office=office)


@pytest.fixture
def executive(office):
    return UserFactory(username="t_executive", role=User.Role.EXECUTIVE, area_office=office)


@pytest.fixture
def school_staff(office, school):
    return UserFactory(
        username="t_school", role=User.Role.SCHOOL_STAFF, area_office=office, school=school
    )


@pytest.fixture
def school_staff2(office, school2):
    return UserFactory(
        username="t_school2", role=User.Role.SCHOOL_STAFF, area_office=office, school=school2
    )


@pytest.fixture
def committee_member(office):
    return UserFactory(username="t_committee", role=User.Role.COMMITTEE, area_office=office)


@pytest.fixture
def other_supervisor(other_office):
    return UserFactory(username="t_other_sup", role=User.Role.SUPERVISOR, area_office=other_office)


@pytest.fixture
def as_user(client):
    """``as_user(user)`` returns the test client logged in as ``user``."""

    def login(user):
        client.force_login(user)
        return client

    return login
