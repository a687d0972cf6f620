"""The settings module has two modes, chosen by the environment; both are checked in a
fresh interpreter so nothing leaks from the test settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import django, json; from django.conf import settings; django.setup(); "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'broker': settings.CELERY_BROKER_URL, "
    "'cache': settings.CACHES['default']['BACKEND'], 'debug': settings.DEBUG, "
    "'secure_cookie': settings.SESSION_COOKIE_SECURE, 'hsts': settings.SECURE_HSTS_SECONDS, "
    "'lang': settings.LANGUAGE_CODE, 'tz': settings.TIME_ZONE, "
    "'db_options': settings.DATABASES['default'].get('OPTIONS', {}), "
    "'broker_options': settings.CELERY_BROKER_TRANSPORT_OPTIONS}))"
)
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "x7#Qm2!vR9@pL4$wZ8^nB3&kD6*hF1(jT5)yG0-cS2+eA7_uM4=iO9",
    "DJANGO_ALLOWED_HOSTS": "iqa.example.go.th",
    "DATABASE_URL": "postgres://iqa:secret@db:5432/iqa",
    "REDIS_URL": "redis://redis:6379/0",
}


def run(args, env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_"))
    }
    env.update({"DJANGO_SETTINGS_MODULE": "iqa_district.settings", **env_overrides})
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_embedded_default_is_sqlite_with_a_folder_broker_and_thai(tmp_path):
    broker = tmp_path / "broker"
    result = run(["-c", PROBE], {"DJANGO_BROKER_DIR": str(broker)})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["engine"] == "django.db.backends.sqlite3"
    # WAL, a busy timeout and write transactions that take the lock when they begin.
    assert data["db_options"]["transaction_mode"] == "IMMEDIATE"
    assert data["db_options"]["timeout"] >= 10
    assert "journal_mode=WAL" in data["db_options"]["init_command"]
    # Tasks go to a worker (make run starts one) through a folder, not into the request.
    assert data["eager"] is False
    assert data["broker"] == "filesystem://"
    assert data["broker_options"]["data_folder_in"] == str(broker / "queue")
    assert (broker / "queue").is_dir() and (broker / "control").is_dir()
    assert data["cache"].endswith("LocMemCache")
    assert data["debug"] is True
    assert data["lang"] == "th" and data["tz"] == "Asia/Bangkok"


def test_production_uses_postgres_redis_and_secure_cookies():
    result = run(["-c", PROBE], PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["engine"] == "django.db.backends.postgresql"
    assert data["eager"] is False
    assert data["broker"] == "redis://redis:6379/0"
    assert data["cache"].endswith("RedisCache")
    assert data["debug"] is False
    assert data["secure_cookie"] is True
    assert data["hsts"] >= 31536000


def test_production_refuses_to_start_without_a_secret_key():
    env = dict(PRODUCTION_ENV)
    del env["DJANGO_SECRET_KEY"]
    result = run(["-c", PROBE], env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_development_key():
    env = dict(PRODUCTION_ENV, DJANGO_SECRET_KEY="dev-only-insecure-key-not-for-production")
    result = run(["-c", PROBE], env)
    assert result.returncode != 0


def test_production_needs_allowed_hosts():
    env = dict(PRODUCTION_ENV)
    del env["DJANGO_ALLOWED_HOSTS"]
    result = run(["-c", PROBE], env)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_deployment_checklist_is_clean_in_production():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_env_example_lists_every_variable_the_settings_read():
    import re

    settings_source = (ROOT / "iqa_district" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z0-9_]+)"', settings_source))
    listed = set(re.findall(r"^([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "no variables found: the pattern no longer matches settings.py"
    assert read - listed == set()
