"""Two app servers, one PostgreSQL database and one Redis: sessions and rate limits are shared.

Requests carry one public host name, as they do behind a load balancer: allauth counts failed
logins per site and address, and the site is taken from the host name.

Runs only where both services exist (CI's PostgreSQL run has them); elsewhere it is skipped
with the reason.
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
from django.db import connection
from django.test import override_settings

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
        return response.status, response.read().decode()

    def login(self, base, email, password):
        _, html = self.request(base + "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        return self.request(
            base + "/accounts/login/",
            {"login": email, "password": password, "csrfmiddlewaretoken": token},
        )


@pytest.fixture
def two_servers(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the scale-out check needs PostgreSQL (run with DATABASE_URL=postgres://...)")
    if not redis_answers():
        pytest.skip(f"the scale-out check needs Redis at {REDIS_URL}")
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="elearning.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS=f"127.0.0.1,{PUBLIC_HOST}",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        STATIC_ROOT=str(tmp_path / "static"),
        LOG_LEVEL="WARNING",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=180,
    )
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import redis,sys; redis.Redis.from_url(sys.argv[1]).flushdb()",
            REDIS_URL,
        ],
        check=True,
        timeout=30,
    )
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
            for _ in range(100):
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
