"""Redis away is a degraded service, not a broken one.

Reading pages keeps working without the cache; everything that must not fail open (allauth's
rate limits and its record of used one-time codes) answers "Sign-in is unavailable for a
moment" with status 503, and nobody is signed in because Redis is away.

"Unreachable" is a resilient Redis backend pointed at port 1, where nothing listens, so
connections are refused at once. The "reachable" tests need a real Redis (REDIS_URL, or
127.0.0.1:6379) and are skipped, with the reason, where none answers.
"""

import logging
import secrets
from html.parser import HTMLParser

import pytest
import redis
from django.test import Client, override_settings
from django.urls import reverse

from elearning.core import cache as resilient
from elearning.settings.test_redis_down import CACHES as UNREACHABLE_CACHES
from tests.factories import PASSWORD, AgencyFactory, frozen_totp_code, role_user

from .outage import (
    REACHABLE_REDIS_URL,
    UNAVAILABLE,
    assert_unavailable_page,
    needs_redis,
    outage_warnings,
)

# --- Whole requests with Redis away -----------------------------------------------------------


@pytest.mark.django_db
def test_reading_pages_works_without_the_cache(redis_down, caplog):
    from elearning.library.models import OneMinuteGuidePage
    from seeding.library.demo import seed_demo

    seed_demo()
    guide = OneMinuteGuidePage.objects.live().first()
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.WARNING, logger="elearning.core.cache"):
        for url in ("/", guide.url, "/search/?q=neglect", "/accessibility/", "/healthz"):
            response = client.get(url)
            assert response.status_code == 200, url
    # The pages really went to Redis and were built without it.
    assert len(outage_warnings(caplog)) == 1


@pytest.mark.django_db
def test_the_readiness_check_reports_the_cache_as_failing(redis_down):
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert "cache failing: CacheUnavailable" in response.content.decode()
    assert "database ok" in response.content.decode()


@pytest.mark.django_db
def test_people_already_signed_in_keep_reading(redis_down, login):
    client = login(role_user("practitioner"))
    client.raise_request_exception = False
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_sign_in_forms_are_not_shown_when_they_cannot_work(redis_down, name):
    assert_unavailable_page(Client().get(reverse(name)))


@pytest.mark.django_db
def test_the_sign_in_form_is_shown_when_redis_answers():
    # The pre-check is what answers 503 above, not the page itself.
    response = Client().get(reverse("account_login"))
    assert response.status_code == 200
    assert UNAVAILABLE not in response.content.decode()


@pytest.mark.django_db
def test_signing_in_with_the_right_password_is_refused_and_nobody_is_signed_in():
    user = role_user("practitioner")
    data = {"login": user.email, "password": PASSWORD}
    with override_settings(CACHES=UNREACHABLE_CACHES):
        client = Client()
        assert_unavailable_page(client.post(reverse("account_login"), data))
        assert "_auth_user_id" not in client.session
        follow_up = client.get(reverse("dashboard"))
        assert follow_up.status_code == 302
        assert follow_up["Location"].startswith(reverse("account_login"))
    # The same request signs in once the cache is back: the 503 was not a wrong password.
    client = Client()
    assert client.post(reverse("account_login"), data).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_password_reset_is_refused_and_sends_nothing(redis_down, mailoutbox):
    user = role_user("practitioner")
    response = Client().post(reverse("account_reset_password"), {"email": user.email})
    assert_unavailable_page(response)
    assert mailoutbox == []


@pytest.mark.django_db
def test_creating_an_account_is_refused_and_stores_nothing(redis_down):
    from elearning.accounts.models import User

    data = {
        "first_name": "Rosa",
        "last_name": "Lane",
        "email": "rosa.lane@example.org",
        "agency": AgencyFactory().pk,
        "job_title": "School nurse",
        "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase",
    }
    assert_unavailable_page(Client().post(reverse("account_signup"), data))
    assert not User.objects.filter(email="rosa.lane@example.org").exists()


@pytest.mark.django_db
def test_a_correct_one_time_code_is_refused_while_redis_is_away_and_works_after():
    user = role_user("supervisor")
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    # The clock stands still, so the code cannot roll over between the two attempts.
    with frozen_totp_code(user._totp_secret) as code:
        with override_settings(CACHES=UNREACHABLE_CACHES):
            assert_unavailable_page(client.get(reverse("mfa_authenticate")))
            resilient.forget_outages()  # so the POST really reaches the code check
            assert_unavailable_page(client.post(reverse("mfa_authenticate"), {"code": code}))
            assert "_auth_user_id" not in client.session
            assert client.get(reverse("dashboard")).status_code == 302

        # The code was not used up by the refused attempt.
        ok = client.post(reverse("mfa_authenticate"), {"code": code})
        assert ok.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)


@needs_redis
@pytest.mark.django_db
def test_signing_in_works_through_the_resilient_backend_when_redis_answers():
    prefix = f"outage-test-{secrets.token_hex(6)}"
    caches = {
        "default": {
            "BACKEND": "elearning.core.cache.ResilientRedisCache",
            "LOCATION": REACHABLE_REDIS_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    user = role_user("practitioner")
    try:
        with override_settings(CACHES=caches):
            client = Client()
            assert client.get(reverse("account_login")).status_code == 200
            response = client.post(
                reverse("account_login"), {"login": user.email, "password": PASSWORD}
            )
            assert response.status_code == 302
            assert client.session["_auth_user_id"] == str(user.pk)
            # The rate limit really was kept in Redis.
            keys = redis.Redis.from_url(REACHABLE_REDIS_URL).keys(f"{prefix}:*allauth:rl:*")
            assert keys
    finally:
        client = redis.Redis.from_url(REACHABLE_REDIS_URL)
        stale = list(client.scan_iter(match=f"{prefix}:*"))
        if stale:
            client.delete(*stale)


# --- The page itself --------------------------------------------------------------------------


class _Outline(HTMLParser):
    """Just enough structure for the checks a screen reader user relies on."""

    def __init__(self):
        super().__init__()
        self.html_lang = None
        self.title = ""
        self.h1s = 0
        self.ids: set[str] = set()
        self.skip_target = None
        self.main = 0
        self.links_without_text = 0
        self._in_title = False
        self._link_text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            self.h1s += 1
        elif tag == "main":
            self.main += 1
        elif tag == "a":
            if "govuk-skip-link" in (attrs.get("class") or ""):
                self.skip_target = (attrs.get("href") or "").lstrip("#")
            self._link_text = []

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "a" and self._link_text is not None:
            if not "".join(self._link_text).strip():
                self.links_without_text += 1
            self._link_text = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._link_text is not None:
            self._link_text.append(data)


@pytest.mark.django_db
def test_the_unavailable_page_is_a_proper_site_page(redis_down):
    response = Client().get(reverse("account_login"))
    assert_unavailable_page(response)
    outline = _Outline()
    outline.feed(response.content.decode())
    assert outline.html_lang == "en-GB"
    assert outline.title.strip().startswith(UNAVAILABLE)
    assert outline.h1s == 1
    assert outline.main == 1
    assert outline.skip_target and outline.skip_target in outline.ids
    assert outline.links_without_text == 0
    # Built like every other page: the site's header and the content security policy.
    assert "govuk-service-navigation" in response.content.decode()
    assert "Content-Security-Policy" in response
