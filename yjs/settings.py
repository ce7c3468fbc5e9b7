"""Settings for the Service Development Plan tracker.

Everything that differs between a laptop and production comes from the
environment, so there is one settings module and no local_settings file.
Defaults are safe for development only when DEBUG is on.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

# A fixed key is acceptable only for local development; production must set one.
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    "dev-only-insecure-key-do-not-use-in-production" if DEBUG else None
)
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "yjs.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",  # intcomma: "1,154 actions", as GOV.UK writes numbers over 999
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "django_tables2",
    "simple_history",
    "axes",
    "plans",
    "review",
    "alerts",
    "boardpack",
    "transfer",
    "indicators",
    "meetings",
    "cycle",
    "people",
    "django_tasks_db",
    "jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "yjs.middleware.ScopeMiddleware",
    "yjs.middleware.NoStoreForSignedInMiddleware",
    "yjs.middleware.RefuseNulInAddressMiddleware",  # after auth: its 400 page has the header
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "yjs.urls"

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
                "plans.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "yjs.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite for a small team: WAL lets people read while one person writes; a
    # writer waits (up to SQLITE_TIMEOUT seconds) rather than failing with
    # "database is locked"; IMMEDIATE takes the write lock when a transaction
    # starts, so two writers queue instead of one failing half-way when its read
    # lock cannot be upgraded. Beyond a handful of people saving at the same
    # moment, use PostgreSQL (README, "When to move to PostgreSQL").
    DATABASES["default"]["OPTIONS"] = {
        "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Heavy work (board packs, imports, bulk updates) runs on a queue kept in the
# database (django-tasks-db): the web process only records the job, and
# `manage.py db_worker` (started by `make run`; see README for other machines)
# does it. TASKS_IMMEDIATE=1 runs tasks inside the request instead, for a quick
# look without a worker. JOBS_PER_PERSON bounds one person's unfinished jobs.
TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend"
            if env_bool("TASKS_IMMEDIATE")
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}
JOBS_PER_PERSON = int(os.environ.get("JOBS_PER_PERSON", "2"))
# A job unfinished this long after it was asked for lost its worker: it is called failed.
JOBS_STALE_MINUTES = int(os.environ.get("JOBS_STALE_MINUTES", "30"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"  # each role lands where its work is (plans.views.landing)
LOGOUT_REDIRECT_URL = "signed_out"

# Sign-in throttling (issue 13): django-axes counts failed sign-ins per username
# and address; after SIGN_IN_FAILURE_LIMIT the pair is locked out for
# SIGN_IN_LOCKOUT_MINUTES (a try during the lockout starts it again), and a
# password reset lifts it. Unknown usernames are counted the same way, so the
# lockout says nothing about who has an account.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "plans.backends.OfficerBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("SIGN_IN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "yjs.middleware.client_ip"
# Reset links work once (Django's token) and for this many days.
PASSWORD_RESET_DAYS = int(os.environ.get("PASSWORD_RESET_DAYS", "3"))
PASSWORD_RESET_TIMEOUT = PASSWORD_RESET_DAYS * 24 * 60 * 60

# Single sign-on (issue 14; README "Single sign-on (Microsoft Entra ID)"): optional,
# on when OIDC_CLIENT_ID is set. ENTRA_TENANT_ID gives every endpoint; another
# OpenID Connect provider names each one. SSO signs in invited people only
# (yjs/sso.py); local passwords keep working alongside it.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID") or os.environ.get("OIDC_RP_CLIENT_ID", "")
SSO_ENABLED = bool(OIDC_RP_CLIENT_ID)
SSO_BUTTON_LABEL = os.environ.get("SSO_BUTTON_LABEL", "Sign in with your council account")
if SSO_ENABLED:
    ENTRA_TENANT_ID = os.environ.get("ENTRA_TENANT_ID", "").strip()
    if ENTRA_TENANT_ID.lower() in {"common", "organizations", "consumers"}:
        # Any organisation's directory could then vouch for any address.
        raise RuntimeError("ENTRA_TENANT_ID must be the council's own tenant ID, not a multi-tenant alias.")
    _entra = f"https://login.microsoftonline.com/{ENTRA_TENANT_ID}"

    def _sso_setting(name, entra_default):
        value = os.environ.get(name) or (entra_default if ENTRA_TENANT_ID else "")
        if not value:
            raise RuntimeError(f"Single sign-on needs {name} (or ENTRA_TENANT_ID).")
        return value

    OIDC_OP_AUTHORIZATION_ENDPOINT = _sso_setting("OIDC_OP_AUTHORIZATION_ENDPOINT", f"{_entra}/oauth2/v2.0/authorize")
    OIDC_OP_TOKEN_ENDPOINT = _sso_setting("OIDC_OP_TOKEN_ENDPOINT", f"{_entra}/oauth2/v2.0/token")
    OIDC_OP_USER_ENDPOINT = _sso_setting("OIDC_OP_USER_ENDPOINT", "https://graph.microsoft.com/oidc/userinfo")
    OIDC_OP_JWKS_ENDPOINT = _sso_setting("OIDC_OP_JWKS_ENDPOINT", f"{_entra}/discovery/v2.0/keys")
    OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER") or (f"{_entra}/v2.0" if ENTRA_TENANT_ID else "")
    OIDC_RP_CLIENT_SECRET = _sso_setting("OIDC_CLIENT_SECRET", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = "openid email profile"
    OIDC_CREATE_USER = False  # no invitation, no account
    OIDC_USE_PKCE = True  # a code intercepted on its way back is useless without this session's verifier
    OIDC_CALLBACK_CLASS = "yjs.sso.CallbackView"
    OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT", "15"))  # seconds; a stuck provider must not hang a worker
    # Entra never sends email_verified; its single-tenant addresses are the council's own (yjs/sso.py).
    SSO_TRUST_EMAIL_CLAIM = env_bool("SSO_TRUST_EMAIL_CLAIM", bool(ENTRA_TENANT_ID))
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.insert(1, "yjs.sso.InvitedPeopleOIDCBackend")  # after Axes's
    AXES_WHITELIST_CALLABLE = "yjs.sso.not_a_password_guess"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and not env_bool("PLAIN_STATIC")
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Content-Security-Policy: only our own files; inline scripts need the nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
}

# Production hardening, switched on by turning DEBUG off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
# Preloading binds the whole domain and its subdomains to HTTPS in browsers for
# good: a decision for whoever owns the (council's) domain, not a default. So
# check --deploy's reminder about it is off unless preload is chosen.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Behind a proxy, trust its X-Forwarded-Proto and (for sign-in throttling) the
# address it appends to X-Forwarded-For; PROXY_COUNT proxies in a chain.
BEHIND_PROXY = env_bool("BEHIND_PROXY")
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day

# Email (Django 6.1 MAILERS). EMAIL_URL-style pieces come from the environment.
# Alerts and password-reset links must reach a person or fail where someone
# sees it, never sit in a log or a file (a reset link in a log is a way into
# the account). So in production mail always goes by SMTP: to EMAIL_HOST, or
# without one to the server's own mail relay on localhost:25 (the usual set-up
# for a council host); with no relay there, sending fails and is logged, and
# send_alerts exits with an error. Only with DEBUG on and no EMAIL_HOST is mail
# printed to the console, for a developer.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sdp-tracker@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST") or not DEBUG:
    _smtp_relay = not os.environ.get("EMAIL_HOST")
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "25" if _smtp_relay else "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", not _smtp_relay),
                "timeout": int(os.environ.get("EMAIL_TIMEOUT", "30")),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# The name shown in the header; one deployment normally serves one partnership.
SERVICE_NAME = os.environ.get("SERVICE_NAME", "Service Development Plan tracker")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every step of a PDF at INFO; only its warnings matter.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# Alerts (issue 5): how far ahead "due soon" and "update due" look, and the
# site address used for links in alert emails.
ALERT_DUE_SOON_DAYS = int(os.environ.get("ALERT_DUE_SOON_DAYS", "30"))
ALERT_UPDATE_DUE_DAYS = int(os.environ.get("ALERT_UPDATE_DUE_DAYS", "14"))
ALERT_SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
