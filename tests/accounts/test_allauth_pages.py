"""Every allauth page the site uses is in the site's own words and GOV.UK styles.

Each page is rendered as the person who would see it and checked for allauth's Title Case
labels, unstyled links, and (after an action) the GOV.UK success banner.
"""

import re
import time

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory, role_user

pytestmark = pytest.mark.django_db

# allauth's own wording that must not appear on the site's pages.
TITLE_CASE = [
    "Sign Out",
    "Sign In",
    "Confirm Access",
    "Change Password",
    "Set Password",
    "Password Reset",
    "Reset My Password",
    "Bad Token",
    "Account Inactive",
    "Verify Your Email Address",
    "Confirm Email Address",
    "Two-Factor Authentication",
    "Authenticator App",
    "Activate Authenticator App",
    "Deactivate Authenticator App",
    "Recovery Codes",
    "Sign Out Other Sessions",
    "Started At",
    "IP Address",
    "Last seen at",
    "Please reauthenticate",
    "Alternative options",
    "Mozilla/5.0",  # raw user agents are not shown as device names
    "Remember Me",
    "Current Password",
    "New Password",
]

CHROME_ON_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36"
)


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def assert_site_style(html: str) -> None:
    main = main_of(html)
    visible = re.sub(r"<[^>]+>", " ", main)
    for words in TITLE_CASE:
        assert words not in visible, f"{words!r} on the page"
    assert "placeholder=" not in main, "GOV.UK forms do not use placeholders"
    for tag in re.findall(r"<a\b[^>]*>", main):
        assert re.search(r'class="[^"]*govuk-', tag), f"unstyled link {tag}"
    assert "govuk-heading-l" in main


def fresh_sign_in(client: Client, user) -> None:
    """Mark the session as just authenticated, as allauth does after a sign-in, so pages that
    ask for recent authentication (authenticator set-up) open."""
    from allauth.account.internal.userkit import user_id_to_str

    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "email": user.email, "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = user_id_to_str(user)
    session.save()


def signed_in(user, **extra) -> Client:
    client = Client(HTTP_USER_AGENT=CHROME_ON_WINDOWS, **extra)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


ANONYMOUS_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "account_inactive",
    "account_email_verification_sent",
]


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_sign_in_pages_are_in_the_sites_words(name):
    response = Client().get(reverse(name))
    assert response.status_code == 200
    assert_site_style(response.content.decode())


def test_a_forged_reset_link_says_plainly_it_does_not_work():
    url = reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "bad-key"})
    html = Client().get(url).content.decode()
    assert "This link does not work" in html and "Ask for a new link" in html
    assert_site_style(html)


def test_a_good_reset_link_asks_for_a_new_password(practitioner):
    key = default_token_generator.make_token(practitioner)
    uid = user_pk_to_url_str(practitioner)
    client = Client()
    url = reverse("account_reset_password_from_key", kwargs={"uidb36": uid, "key": key})
    html = client.get(client.get(url)["Location"]).content.decode()
    assert "Choose a new password" in html and "Save password" in html
    assert_site_style(html)


def test_a_forged_confirmation_link_says_plainly_it_does_not_work(practitioner):
    html = (
        signed_in(practitioner)
        .get(reverse("account_confirm_email", kwargs={"key": "forged"}))
        .content.decode()
    )
    assert "This link has run out or does not work" in html
    assert_site_style(html)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("account_logout", "Sign out"),
        ("account_reauthenticate", "Confirm it is you"),
        ("account_email", "Your sign-in e-mail address"),
        ("account_change_password", "Change your password"),
        ("accounts:profile", "Your profile"),
        ("mfa_index", "Two-factor authentication"),
        ("usersessions_list", "Signed-in devices"),
    ],
)
def test_account_pages_are_in_the_sites_words(practitioner, name, words):
    response = signed_in(practitioner).get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert words in html
    assert_site_style(html)


def test_setting_up_an_authenticator_is_in_the_sites_words(practitioner):
    client = signed_in(practitioner)
    fresh_sign_in(client, practitioner)
    html = client.get(reverse("mfa_activate_totp")).content.decode()
    assert "Set up an authenticator app" in html and "Activate authenticator app" in html
    assert_site_style(html)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("mfa_index", "Your authenticator app is set up."),
        ("mfa_deactivate_totp", "Turn off your authenticator app"),
        ("mfa_generate_recovery_codes", "Make new recovery codes"),
        ("mfa_reauthenticate", "Confirm it is you"),
    ],
)
def test_authenticator_pages_are_in_the_sites_words(supervisor, name, words):
    client = signed_in(supervisor)
    fresh_sign_in(client, supervisor)
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert words in html
    assert_site_style(html)


def test_recovery_codes_page_is_in_the_sites_words(supervisor):
    client = signed_in(supervisor)
    fresh_sign_in(client, supervisor)
    client.post(reverse("mfa_generate_recovery_codes"))
    html = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert "Recovery codes" in html and "Download codes" in html
    assert_site_style(html)


def test_the_code_stage_of_signing_in_is_in_the_sites_words():
    user = role_user("supervisor")
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    html = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Enter your authenticator code" in html
    assert_site_style(html)


def test_sessions_list_names_devices_and_signs_out_the_others_with_a_success_banner():
    user = UserFactory()
    phone = Client(
        HTTP_USER_AGENT="Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) "
        "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
    )
    desk = Client(HTTP_USER_AGENT=CHROME_ON_WINDOWS)
    for client in (phone, desk):
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    html = desk.get(reverse("usersessions_list")).content.decode()
    assert "Chrome on Windows" in html and "Safari on iPhone" in html
    assert "This device" in html and "Sign out other sessions" in html
    assert_site_style(html)
    done = desk.post(reverse("usersessions_list"), follow=True).content.decode()
    assert "govuk-notification-banner--success" in done
    assert "You have signed out of your other sessions." in done
    assert ">Important<" not in done
    assert phone.get(reverse("usersessions_list")).status_code == 302  # signed out


def test_changing_the_password_shows_the_success_banner(practitioner):
    client = signed_in(practitioner)
    fresh_sign_in(client, practitioner)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another-long-passphrase",
            "password2": "another-long-passphrase",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "govuk-notification-banner--success" in html
    assert "Your password has been changed." in html
