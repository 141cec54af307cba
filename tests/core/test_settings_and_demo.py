import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]


DEPLOY_CHECK = ("check", "--deploy", "--fail-level", "WARNING")


def run_production(env_overrides: dict, *command: str) -> subprocess.CompletedProcess:
    dropped = (
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "ENCRYPTION_KEY",
        "REDIS_URL",
        "TRUSTED_PROXY_COUNT",
        "TRUSTED_CLIENT_IP_HEADER",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    )
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update({"DJANGO_SETTINGS_MODULE": "elearning.settings.production", **env_overrides})
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            *(command or ("check", "--deploy", "--fail-level", "WARNING")),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_production_check(env_overrides: dict) -> subprocess.CompletedProcess:
    return run_production(env_overrides)


def required(**overrides) -> dict:
    env = {
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "learning.example.org",
        "ENCRYPTION_KEY": Fernet.generate_key().decode(),
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def production_setting(code: str, **env) -> str:
    result = run_production(required(**env), "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_refuses_to_start_without_secret_key():
    result = run_production_check(required(SECRET_KEY=None))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_production_check(required(ALLOWED_HOSTS=None))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must list" in result.stderr


def test_production_refuses_to_start_without_encryption_key():
    result = run_production_check(required(ENCRYPTION_KEY=None))
    assert result.returncode != 0
    assert "ENCRYPTION_KEY must be set" in result.stderr


def test_production_refuses_an_encryption_key_that_is_not_a_fernet_key():
    result = run_production_check(required(ENCRYPTION_KEY=f"{Fernet.generate_key().decode()},oops"))
    assert result.returncode != 0
    assert "not a Fernet key" in result.stderr


def test_production_passes_deployment_checks():
    result = run_production_check(required())
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_encrypts_with_the_first_of_several_keys():
    first, second = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    code = (
        "from elearning.core import crypto; from cryptography.fernet import Fernet; "
        f"t = crypto.encrypt('x'); Fernet({first!r}).decrypt(t.encode()); "
        f"print(crypto.decrypt(Fernet({second!r}).encrypt(b'y').decode()))"
    )
    assert production_setting(code, ENCRYPTION_KEY=f"{first}, {second}") == "y"


def test_production_shares_one_cache_redis_or_the_database_never_local_memory():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    assert production_setting(code) == "django.core.cache.backends.db.DatabaseCache"
    with_redis = production_setting(code, REDIS_URL="redis://cache:6379/0")
    assert with_redis == "elearning.core.cache.ResilientRedisCache"


def test_trusted_proxy_settings_come_from_the_environment():
    code = (
        "from allauth import app_settings as s; "
        "print(s.TRUSTED_PROXY_COUNT, s.TRUSTED_CLIENT_IP_HEADER)"
    )
    assert production_setting(code) == "0 None"
    assert production_setting(code, TRUSTED_PROXY_COUNT="1") == "1 None"
    assert production_setting(code, TRUSTED_CLIENT_IP_HEADER="X-Real-IP") == "0 X-Real-IP"


@pytest.mark.django_db
def test_demo_code_hint_only_in_demo_mode(client):
    from tests.factories import PASSWORD, role_user

    user = role_user("supervisor")
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert (
        'data-testid="demo-totp"' not in client.get("/accounts/2fa/authenticate/").content.decode()
    )
    with override_settings(DEMO_MODE=True):
        html = client.get("/accounts/2fa/authenticate/").content.decode()
    assert 'data-testid="demo-totp"' in html
