"""The security headers and cookie flags that production settings give every response."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
SECURITY_SETTINGS = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "X_FRAME_OPTIONS",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "DEBUG",
    "DEMO_MODE",
]


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """The security settings as production.py computes them, read in a separate process."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{k: getattr(settings, k) for k in {SECURITY_SETTINGS!r}}}))"
    )
    dropped = ("DJANGO_ALLOW_ASYNC_UNSAFE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_PRELOAD")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        DJANGO_SETTINGS_MODULE="elearning.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="learning.example.org",
        ENCRYPTION_KEY=Fernet.generate_key().decode(),
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    values = json.loads(out.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


def test_production_turns_on_transport_security_and_cookie_flags(production_settings):
    s = production_settings
    assert s["DEBUG"] is False and s["DEMO_MODE"] is False
    assert s["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SESSION_COOKIE_SECURE"] is True and s["CSRF_COOKIE_SECURE"] is True
    assert s["SESSION_COOKIE_HTTPONLY"] is True
    assert s["SESSION_COOKIE_SAMESITE"] == "Lax" and s["CSRF_COOKIE_SAMESITE"] == "Lax"


@pytest.mark.django_db
def test_responses_carry_the_headers_under_production_settings(production_settings, practitioner):
    applied = {k: v for k, v in production_settings.items() if k != "DEMO_MODE"}
    applied["ALLOWED_HOSTS"] = ["testserver"]
    with override_settings(**applied):
        client = Client(headers={"X-Forwarded-Proto": "https"})
        response = client.get("/")
        assert response.status_code == 200
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")
        assert "includeSubDomains" in response["Strict-Transport-Security"]
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        csp = response["Content-Security-Policy"]
        # The page uses no nonce: its one inline script is allowed by its hash.
        assert "script-src 'self' 'sha256-" in csp and "'unsafe-inline'" not in csp
        assert "'nonce-" not in csp
        assert "Content-Security-Policy-Report-Only" not in response

        # Plain HTTP is sent to HTTPS.
        insecure = Client().get("/")
        assert insecure.status_code == 301
        assert insecure["Location"].startswith("https://")

        client.get(reverse("account_login"))
        response = client.post(
            reverse("account_login"), {"login": practitioner.email, "password": PASSWORD}
        )
        assert response.status_code == 302
        for name in ("sessionid", "csrftoken"):
            morsel = response.cookies[name] if name in response.cookies else client.cookies[name]
            assert morsel["secure"], name
            assert morsel["samesite"] == "Lax", name
        assert response.cookies["sessionid"]["httponly"]


@pytest.mark.django_db
def test_admin_pages_get_a_policy_that_still_blocks_other_origins(login, staff):
    response = login(staff).get("/admin/")
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    assert "nonce-" not in csp
