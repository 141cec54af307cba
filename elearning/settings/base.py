"""Settings shared by every environment.

Everything that differs between machines comes from environment variables; see the
configuration table in README.md.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "elearning"


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Core ---------------------------------------------------------------------------------

SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Fernet keys for secrets stored in the database (authenticator secrets, queued e-mails).
# Comma-separated: the first encrypts, all decrypt (see elearning.core.crypto). dev.py and
# test.py derive one from SECRET_KEY when unset; production refuses to start without it.
ENCRYPTION_KEYS = env_list("ENCRYPTION_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

PARTNERSHIP_NAME = os.environ.get("PARTNERSHIP_NAME", "Safeguarding Children Partnership")
SITE_NAME = os.environ.get("SITE_NAME", "Safeguarding learning hub")

# Demo conveniences (showing the current one-time code for demo accounts). Only dev.py turns
# this on; production.py forces it off.
DEMO_MODE = False
DEMO_EMAIL_DOMAIN = "demo.example"

INSTALLED_APPS = [
    # Project apps first so their templates override third-party ones.
    "elearning.core",
    "elearning.accounts",
    "elearning.reports",
    "elearning.library",
    "courses",
    "quizzes",
    "supervision",
    "toolkit",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "elearning.accounts.apps.UsersAdminConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Forms and background work
    "crispy_forms",
    "crispy_forms_gds",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages for anonymous visitors, from the shared cache: ahead of sessions and
    # authentication, so a kept page loads neither (elearning/core/pagecache.py).
    "elearning.core.pagecache.PageCacheMiddleware",
    # Wagtail's site for the request, kept per process while the content is unchanged.
    "elearning.core.sitecache.SiteMiddleware",
    "elearning.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns "the shared cache is away" (from allauth's rate limits and used-code record, in
    # any view or form) into a 503 sign-in-unavailable page. Below sessions, CSP, messages and
    # authentication, so its page passes through them like any other (and Django never saves
    # the session of a 5xx answer).
    "elearning.core.middleware.CacheUnavailableMiddleware",
    # A service's refusal that no view caught is shown as a message, never a server error
    # (elearning/core/refusals.py).
    "elearning.core.refusals.RefusalMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # allauth's device list, its activity written at most once a minute per session
    # (elearning/accounts/usersessions.py) rather than in a write transaction on every page.
    "elearning.accounts.usersessions.UserSessionActivityMiddleware",
    "elearning.core.middleware.RequireMFAMiddleware",
    "elearning.core.middleware.AdminAccessMiddleware",
    # After authentication, allauth and MFA; before Wagtail's redirects so its answers under
    # /supervision/ are not cached either.
    "supervision.middleware.SupervisionPageGuardMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "elearning.urls"
WSGI_APPLICATION = "elearning.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "wagtail.contrib.settings.context_processors.settings",
                "elearning.core.context_processors.site",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
# SQLite by default (WAL mode, busy timeout, immediate transactions so concurrent writers
# queue instead of failing); PostgreSQL when DATABASE_URL says so.

DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------------------
# Local memory for one process; Redis when several app servers must share rate limits.
# production.py never uses local memory: without Redis it uses the database cache.
#
# With Redis away the site keeps serving pages, only slower (see elearning.core.cache): plain
# cache calls fail soft, while allauth's rate limits and used one-time codes fail closed and
# sign-in answers 503 "unavailable for a moment". Short socket timeouts bound what a hung
# Redis costs a request; after a failure Redis is not tried again for a few seconds.

REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT_SECONDS = float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.5"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "elearning.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "elearning",
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
                "circuit_breaker_seconds": 5,
                "warning_interval_seconds": 30,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages are kept for anonymous visitors this many seconds at most (purged sooner when
# anything they show is published or saved); 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# --- Accounts -----------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "elearning.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "elearning.accounts.forms.SignupDetailsForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_RATE_LIMITS = {
    # Logins per address: generous for a shared office connection, hard on guessing.
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
}
# Public certificate checks per client address: the check names the holder, so guessing codes
# is slowed down (allauth's rate-limit format; the cache must be shared between servers).
CERTIFICATE_CHECK_RATE_LIMIT = os.environ.get("CERTIFICATE_CHECK_RATE_LIMIT", "20/m/ip,200/h/ip")
# Personal PDFs (certificates, records, CPD evidence) made per person, in allauth's format;
# a PDF made before, unchanged since, is served from the cache for this long and not counted.
PDF_RENDER_RATE_LIMIT = os.environ.get("PDF_RENDER_RATE_LIMIT", "10/m/user,60/h/user")
PDF_CACHE_SECONDS = int(os.environ.get("PDF_CACHE_SECONDS", "3600"))
# Publishing a library page or toolkit queues the task that makes its PDF
# (elearning/core/page_pdfs.py).
PAGE_PDFS_ON_PUBLISH = env_bool("PAGE_PDFS_ON_PUBLISH", default=True)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
USERSESSIONS_TRACK_ACTIVITY = True
# A device's "last used" time is written at most this often per session
# (elearning/accounts/usersessions.py); sooner when the person, address or browser changes.
USERSESSIONS_ACTIVITY_INTERVAL_SECONDS = int(
    os.environ.get("USERSESSIONS_ACTIVITY_INTERVAL_SECONDS", "60")
)
# One sign-in address per person: a new address replaces the old one once it is verified,
# whether the person or a partnership admin asked for the change.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_FORMS = {
    "reset_password": "elearning.accounts.allauth_forms.ResetPasswordForm",
    # Invited people choose their first password here; it also confirms their address.
    "reset_password_from_key": "elearning.accounts.allauth_forms.ResetPasswordKeyForm",
}

# Behind a load balancer the client's address is taken from a header the balancer sets; with
# no trusted proxy, X-Forwarded-For is ignored (anyone can send it). Rate limits, the session
# list and the supervision access log all read it through elearning.core.net.client_ip.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
# People marked as having left are anonymised this many years after they left (their
# learning records and the figures stay, with the agency they were with at the time).
LEAVER_RETENTION_YEARS = int(os.environ.get("LEAVER_RETENTION_YEARS", "6"))

# --- Supervision --------------------------------------------------------------------------
# A former supervisor may still open and sign a record the supervisee sent them before the
# agreement ended, for this many days.
SUPERVISION_SIGNING_GRACE_DAYS = int(os.environ.get("SUPERVISION_SIGNING_GRACE_DAYS", "14"))
# An agreement may start this many days before it is proposed (a session held just before).
SUPERVISION_AGREEMENT_BACKDATE_DAYS = int(
    os.environ.get("SUPERVISION_AGREEMENT_BACKDATE_DAYS", "7")
)
# After this many minutes without a supervision page, a signed-in person confirms it is them
# (reauthenticates) before supervision pages open again (supervision.middleware).
SUPERVISION_IDLE_TIMEOUT_MINUTES = int(os.environ.get("SUPERVISION_IDLE_TIMEOUT_MINUTES", "30"))

# --- Wagtail ------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "csv", "txt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
# People change their sign-in address through allauth, which verifies the new one first.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# No Gravatar: the content security policy refuses images from other sites, and people's
# e-mail hashes should not go to a third party. Wagtail shows its own default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Background tasks ---------------------------------------------------------------------

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# A task whose worker stopped answering (killed, machine lost) for this long is put back on
# the queue for any worker; each worker proves it is alive every few seconds while it runs.
TASK_STALE_AFTER_SECONDS = int(os.environ.get("TASK_STALE_AFTER_SECONDS", "60"))

# Partnership reports: shares and averages are published only where at least this many
# people are counted (elearning/reports/disclosure.py), and worked-out figures are kept in
# the shared cache this long (elearning/reports/store.py).
REPORTS_MIN_PEOPLE_FOR_RATES = int(os.environ.get("REPORTS_MIN_PEOPLE_FOR_RATES", "20"))
REPORTS_FIGURES_MAX_AGE_SECONDS = int(os.environ.get("REPORTS_FIGURES_MAX_AGE_SECONDS", "900"))
# A task that fails (or whose worker dies) this many times stops and shows under
# Reports → Failed background work, where partnership admins can try it again.
TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "5"))
# The first retry waits this long; each later one waits twice as long as the one before.
TASK_RETRY_DELAY_SECONDS = int(os.environ.get("TASK_RETRY_DELAY_SECONDS", "60"))
# The readiness check fails when a task has waited longer than this for a worker.
TASK_QUEUE_MAX_AGE_SECONDS = int(os.environ.get("TASK_QUEUE_MAX_AGE_SECONDS", "300"))

# --- E-mail -------------------------------------------------------------------------------
# SMTP by default. Staging can keep every message as a file instead: EMAIL_BACKEND set to
# django.core.mail.backends.filebased.EmailBackend and EMAIL_FILE_PATH to a directory. The
# task worker sends the mail, so these matter wherever workers run.

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
# STARTTLS after connecting (usually port 587) or TLS from the start (usually 465): a server
# speaks one or the other, so both on is a mistake that would only show when mail fails.
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
# Seconds to wait for the mail server: without a limit a hung server holds a worker for ever.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "learning@localhost")
# The sender of error reports to the site's administrators.
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Subject prefix of those error reports (account e-mails use ACCOUNT_EMAIL_SUBJECT_PREFIX).
EMAIL_SUBJECT_PREFIX = os.environ.get("EMAIL_SUBJECT_PREFIX", f"[{SITE_NAME}] ")

if EMAIL_USE_TLS and EMAIL_USE_SSL:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "EMAIL_USE_TLS and EMAIL_USE_SSL are both on: turn on EMAIL_USE_TLS for STARTTLS "
        "(usually port 587) or EMAIL_USE_SSL for TLS from the start (usually port 465), not both."
    )
if EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend" and not EMAIL_FILE_PATH:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "The file e-mail backend needs EMAIL_FILE_PATH: the directory to write messages to."
    )

# --- Static and media ---------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Forms --------------------------------------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# --- Language and time --------------------------------------------------------------------

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English"))]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Security -----------------------------------------------------------------------------

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# The site's own pages carry no inline script or style without the per-request nonce, except
# the one line at the top of base.html that marks the page as having JavaScript: it is allowed
# by its hash, so pages that use no nonce can be kept in the page cache and served to every
# anonymous visitor without all of them sharing one nonce (elearning/core/pagecache.py).
# tests/security/test_csp_hashes.py fails when that script changes and its hash does not.
INLINE_SCRIPT_HASHES = ["'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, *INLINE_SCRIPT_HASHES],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# The Wagtail and Django admin screens use inline styles and scripts of their own; they get a
# policy that still blocks other origins but allows those (see core.middleware).
CSP_ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")

# --- Logging ------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.security": {"level": "WARNING"},
        # WeasyPrint reports each layout step at INFO: one line per page of every PDF made.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
MFA_ADAPTER = "elearning.accounts.adapters.MFAAdapter"
