"""Items 7–9 in each settings mode, probed in a fresh interpreter as tests/core does."""

import json

from tests.core.test_settings_modes import PRODUCTION_ENV, run

PROBE = (
    "import django, json; from django.conf import settings; django.setup(); "
    "print(json.dumps({'mfa': settings.MFA_REQUIRED, 'idle': settings.SESSION_IDLE_SECONDS, "
    "'max': settings.SESSION_MAX_SECONDS, 'proxy': settings.TRUSTED_PROXY, "
    "'lockout': settings.AXES_LOCKOUT_PARAMETERS, 'middleware': settings.MIDDLEWARE}))"
)


def probe(env):
    result = run(["-c", PROBE], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_mfa_is_required_in_production_and_optional_on_the_demo():
    assert probe(PRODUCTION_ENV)["mfa"] is True
    assert probe({})["mfa"] is False
    assert probe(dict(PRODUCTION_ENV, DJANGO_MFA_REQUIRED="false"))["mfa"] is False


def test_production_defaults_for_sessions_and_throttling():
    data = probe(PRODUCTION_ENV)
    assert data["idle"] == 30 * 60 and data["max"] == 12 * 3600
    assert data["proxy"] == ""
    assert data["lockout"] == [["username", "ip_address"], "ip_address"]
    middleware = data["middleware"]
    assert middleware.index("django_otp.middleware.OTPMiddleware") > middleware.index(
        "django.contrib.auth.middleware.AuthenticationMiddleware"
    )
    assert middleware.index("iqa_district.accounts.mfa.MFARequiredMiddleware") > middleware.index(
        "django_otp.middleware.OTPMiddleware"
    )


def test_session_limits_come_from_the_environment():
    data = probe({"DJANGO_SESSION_IDLE_MINUTES": "10", "DJANGO_SESSION_MAX_HOURS": "8"})
    assert data["idle"] == 600 and data["max"] == 8 * 3600


def test_an_idle_timeout_beyond_the_lifetime_stops_the_start():
    result = run(["-c", PROBE], {"DJANGO_SESSION_IDLE_MINUTES": "900"})
    assert result.returncode != 0
    assert "DJANGO_SESSION_IDLE_MINUTES" in result.stderr


def test_a_bad_trusted_proxy_stops_the_check_in_production():
    env = dict(PRODUCTION_ENV, DJANGO_TRUSTED_PROXY="the nginx one")
    result = run(["manage.py", "check", "--deploy"], env)
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXY" in result.stdout + result.stderr


def test_deploy_check_is_clean_behind_a_trusted_proxy():
    env = dict(PRODUCTION_ENV, DJANGO_TRUSTED_PROXY="172.18.0.0/16")
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
