"""The guard on every supervision page: nothing cached, and reauthentication after an idle
spell (supervision.middleware).

Time is moved by ageing what the session remembers: ``idle_for(client, 31)`` moves the last
supervision request and every authentication allauth recorded 31 minutes into the past, which
is the same as the person walking away for 31 minutes.
"""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from django.contrib.messages import get_messages
from django.test import Client, override_settings
from django.urls import reverse

from supervision.middleware import LAST_SEEN_SESSION_KEY
from tests.factories import PASSWORD, role_user, totp_code

from .factories import lock, make_agreement, make_record

pytestmark = pytest.mark.django_db

HOME = "/supervision/"
REAUTHENTICATE = reverse("account_reauthenticate")


def idle_for(client, minutes: float) -> None:
    """Pretend ``minutes`` have passed since the last request and the last sign-in."""
    shift = minutes * 60
    session = client.session
    if LAST_SEEN_SESSION_KEY in session:
        session[LAST_SEEN_SESSION_KEY] -= shift
    records = session.get(AUTHENTICATION_METHODS_SESSION_KEY)
    if records:
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {**record, "at": record["at"] - shift} for record in records
        ]
    session.save()


def no_store(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives and "public" not in directives


def sent_to_reauthenticate(response, next_url: str) -> bool:
    if response.status_code != 302:
        return False
    location = urlsplit(response["Location"])
    return location.path == REAUTHENTICATE and parse_qs(location.query)["next"] == [next_url]


def sign_in_with_password(user) -> Client:
    """A real allauth sign-in (with the authenticator code where the user has one)."""
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    secret = getattr(user, "_totp_secret", None)
    if secret:
        assert response["Location"] == reverse("mfa_authenticate")
        code = totp_code(secret)
        response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    return client


# --- No caching ---------------------------------------------------------------------------


def test_supervision_pages_are_never_stored(login, practitioner):
    response = login(practitioner).get(HOME)
    assert response.status_code == 200
    assert no_store(response), response.get("Cache-Control")


def test_supervision_404s_are_never_stored(login, practitioner):
    client = login(practitioner)
    # A record the person may not see, and a URL that matches nothing at all.
    for url in (reverse("supervision:record_detail", args=[999999]), HOME + "no-such-page/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert no_store(response), url


def test_supervision_redirects_are_never_stored(client):
    response = client.get(HOME)  # anonymous: sent to sign in by the view's login_required
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert no_store(response)


def test_other_pages_are_not_marked_no_store(login, practitioner):
    signed_in = login(practitioner).get(reverse("search"))
    public = Client().get(reverse("search"))
    for response in (signed_in, public):
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", "")


# --- Idle timeout -------------------------------------------------------------------------


def test_anonymous_people_are_left_to_login_required(client):
    response = client.get(HOME)
    assert urlsplit(response["Location"]).path == reverse("account_login")


def test_29_idle_minutes_open_the_page(login, practitioner):
    client = login(practitioner)
    assert client.get(HOME).status_code == 200
    idle_for(client, 29)
    assert client.get(HOME).status_code == 200


def test_31_idle_minutes_ask_for_reauthentication_with_next(login, practitioner):
    client = login(practitioner)
    assert client.get(HOME).status_code == 200
    idle_for(client, 31)
    url = reverse("supervision:agreement_list") + "?tab=ended"
    response = client.get(url)
    assert sent_to_reauthenticate(response, url), response.get("Location")
    assert no_store(response)
    assert "confirm it is you before opening supervision records" in " ".join(
        str(m) for m in get_messages(response.wsgi_request)
    )
    # The message is shown on the reauthentication page.
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "confirm it is you before opening supervision records" in page.content.decode()


def test_after_reauthenticating_the_page_opens(login, practitioner):
    client = login(practitioner)
    client.get(HOME)
    idle_for(client, 31)
    response = client.get(HOME)
    assert sent_to_reauthenticate(response, HOME)
    assert client.get(HOME).status_code == 302  # still asked, however often they try

    confirmed = client.post(response["Location"], {"password": PASSWORD})
    assert confirmed.status_code == 302 and confirmed["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_a_wrong_password_does_not_open_the_pages(login, practitioner):
    client = login(practitioner)
    client.get(HOME)
    idle_for(client, 31)
    location = client.get(HOME)["Location"]
    assert client.post(location, {"password": "not-the-password"}).status_code == 200
    assert sent_to_reauthenticate(client.get(HOME), HOME)


def test_each_supervision_request_restarts_the_clock(login, practitioner):
    client = login(practitioner)
    client.get(HOME)
    idle_for(client, 20)
    assert client.get(HOME).status_code == 200
    idle_for(client, 20)  # 40 minutes since the first page, 20 since the last
    assert client.get(HOME).status_code == 200


def test_other_pages_do_not_restart_the_clock(login, practitioner):
    client = login(practitioner)
    client.get(HOME)
    idle_for(client, 31)
    assert client.get(reverse("dashboard")).status_code == 200
    assert sent_to_reauthenticate(client.get(HOME), HOME)


def test_a_fresh_sign_in_is_not_asked_again(practitioner):
    client = sign_in_with_password(practitioner)
    assert client.get(HOME).status_code == 200


def test_a_fresh_sign_in_wins_over_an_old_supervision_visit(practitioner):
    client = sign_in_with_password(practitioner)
    # A supervision visit two hours ago is still remembered in the session (Django keeps the
    # session's contents when the same person signs in again); the sign-in just now counts.
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = time.time() - 120 * 60
    session.save()
    assert client.get(HOME).status_code == 200


def test_signing_out_and_in_again_starts_a_new_clock(practitioner):
    client = sign_in_with_password(practitioner)
    client.get(HOME)
    idle_for(client, 120)
    client.post(reverse("account_logout"))
    client.post(reverse("account_login"), {"login": practitioner.email, "password": PASSWORD})
    assert client.get(HOME).status_code == 200


def test_the_clock_starts_at_sign_in_not_at_the_first_supervision_page(practitioner):
    client = sign_in_with_password(practitioner)
    idle_for(client, 31)  # signed in 31 minutes ago, no supervision page since
    assert sent_to_reauthenticate(client.get(HOME), HOME)


def test_supervisors_with_mfa_sign_in_and_reauthenticate(supervisor):
    client = sign_in_with_password(supervisor)
    assert client.get(HOME).status_code == 200
    idle_for(client, 31)
    response = client.get(HOME)
    assert sent_to_reauthenticate(response, HOME)
    client.post(response["Location"], {"password": PASSWORD})
    assert client.get(HOME).status_code == 200


@override_settings(SUPERVISION_IDLE_TIMEOUT_MINUTES=5)
def test_a_shorter_timeout_setting_is_respected(login, practitioner):
    client = login(practitioner)
    client.get(HOME)
    idle_for(client, 4)
    assert client.get(HOME).status_code == 200
    idle_for(client, 6)
    assert sent_to_reauthenticate(client.get(HOME), HOME)


@override_settings(SUPERVISION_IDLE_TIMEOUT_MINUTES=60)
def test_a_longer_timeout_setting_is_respected(login, practitioner):
    client = login(practitioner)
    client.get(HOME)
    idle_for(client, 31)
    assert client.get(HOME).status_code == 200
    idle_for(client, 61)
    assert sent_to_reauthenticate(client.get(HOME), HOME)


# --- Form submissions after the timeout ---------------------------------------------------


@pytest.fixture
def locked_record():
    return lock(make_record(make_agreement()))


def test_a_post_after_the_timeout_changes_nothing_until_reauthenticated(login, locked_record):
    client = login(locked_record.supervisee)
    client.get(HOME)
    idle_for(client, 31)
    url = reverse("supervision:addendum_add", args=[locked_record.pk])
    response = client.post(url, {"text": "Correction after a break"})
    assert sent_to_reauthenticate(response, url)
    assert not locked_record.addenda.exists()
    assert "Nothing has been saved yet" in " ".join(
        str(m) for m in get_messages(response.wsgi_request)
    )

    # Once the person has confirmed it is them, allauth sends what they wrote again.
    replayed = client.post(response["Location"], {"password": PASSWORD})
    assert replayed.status_code == 302
    assert replayed["Location"] == locked_record.get_absolute_url()
    assert no_store(replayed)  # the replayed supervision answer is not cached either
    assert locked_record.addenda.get().text == "Correction after a break"


def test_a_forged_post_after_the_timeout_is_refused_not_kept(login, locked_record):
    client = login(locked_record.supervisee)
    client.get(HOME)
    idle_for(client, 31)
    forged = Client(enforce_csrf_checks=True)
    forged.cookies = client.cookies
    url = reverse("supervision:addendum_add", args=[locked_record.pk])
    response = forged.post(url, {"text": "Forged"})
    assert response.status_code == 403  # the CSRF check runs before the idle guard
    assert no_store(response)
    # Nothing was held over to be sent again after the real person reauthenticates.
    location = client.get(HOME)["Location"]
    client.post(location, {"password": PASSWORD})
    assert not locked_record.addenda.exists()


def test_a_record_page_after_the_timeout_is_not_shown_or_logged(login, locked_record):
    from supervision.models import AccessLogEntry

    client = login(locked_record.supervisee)
    client.get(HOME)
    idle_for(client, 31)
    before = AccessLogEntry.objects.count()
    response = client.get(locked_record.get_absolute_url())
    assert sent_to_reauthenticate(response, locked_record.get_absolute_url())
    assert AccessLogEntry.objects.count() == before


def test_someone_else_signing_in_on_the_same_browser_gets_their_own_clock(login, practitioner):
    client = login(practitioner)
    client.get(HOME)
    idle_for(client, 31)
    other = role_user("practitioner")
    client.post(reverse("account_logout"))
    client.post(reverse("account_login"), {"login": other.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(other.pk)
    assert client.get(HOME).status_code == 200
