"""Production: PostgreSQL, Redis, several app servers behind a load balancer, task workers.

Refuses to start without SECRET_KEY, ALLOWED_HOSTS and ENCRYPTION_KEY.
"""

import os

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, ENCRYPTION_KEYS, REDIS_URL, SECRET_KEY, env_bool

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of 50 or more characters.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the host names this site answers to.")
if not ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "ENCRYPTION_KEY must be set to one or more comma-separated Fernet keys (see README)."
    )
for _key in ENCRYPTION_KEYS:
    try:
        Fernet(_key)
    except ValueError as error:
        raise ImproperlyConfigured(
            "ENCRYPTION_KEY holds a value that is not a Fernet key (32 url-safe base64 bytes)."
        ) from error

# Every app server and worker shares one cache: rate limits and used one-time codes must be
# seen by all of them. Redis when REDIS_URL is set (base.py), otherwise the database cache,
# whose table `manage.py createcachetable` makes. Never local memory.
if not REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            "KEY_PREFIX": "elearning",
            # Django culls a third of the entries past MAX_ENTRIES, which would forget rate
            # limits and used codes; expired entries go first, so keep well above the number
            # alive at once.
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }

DEBUG = False
DEMO_MODE = False

# TLS ends at the load balancer, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
if not SECURE_HSTS_PRELOAD:
    # A deliberate choice for domains that must not go on browsers' preload list.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Media on S3-compatible storage when a bucket is named; otherwise local disk (one server only).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES = {
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_S3_FILE_OVERWRITE = False
