"""E-mail settings come wholly from the environment, and contradictory ones stop start-up.

Each case loads the settings in a fresh interpreter, so no other test sees the environment
used here.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
NAMES = [
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_TIMEOUT",
    "EMAIL_FILE_PATH",
    "EMAIL_SUBJECT_PREFIX",
    "DEFAULT_FROM_EMAIL",
    "SERVER_EMAIL",
]
PRINT_SETTINGS = (
    "import json; from django.conf import settings; "
    f"print(json.dumps({{name: getattr(settings, name) for name in {NAMES!r}}}))"
)


def load(module: str = "production", **environ: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in NAMES and key not in {"SITE_NAME", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": f"elearning.settings.{module}",
            "SECRET_KEY": "s" * 60,
            "ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": "learning.example.org",
            **environ,
        }
    )
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def settings_from(module: str = "production", **environ: str) -> dict:
    result = load(module, **environ)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults():
    values = settings_from()
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["EMAIL_HOST"] == "localhost"
    assert values["EMAIL_PORT"] == 25
    assert values["EMAIL_USE_TLS"] is False
    assert values["EMAIL_USE_SSL"] is False
    # A hung mail server cannot hold a task worker for ever.
    assert values["EMAIL_TIMEOUT"] == 10
    assert values["DEFAULT_FROM_EMAIL"] == "learning@localhost"
    assert values["SERVER_EMAIL"] == values["DEFAULT_FROM_EMAIL"]
    assert values["EMAIL_SUBJECT_PREFIX"] == "[Safeguarding learning hub] "


def test_every_email_setting_comes_from_the_environment():
    values = settings_from(
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="465",
        EMAIL_HOST_USER="mailer",
        EMAIL_HOST_PASSWORD="not-a-real-password",
        EMAIL_USE_SSL="1",
        EMAIL_TIMEOUT="30",
        DEFAULT_FROM_EMAIL="learning@example.org",
        SERVER_EMAIL="errors@example.org",
        EMAIL_SUBJECT_PREFIX="[Learning hub errors] ",
    )
    assert values["EMAIL_HOST"] == "smtp.example.org"
    assert values["EMAIL_PORT"] == 465
    assert values["EMAIL_HOST_USER"] == "mailer"
    assert values["EMAIL_HOST_PASSWORD"] == "not-a-real-password"
    assert values["EMAIL_USE_SSL"] is True and values["EMAIL_USE_TLS"] is False
    assert values["EMAIL_TIMEOUT"] == 30
    assert values["DEFAULT_FROM_EMAIL"] == "learning@example.org"
    assert values["SERVER_EMAIL"] == "errors@example.org"
    assert values["EMAIL_SUBJECT_PREFIX"] == "[Learning hub errors] "


def test_server_email_follows_the_from_address_unless_set():
    values = settings_from(DEFAULT_FROM_EMAIL="learning@example.org")
    assert values["SERVER_EMAIL"] == "learning@example.org"


def test_file_backend_for_staging(tmp_path):
    values = settings_from(
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path),
    )
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert values["EMAIL_FILE_PATH"] == str(tmp_path)


def test_file_backend_without_a_directory_refuses_to_start():
    result = load(EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "EMAIL_FILE_PATH" in result.stderr


@pytest.mark.parametrize("module", ["production", "dev", "test"])
def test_tls_and_ssl_together_refuse_to_start(module):
    result = load(module, EMAIL_USE_TLS="1", EMAIL_USE_SSL="true")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "EMAIL_USE_TLS and EMAIL_USE_SSL are both on" in result.stderr


def test_tls_alone_is_accepted():
    values = settings_from(EMAIL_USE_TLS="yes", EMAIL_PORT="587")
    assert values["EMAIL_USE_TLS"] is True and values["EMAIL_USE_SSL"] is False
    assert values["EMAIL_PORT"] == 587


def test_development_prints_emails_unless_told_otherwise():
    assert settings_from("dev")["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    values = settings_from("dev", EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend")
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"


def test_the_suite_keeps_emails_in_memory():
    values = settings_from("test", EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend")
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.locmem.EmailBackend"
    assert values["EMAIL_TIMEOUT"] == 10
