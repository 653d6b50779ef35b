"""Settings of the ICP governance portal.

Everything that differs between a laptop, CI and production is read from the environment;
the defaults are the embedded ones used by `make run` (SQLite file, tasks run in-process).
"""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
NHSUK_FRONTEND_DIR = BASE_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off: production never runs on a made-up key."
        )
    SECRET_KEY = "insecure-development-key-used-only-with-debug-on"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "guardian",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "partners",
    "risks",
    "meetings",
    "decisions",
    # Above every app: the demo data and its commands (load_demo, bench_packs).
    "icp_portal.demo",
]

MIDDLEWARE = [
    # Answers /healthz before host and HTTPS checks: probes come from inside, by address.
    "icp_portal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "icp_portal.middleware.StaticFilesMiddleware",
    "icp_portal.middleware.PrivateCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Signing in: session time limits, the second factor, then the lockout of repeated
    # failures (axes last).
    "partners.signin.SessionLimitsMiddleware",
    "partners.signin.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "icp_portal.urls"
WSGI_APPLICATION = "icp_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "icp_portal.navigation.navigation",
            ],
        },
    },
]

_database_url = env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db_url_config(_database_url)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partners.User"
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out account or address is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # The organisation's identity provider, when configured (partners.oidc); else it passes.
    "partners.oidc.ProviderBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
# Guardian's anonymous user would be a row in the user table; the public never holds
# object permissions here, so it is not needed.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static", ("nhsuk", NHSUK_FRONTEND_DIR)]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Papers are refused above this size (checked in the upload form, not by Django's limits).
PAPER_MAX_UPLOAD_BYTES = env.int("PAPER_MAX_UPLOAD_MB", default=25) * 1_000_000
# A small file can still be huge once opened: pages, and compressed parts unpacked, are
# limited too, and a check that takes longer than this many seconds refuses the file.
PAPER_MAX_PAGES = env.int("PAPER_MAX_PAGES", default=1000)
PAPER_MAX_UNPACKED_BYTES = env.int("PAPER_MAX_UNPACKED_MB", default=200) * 1_000_000
PAPER_CHECK_SECONDS = env.float("PAPER_CHECK_SECONDS", default=5.0)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587, consolemail:// (prints) or
# filemail:///path/to/folder (writes each email as a file there).
_email = env.email_url("EMAIL_URL", default="consolemail://")
_smtp = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS", False),
    "use_ssl": _email.get("EMAIL_USE_SSL", False),
}
_backend = _email["EMAIL_BACKEND"]
if _backend.endswith("smtp.EmailBackend"):
    _mailer_options = _smtp
elif _backend.endswith("filebased.EmailBackend"):  # its path is always absolute
    _mailer_options = {"file_path": "/" + _email.get("EMAIL_FILE_PATH", "").lstrip("/")}
else:
    _mailer_options = {}
MAILERS = {"default": {"BACKEND": _backend, "OPTIONS": _mailer_options}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="icp-portal@localhost")
# The portal's address as people reach it, for the links in emails sent by the schedule
# (which has no request to take it from).
PORTAL_ADDRESS = env.str("PORTAL_ADDRESS", default="http://127.0.0.1:8000")

# Security headers. Production (DEBUG off) defaults to HTTPS only; each setting can be changed
# from the environment, and `make run` and the tests (DEBUG on) serve plain HTTP.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers and the compose stack ask for /healthz over plain HTTP on the inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# Behind a TLS proxy that sets the header and drops any the client sent, for example
# SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https (docker-compose.yml sets it).
_proxy_ssl_header = env.list("SECURE_PROXY_SSL_HEADER", default=[])
SECURE_PROXY_SSL_HEADER = tuple(_proxy_ssl_header) if _proxy_ssl_header else None

