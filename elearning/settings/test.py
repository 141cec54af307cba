"""Test settings: fast hashing, in-memory mail and cache, tasks run immediately."""

import os

from elearning.core.crypto import key_from_secret

from .base import *  # noqa: F403
from .base import ENCRYPTION_KEYS

DEBUG = False
SECRET_KEY = "test-only-not-secret-0c5d3e7a1b"
ENCRYPTION_KEYS = ENCRYPTION_KEYS or [key_from_secret(SECRET_KEY)]
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DEMO_MODE = False

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    # Lets tests prove that queued work really runs in the production worker.
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tasks run at once here, so a PDF at every publish would slow every test that makes pages;
# the tests of stored PDFs turn it on, and the PDF views still make a missing one on demand.
PAGE_PDFS_ON_PUBLISH = False
if os.environ.get("REDIS_URL"):
    # Only the scale-out tests read this; the suite itself keeps a per-process cache.
    TEST_REDIS_URL = os.environ["REDIS_URL"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# Templates used only by the tests (for example a sample dashboard panel).
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "tests" / "templates"]  # noqa: F405
