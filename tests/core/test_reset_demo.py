"""`make reset-demo` (manage.py reset_demo): the embedded SQLite demo is thrown away and
built again; any other database is refused before anything is touched. The Makefile's
apt step waits for the dpkg lock."""

import re
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from iqa_district.management.commands import reset_demo

ROOT = Path(__file__).resolve().parents[2]


def test_reset_demo_refuses_a_database_that_is_not_the_embedded_sqlite(settings):
    with (
        mock.patch.dict(settings.DATABASES["default"], {"ENGINE": "django.db.backends.postgresql"}),
        mock.patch.object(reset_demo, "call_command") as called,
        pytest.raises(CommandError, match="SQLite demo only"),
    ):
        call_command("reset_demo", "--noinput")
    called.assert_not_called()


def test_reset_demo_refuses_outside_demo_mode(settings, tmp_path):
    database = tmp_path / "db.sqlite3"
    database.write_bytes(b"keep")
    settings.DEMO_MODE = False
    with (
        mock.patch.object(reset_demo, "connections"),
        mock.patch.object(reset_demo, "call_command") as called,
        mock.patch.dict(settings.DATABASES["default"], {"ENGINE": "django.db.backends.sqlite3", "NAME": str(database)}),
        pytest.raises(CommandError, match="demo mode"),
    ):  # fmt: skip
        call_command("reset_demo", "--noinput")
    called.assert_not_called()
    assert database.read_bytes() == b"keep"


def test_reset_demo_removes_the_database_files_and_queue_then_migrates_and_seeds(
    settings, tmp_path
):
    settings.BASE_DIR = tmp_path
    settings.DEMO_MODE = True
    database = tmp_path / "db.sqlite3"
    for path in reset_demo.sqlite_files(database):
        path.write_bytes(b"old")
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "sar").mkdir(parents=True)
    (tmp_path / "media" / "sar" / "old.pdf").write_bytes(b"%PDF")
    settings.EMBEDDED_BROKER_DIR = tmp_path / "var" / "broker"
    (tmp_path / "var" / "broker" / "queue").mkdir(parents=True)
    (tmp_path / "var" / "broker" / "queue" / "1_x.celery.msg").write_text("{}")
    with (
        mock.patch.object(reset_demo, "connections"),
        mock.patch.object(reset_demo, "call_command") as called,
        mock.patch.dict(settings.DATABASES["default"], {"ENGINE": "django.db.backends.sqlite3", "NAME": str(database)}),
    ):  # fmt: skip
        call_command("reset_demo", "--noinput")
    assert [path.exists() for path in reset_demo.sqlite_files(database)] == [False] * 3
    assert not (tmp_path / "media").exists()
    assert list((tmp_path / "var" / "broker" / "queue").iterdir()) == []
    assert [c.args[0] for c in called.call_args_list] == ["migrate", "seed_demo"]


def test_reset_demo_leaves_a_media_root_outside_the_project_alone(settings, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    settings.BASE_DIR = project
    settings.DEMO_MODE = True
    settings.MEDIA_ROOT = tmp_path / "shared-media"
    (tmp_path / "shared-media").mkdir()
    (tmp_path / "shared-media" / "keep.pdf").write_bytes(b"%PDF")
    settings.EMBEDDED_BROKER_DIR = project / "var" / "broker"
    with (
        mock.patch.object(reset_demo, "connections"),
        mock.patch.object(reset_demo, "call_command"),
        mock.patch.dict(settings.DATABASES["default"], {"ENGINE": "django.db.backends.sqlite3", "NAME": str(project / "db.sqlite3")}),
    ):  # fmt: skip
        call_command("reset_demo", "--noinput")
    assert (tmp_path / "shared-media" / "keep.pdf").exists()


def test_makefile_waits_for_the_dpkg_lock_and_has_reset_demo():
    makefile = (ROOT / "Makefile").read_text()
    assert (
        "APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300" in makefile
    )
    # Every apt-get that installs or updates runs through APT_GET, so none fails on a held lock.
    direct = re.findall(r"apt-get\s+(?:-\S+\s+)*(?:update|install)", makefile)
    assert direct == []
    assert len(re.findall(r"\$\(APT_GET\) (?:update|install)", makefile)) == 3
    assert re.search(r"^reset-demo: deps\n\t\$\(MANAGE\) reset_demo --noinput$", makefile, re.M)
    assert re.search(
        r"^run: seed\n(\t@echo.*\n)*\t\$\(MANAGE\) run_embedded \$\(HOST\):\$\(PORT\)$",
        makefile,
        re.M,
    )