# Signing in
# Repeated failures lock the account (whoever tries it) and, separately, the address they
# come from, for a cool-off; the page says the same whether or not the account exists.
# A governance administrator lifts a lock early in the admin (Access attempts) or with
# `manage.py axes_reset_username EMAIL` / `axes_reset_ip ADDRESS`.
AXES_FAILURE_LIMIT = env.int("SIGN_IN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("SIGN_IN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "partners.signin.sign_in_locked_out"
# The sign-in form's field is "username" (holding the email); emails in any case are one.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "partners.signin.sign_in_username"
# Every failure is kept (with whether it locked), as are sign-ins and sign-outs.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# How many reverse proxies in front append to X-Forwarded-For (one in front of gunicorn: 1); with
# none, the address is the connection's, and the header, which anyone can send, is ignored.
SIGN_IN_PROXY_COUNT = env.int("SIGN_IN_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "partners.signin.sign_in_address"
# A session ends after 30 minutes without a request, and 12 hours after signing in whatever
# happens (partners.signin.SessionLimitsMiddleware).
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_HOURS", default=12) * 3600
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
# Every signed-in role passes a second factor (an authenticator app's code, or a recovery
# code) before any page that is not public, and sets one up at its first sign-in
# (partners.signin.SecondFactorMiddleware). Off only where the environment says so.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=True)
OTP_TOTP_ISSUER = "ICP governance portal"
# Signing in with the organisation's account (NHSmail, Entra ID) through OpenID Connect, offered
# on the sign-in page only when all of these are set. The endpoints are those of the provider's
# discovery document (.well-known/openid-configuration); the redirect URI to register with it is
# /accounts/organisation/callback/. Accounts are never created from it (partners.oidc).
OIDC_RP_CLIENT_ID = env("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_USERINFO_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_JWKS_ENDPOINT", default="")
OIDC_ENABLED = all(
    [
        OIDC_RP_CLIENT_ID,
        OIDC_RP_CLIENT_SECRET,
        OIDC_OP_AUTHORIZATION_ENDPOINT,
        OIDC_OP_TOKEN_ENDPOINT,
        OIDC_OP_USER_ENDPOINT,
        OIDC_OP_JWKS_ENDPOINT,
    ]
)
# When set, ID tokens from any other issuer are refused.
OIDC_ISSUER = env("OIDC_ISSUER", default="")
OIDC_BUTTON_LABEL = env(
    "OIDC_BUTTON_LABEL", default="Sign in with NHSmail / your organisation's account"
)
# A provider that sends no email_verified claim (Entra ID) is trusted for its emails only when
# this says so: a single-tenant directory whose addresses the organisation manages.
OIDC_PROVIDER_VERIFIES_EMAIL = env.bool("OIDC_PROVIDER_VERIFIES_EMAIL", default=False)
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
RECOVERY_CODE_COUNT = 10
# Reset links: looked up and sent by a task; at most this many requests an hour for one
# address, and from one client (counted in the cache), answered the same either way.
PASSWORD_RESET_PER_HOUR_EMAIL = env.int("PASSWORD_RESET_PER_HOUR_EMAIL", default=3)
PASSWORD_RESET_PER_HOUR_CLIENT = env.int("PASSWORD_RESET_PER_HOUR_CLIENT", default=10)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    # NHS.UK frontend loads the Frutiger web font from the NHS asset server.
    "font-src": [CSP.SELF, "https://assets.nhs.uk"],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Celery: tasks always run in a worker process, never in the web request that sends them
# (a pack build outlives gunicorn's timeout). Production and CI name a Redis broker; without
# one, `make run` starts a worker on an embedded broker that needs no service: kombu's
# filesystem transport, messages as files under CELERY_BROKER_FOLDER.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or "filesystem://"
CELERY_BROKER_FOLDER = Path(env.str("CELERY_BROKER_FOLDER", default=str(BASE_DIR / ".broker")))
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A WeasyPrint process keeps about 0.3 MB per part it renders: recycle worker processes
# before they pass 200 MB (see make bench).
CELERY_WORKER_MAX_TASKS_PER_CHILD = 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 2,
    "socket_connect_timeout": 2,
    # Longer than the longest task, or Redis hands a running task to a second worker.
    "visibility_timeout": 3600,
    # The filesystem transport's folders (the Redis transport ignores them).
    "data_folder_in": str(CELERY_BROKER_FOLDER / "messages"),
    "data_folder_out": str(CELERY_BROKER_FOLDER / "messages"),
    "control_folder": str(CELERY_BROKER_FOLDER / "control"),
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Memberships start and end on dates: bring board permissions in step each night.
    "refresh-board-permissions": {
        "task": "partners.tasks.refresh_board_permissions",
        "schedule": crontab(hour=0, minute=5),
    },
    # Declaration returns: remind decision-makers as a return falls due and once overdue.
    "send-return-reminders": {
        "task": "partners.tasks.return_reminders_send",
        "schedule": crontab(hour=7, minute=0),
    },
    # Pack builds asked for while the broker was down wait in the database: send them again.
    "enqueue-waiting-pack-builds": {
        "task": "meetings.tasks.enqueue_waiting_pack_builds",
        "schedule": 60.0,
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint narrates every rendering step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
        # django-axes narrates every sign-in at INFO; they are kept in its tables anyway.
        "axes": {"level": "WARNING"},
    },
}


def _iso_date(name, default):
    """A date read from the environment as YYYY-MM-DD, refused at start-up naming the variable."""
    value = env.str(name, default=default)
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a date written YYYY-MM-DD, not {value!r}."
        ) from None


# The accessibility statement (/accessibility/): whom to ask for a document in another format
# or to tell about a problem, and when the statement was prepared and last reviewed (the
# regulations ask for both dates; review it at least once a year).
ACCESSIBILITY_CONTACT_EMAIL = env.str(
    "ACCESSIBILITY_CONTACT_EMAIL", default="governance@example.nhs.uk"
)
ACCESSIBILITY_CONTACT_PHONE = env.str("ACCESSIBILITY_CONTACT_PHONE", default="020 7946 0000")
ACCESSIBILITY_STATEMENT_PREPARED = _iso_date("ACCESSIBILITY_STATEMENT_PREPARED", "2026-12-01")
ACCESSIBILITY_STATEMENT_REVIEWED = _iso_date("ACCESSIBILITY_STATEMENT_REVIEWED", "2026-12-01")

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="icp-demo-2020")
# The source documents whose text enriches the demo's papers; the demo works without them.
SEEDS_DIR = Path(env.str("SEEDS_DIR", default=str(BASE_DIR.parent / "shared" / "seeds")))
