"""Settings for IQA District, read from the environment.

With no variables set the project runs on an embedded default: SQLite (WAL), Celery on
a folder broker with the worker `make run` starts, a local-memory cache and media on local disk. Setting
``DJANGO_DEBUG=false`` switches to production, where every secret must come from the
environment and ``manage.py check --deploy`` has nothing to say. ``.env.example``
lists every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env is read when present; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)

# The development key is public on purpose: production refuses to start without a
# real one (see below), so it can never leak into a deployment.
_DEV_SECRET_KEY = "dev-only-insecure-key-not-for-production"  # noqa: S105
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET_KEY):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=false")

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG=false")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "django_filters",
    "django_htmx",
    "axes",
    "iqa_district.apps.IqaDistrictConfig",
    "iqa_district.accounts",
    "iqa_district.audit",
    "iqa_district.notifications",
    "schools",
    "standards",
    "sar",
    "supervision",
    "external_eval",
    "research",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "iqa_district.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "iqa_district.middleware.StripNulFromQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "iqa_district.audit.middleware.AuditContextMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iqa_district.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "iqa_district.context_processors.navigation",
            ],
            "builtins": ["iqa_district.templatetags.thai", "iqa_district.templatetags.pagination"],
        },
    },
]

WSGI_APPLICATION = "iqa_district.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default has the web server and the Celery worker writing to one file
    # (and autosave every few seconds): WAL lets readers go on beside the one writer, a
    # write transaction takes the write lock when it begins (IMMEDIATE), so it waits its
    # turn for up to DJANGO_SQLITE_TIMEOUT seconds instead of failing midway with
    # "database is locked" when a read lock cannot be upgraded.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("DJANGO_SQLITE_TIMEOUT", default=20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# --- Accounts and sessions (ASVS level 2): MFA, session lifetimes, passwords, login
# throttling. Kept in one block; iqa_district/accounts/ holds the code it names.

# MFA (TOTP + one-time recovery codes, django-otp) for district admins, supervisors and
# executives: required in production, optional on the embedded demo so `make run` logins
# keep working (any demo user can still set it up from the profile page).
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
MFA_REQUIRED = env.bool("DJANGO_MFA_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = env.str("DJANGO_MFA_ISSUER", default="IQA District")
MFA_RECOVERY_CODES = 10

# Sessions end after SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS after
# the login whatever happens (iqa_district.accounts.sessions); the cookie never outlives
# the second.
SESSION_IDLE_SECONDS = 60 * env.int("DJANGO_SESSION_IDLE_MINUTES", default=30)
SESSION_MAX_SECONDS = 3600 * env.int("DJANGO_SESSION_MAX_HOURS", default=12)
if not 0 < SESSION_IDLE_SECONDS <= SESSION_MAX_SECONDS:
    raise ImproperlyConfigured(
        "DJANGO_SESSION_IDLE_MINUTES must be positive and within DJANGO_SESSION_MAX_HOURS"
    )
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS

# After authentication and messages (an ended session leaves a message), before the views.
_auth_position = MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1
MIDDLEWARE[_auth_position:_auth_position] = [
    "iqa_district.accounts.sessions.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "iqa_district.accounts.mfa.MFARequiredMiddleware",
    "iqa_district.accounts.first_login.ForcedPasswordChangeMiddleware",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "iqa_district.accounts.validators.MinimumLengthValidator"},
    {"NAME": "iqa_district.accounts.validators.UserAttributeSimilarityValidator"},
    {"NAME": "iqa_district.accounts.validators.ContextWordsValidator"},
    {"NAME": "iqa_district.accounts.validators.CommonPasswordValidator"},
    {"NAME": "iqa_district.accounts.validators.NumericPasswordValidator"},
]

# The client address: REMOTE_ADDR, unless DJANGO_TRUSTED_PROXY names the proxies in front
# (a count, or their addresses/networks), in which case X-Forwarded-For is read past them
# (iqa_district.accounts.client_ip). Trusting the header without a proxy would let anyone
# pick their own address.
TRUSTED_PROXY = env.str("DJANGO_TRUSTED_PROXY", default="").strip()
if TRUSTED_PROXY and not TRUSTED_PROXY.isdigit():
    import ipaddress

    try:
        for _proxy in TRUSTED_PROXY.split(","):
            ipaddress.ip_network(_proxy.strip(), strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(
            f"DJANGO_TRUSTED_PROXY must be a number of proxies or their addresses: {_error}"
        ) from _error

# Failed logins, counted per user name + address (five, then a 15-minute lock) and per
# address across every user name (AXES_IP_FAILURE_LIMIT, so one address cannot spray
# passwords over many accounts), within AXES_COOLOFF_MINUTES. A success clears only the
# user's own count from that address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_IP_FAILURE_LIMIT = env.int("AXES_IP_FAILURE_LIMIT", default=20)
if not 0 < AXES_FAILURE_LIMIT <= AXES_IP_FAILURE_LIMIT:
    raise ImproperlyConfigured("AXES_IP_FAILURE_LIMIT must be at least AXES_FAILURE_LIMIT")
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "iqa_district.accounts.throttling.LoginThrottleHandler"
AXES_CLIENT_IP_CALLABLE = "iqa_district.accounts.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_VERBOSE = False

# Password reset by e-mail (iqa_district.accounts.password_reset): the link works once,
# for PASSWORD_RESET_HOURS; requests are limited per address and per client per hour.
PASSWORD_RESET_TIMEOUT = 3600 * env.int("PASSWORD_RESET_HOURS", default=2)
PASSWORD_RESET_EMAIL_LIMIT = env.int("PASSWORD_RESET_EMAIL_LIMIT", default=3)
PASSWORD_RESET_IP_LIMIT = env.int("PASSWORD_RESET_IP_LIMIT", default=10)
# --- end of the accounts and sessions block

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Media is never served by URL: every file goes through a view that checks access.
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Where `manage.py backup` writes when not told (a volume of its own in docker-compose.yml).
BACKUP_DIR = env.path("DJANGO_BACKUP_DIR", default=BASE_DIR / "backups")
# `manage.py backup --to s3://bucket/prefix`: an S3-compatible endpoint (empty for AWS),
# with boto3's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the environment.
BACKUP_S3_ENDPOINT_URL = env.str("DJANGO_BACKUP_S3_ENDPOINT_URL", default="")
BACKUP_S3_REGION = env.str("DJANGO_BACKUP_S3_REGION", default="")
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_PERMISSIONS = 0o640

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Uploads
SAR_MAX_UPLOAD_MB = env.int("SAR_MAX_UPLOAD_MB", default=20)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: the console backend on the embedded default (`make run` prints the mails),
# SMTP from the environment in production.
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend"
    if REDIS_URL
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="IQA District <no-reply@localhost>")
# How long an invitation's set-password link works.
INVITATION_DAYS = env.int("INVITATION_DAYS", default=7)
# The site's address as people open it, for links in e-mails sent by background tasks.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")

# Celery: Redis in production. On the embedded default (no REDIS_URL) the broker is a
# folder (Kombu's filesystem transport: one file per message, no server) and `make run`
# starts a worker beside the web server (manage.py run_embedded), so long jobs run
# outside the request there too. The test suite runs tasks eagerly when it has no Redis
# (tests/conftest.py); CELERY_TASK_ALWAYS_EAGER=true does the same anywhere.
EMBEDDED_BROKER_DIR = Path(env.str("DJANGO_BROKER_DIR", default="") or BASE_DIR / "var" / "broker")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_URL = "filesystem://"
    for _folder in ("queue", "control"):
        (EMBEDDED_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(EMBEDDED_BROKER_DIR / "queue"),
        "data_folder_out": str(EMBEDDED_BROKER_DIR / "queue"),
        "control_folder": str(EMBEDDED_BROKER_DIR / "control"),
        "polling_interval": 0.2,
    }
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# No task runs for ever: past the soft limit the task gets SoftTimeLimitExceeded (the
# synthesis records it as the run's failure reason); past the hard limit the worker
# process is killed and the reconciler re-queues the run. Enforced by the prefork pool.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=30 * 60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=35 * 60)
# Worker recycling: a pool process is replaced after this many tasks, or after a task
# that left it above CELERY_WORKER_MAX_MEMORY_PER_CHILD kilobytes of resident memory
# (default 400 MB; a 3,000-school office's PDF leaves a long-lived process near 830 MB),
# so memory a big job held is given back before the next office of a national batch.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=50)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int(
    "CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=400 * 1024
)
CELERY_BEAT_SCHEDULE = {}

# The annual SAR synthesis (sar/synthesis/services.py): a run whose worker has not
# touched its heartbeat for SYNTHESIS_STALE_AFTER_SECONDS is re-queued by the reconciler;
# the yearly run of every office starts on SYNTHESIS_BEAT_MONTH/DAY (default 15 June,
# after the SAR deadline of 31 May).
from celery.schedules import crontab  # noqa: E402

SYNTHESIS_STALE_AFTER_SECONDS = env.int("SYNTHESIS_STALE_AFTER_SECONDS", default=120)
SYNTHESIS_HEARTBEAT_SECONDS = env.int("SYNTHESIS_HEARTBEAT_SECONDS", default=10)
SYNTHESIS_MAX_ATTEMPTS = env.int("SYNTHESIS_MAX_ATTEMPTS", default=3)
SYNTHESIS_REQUEUE_PENDING_SECONDS = env.int("SYNTHESIS_REQUEUE_PENDING_SECONDS", default=1800)
CELERY_BEAT_SCHEDULE["sar-synthesis-reconcile"] = {
    "task": "sar.tasks.reconcile_synthesis_runs",
    "schedule": timedelta(seconds=env.int("SYNTHESIS_RECONCILE_SECONDS", default=60)),
}
CELERY_BEAT_SCHEDULE["sar-synthesis-yearly"] = {
    "task": "sar.tasks.synthesize_all_offices",
    "schedule": crontab(
        minute=0,
        hour=2,
        day_of_month=env.int("SYNTHESIS_BEAT_DAY", default=15),
        month_of_year=env.int("SYNTHESIS_BEAT_MONTH", default=6),
    ),
}

# The audit log (iqa_district/audit) keeps entries AUDIT_RETENTION_DAYS (default two
# years), then the nightly beat task deletes them.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=730)
if AUDIT_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("AUDIT_RETENTION_DAYS must be at least 1")
# Notifications (iqa_district/notifications): reminders to schools that have not sent
# their SAR SAR_REMINDER_DAYS days before the deadline and recommendations falling due,
# every morning; the supervisors' weekly digest on Monday morning.
SAR_REMINDER_DAYS = sorted(
    {int(d) for d in env.list("SAR_REMINDER_DAYS", default=["30", "14", "7", "1"])}, reverse=True
)
if any(d < 0 for d in SAR_REMINDER_DAYS):
    raise ImproperlyConfigured("SAR_REMINDER_DAYS must be days before the deadline (0 or more)")
CELERY_BEAT_SCHEDULE["notifications-daily"] = {
    "task": "iqa_district.notifications.tasks.notifications_daily",
    "schedule": crontab(minute=0, hour=7),
}
CELERY_BEAT_SCHEDULE["notifications-email-retry"] = {
    "task": "iqa_district.notifications.tasks.notification_emails_retry",
    "schedule": timedelta(minutes=15),
}
CELERY_BEAT_SCHEDULE["notifications-weekly-digest"] = {
    "task": "iqa_district.notifications.tasks.notifications_weekly_digest",
    "schedule": crontab(minute=30, hour=7, day_of_week="mon"),
}
CELERY_BEAT_SCHEDULE["audit-purge"] = {
    "task": "iqa_district.audit.tasks.purge_audit_log",
    "schedule": crontab(minute=30, hour=3),
}

# Security. Production values; the development server keeps Django's defaults.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # The container health check calls /healthz over plain HTTP from inside.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content and headers: uploads refused before they are read, the Content-Security-Policy,
# no caching of signed-in pages, exports that never carry a live formula.
# A request body over UPLOAD_MAX_REQUEST_MB (a SAR's PDF and DOCX, and the form) is
# answered 413 from its Content-Length, before Django reads a byte of it.
UPLOAD_MAX_REQUEST_MB = env.int("UPLOAD_MAX_REQUEST_MB", default=2 * SAR_MAX_UPLOAD_MB + 1)
# Everything a school has stored (every version's PDF and DOCX) stays under this.
SAR_SCHOOL_QUOTA_MB = env.int("SAR_SCHOOL_QUOTA_MB", default=500)
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "iqa_district.uploads.RequestSizeLimitMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "iqa_district.downloads.NoStoreForSignedInMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
# No inline script or style anywhere: the templates load static files only. Images may
# be data: URIs (Bootstrap's icons in its CSS).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # WeasyPrint and fontTools are chatty about every font subset.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

# The demo district loaded by `make run` (seed_demo) and shown on the login page.
DEMO_MODE = env.bool("IQA_DEMO_MODE", default=DEBUG)
