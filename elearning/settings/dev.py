"""Local development and `make demo`: SQLite, e-mails printed to the console, tasks run at once."""

import os

from elearning.core.crypto import key_from_secret

from .base import *  # noqa: F403
from .base import BASE_DIR, ENCRYPTION_KEYS

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-4f1b8a2c9d7e")
# Without ENCRYPTION_KEY, a key derived from SECRET_KEY: stable across restarts of the demo.
ENCRYPTION_KEYS = ENCRYPTION_KEYS or [key_from_secret(SECRET_KEY)]
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
DEMO_MODE = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# No manifest in development, so templates work before collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

PARTNERSHIP_NAME = os.environ.get(
    "PARTNERSHIP_NAME", "Northbridge Safeguarding Children Partnership"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

if (BASE_DIR / "elearning" / "settings" / "local.py").exists():
    from .local import *  # noqa: F403
