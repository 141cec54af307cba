"""Two app servers and one PostgreSQL database: sessions, rate limits and used one-time codes
are shared, whether the shared cache is Redis or (with no REDIS_URL) the database cache.

Requests carry one public host name, as they do behind a load balancer: allauth counts failed
logins per site and address, and the site is taken from the host name.

Each test runs twice: with Redis (skipped, with the reason, where no Redis answers) and with
the database cache. Both need PostgreSQL (CI's PostgreSQL run); elsewhere they are skipped.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, generate_totp_secret, hotp_value
from django.conf import settings
from django.db import connection
from django.test import override_settings

from elearning.accounts import roles
from tests.factories import PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_HOST = "learning.example.org"
REDIS_URL = os.environ.get("SCALE_OUT_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_answers() -> bool:
    host, port = urllib.parse.urlparse(REDIS_URL).hostname, urllib.parse.urlparse(REDIS_URL).port
    try:
        with socket.create_connection((host, port or 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Just enough of a browser: keeps cookies by hand (they are marked Secure) over HTTP."""

    def __init__(self):
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, url, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        # Behind the load balancer every server sees the public host name.
        req = urllib.request.Request(url, data=body, headers={"Host": PUBLIC_HOST})
        if self.cookies:
            req.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(req, timeout=20)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        self.location = response.headers.get("Location", "")
        return response.status, response.read().decode()

    def post_form(self, url, data):
        _, html = self.request(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        return self.request(url, {**data, "csrfmiddlewaretoken": token})

    def login(self, base, email, password):
        return self.post_form(base + "/accounts/login/", {"login": email, "password": password})

    def enter_code(self, base, code):
        return self.post_form(base + "/accounts/2fa/authenticate/", {"code": code})


def database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def server_env(static_root: Path, *, redis_url: str | None) -> dict:
    """Production settings, as on a real app server; only what differs from the environment
    of a real deployment is set (no TLS in front, a local static root)."""
    dropped = ("DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "TRUSTED_PROXY_COUNT")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        DJANGO_SETTINGS_MODULE="elearning.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        # The tests make authenticators in this process, so the servers need its key.
        ENCRYPTION_KEY=",".join(settings.ENCRYPTION_KEYS),
        ALLOWED_HOSTS=f"127.0.0.1,{PUBLIC_HOST}",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url(),
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the scale-out check needs PostgreSQL (run with DATABASE_URL=postgres://...)")


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    needs_postgresql()
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=server_env(root, redis_url=None),
        check=True,
        timeout=300,
    )
    return root


def shared_cache_empty(env: dict, *, redis_url: str | None) -> None:
    """Start from an empty shared cache: Redis database 15, or the database cache's table."""
    if redis_url:
        code = "import redis,sys; redis.Redis.from_url(sys.argv[1]).flushdb()"
        subprocess.run([sys.executable, "-c", code, redis_url], check=True, timeout=30)
        return
    # What the production set-up steps run after migrating (README, make migrate).
    subprocess.run(
        [sys.executable, "manage.py", "createcachetable"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_cache")


@pytest.fixture(params=["redis", "database cache"])
def two_servers(request, tmp_path, static_root):
    needs_postgresql()
    redis_url = REDIS_URL if request.param == "redis" else None
    if redis_url and not redis_answers():
        pytest.skip(f"the Redis run of the scale-out check needs Redis at {REDIS_URL}")
    env = server_env(static_root, redis_url=redis_url)
    shared_cache_empty(env, redis_url=redis_url)
    servers, bases = [], []
    for _ in range(2):
        port = free_port()
        servers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "elearning.wsgi",
                    "-w",
                    "1",
                    "-b",
                    f"127.0.0.1:{port}",
                    "--error-logfile",
                    str(tmp_path / f"{port}.log"),
                ],
                cwd=ROOT,
                env=env,
            )
        )
        bases.append(f"http://127.0.0.1:{port}")
    try:
        for base in bases:
            for _ in range(150):
                try:
                    if urllib.request.urlopen(base + "/healthz", timeout=2).status == 200:  # noqa: S310
                        break
                except OSError:
                    time.sleep(0.2)
            else:
                raise AssertionError(f"{base} did not start")
        yield bases
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def make_user(**kwargs):
    # The servers run production settings, which do not accept the tests' fast MD5 hashes.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        return UserFactory(**kwargs)


@pytest.mark.django_db(transaction=True)
def test_a_session_from_one_server_works_on_the_other(two_servers):
    a, b = two_servers
    user = make_user(first_name="Nadia")
    browser = Browser()
    status, _ = browser.login(a, user.email, PASSWORD)
    assert status == 302
    status, html = browser.request(b + "/dashboard/")
    assert status == 200
    assert "Hello, Nadia" in html


@pytest.mark.django_db(transaction=True)
def test_failed_login_limit_is_counted_across_servers(two_servers):
    a, b = two_servers
    user = make_user()
    # Five wrong passwords, spread over both servers: neither server alone saw five.
    for base in (a, b, a, b, a):
        status, html = Browser().login(base, user.email, "wrong password")
        assert status == 200 and "not correct" in html
    # The right password is now refused on the server that saw only two failures.
    status, html = Browser().login(b, user.email, PASSWORD)
    assert status == 200
    assert "Too many failed login attempts" in html


def code_with_time_to_spare(secret: str, spare: int = 12) -> str:
    """The current code, waiting for the next period if this one ends within ``spare`` seconds
    (the code must still be valid when the second server is asked)."""
    if 30 - time.time() % 30 < spare:
        time.sleep(30 - time.time() % 30 + 0.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.mark.django_db(transaction=True)
def test_one_totp_code_is_accepted_once_across_servers(two_servers):
    a, b = two_servers
    secret = generate_totp_secret()
    user = make_user(groups=[roles.SUPERVISORS_GROUP], totp_secret=secret)
    code = code_with_time_to_spare(secret)

    first = Browser()
    status, _ = first.login(a, user.email, PASSWORD)
    assert status == 302 and first.location.endswith("/accounts/2fa/authenticate/")
    status, _ = first.enter_code(a, code)
    assert status == 302
    assert first.request(a + "/dashboard/")[0] == 200

    # Someone who saw the code typed tries it at once on the other server.
    second = Browser()
    status, _ = second.login(b, user.email, PASSWORD)
    assert status == 302 and second.location.endswith("/accounts/2fa/authenticate/")
    status, html = second.enter_code(b, code)
    assert status == 200
    assert "Incorrect code" in html
    status, _ = second.request(b + "/dashboard/")
    assert status == 302 and "/accounts/login/" in second.location


def _page_cache_state(url: str) -> tuple[str, str]:
    request = urllib.request.Request(url, headers={"Host": PUBLIC_HOST})
    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
        return response.headers.get("X-Page-Cache", ""), response.read().decode()


def shared_cache_settings(mode: str) -> dict:
    """The servers' cache, as production.py and base.py configure it, for this process."""
    if mode == "redis":
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    else:
        backend = {"BACKEND": "django.core.cache.backends.db.DatabaseCache"}
        backend["LOCATION"] = "django_cache"
    return {"default": {**backend, "KEY_PREFIX": "elearning"}}


@pytest.mark.django_db(transaction=True)
def test_a_kept_page_is_shared_and_one_publish_purges_it_everywhere(two_servers, request):
    from elearning.library.site_setup import site_tree_ensure
    from tests.library import factories as library

    # Transactional tests empty the database afterwards, page tree included: put it back.
    site_tree_ensure()
    a, b = two_servers
    guide = library.guide(title="Kept once for both servers")
    assert _page_cache_state(a + guide.url)[0] == "miss"
    # The other server has never built it, and serves what the first one kept.
    state, html = _page_cache_state(b + guide.url)
    assert state == "hit" and "Kept once for both servers" in html

    # An editor publishes through either server (here: this process, on the same cache).
    with override_settings(
        CACHES=shared_cache_settings(request.node.callspec.params["two_servers"])
    ):
        guide.title = "Published again"
        guide.save_revision().publish()
    for base in (b, a):
        state, html = _page_cache_state(base + guide.url)
        assert "Published again" in html, base
    assert state == "hit"
