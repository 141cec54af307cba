"""Browser journeys for accounts, in real Chromium against the live server."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from elearning.accounts.models import User
from tests.factories import PASSWORD, AgencyFactory, UserFactory, frozen_totp_code

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_verify_log_in_set_up_totp_and_log_out(page, live_server, axe):
    AgencyFactory(name="Northbridge Community Health NHS Trust")

    page.goto("/")
    page.get_by_role("link", name="Create an account").first.click()
    page.wait_for_url("**/signup/**")
    axe(page, context_label="sign-up page")
    page.get_by_label("First name").fill("Rosa")
    page.get_by_label("Last name").fill("Lane")
    page.get_by_label("Email").fill("rosa.lane@example.org")
    page.get_by_label("Agency").select_option(
        label="Northbridge Community Health NHS Trust (Health)"
    )
    page.get_by_label("Job title").fill("School nurse")
    page.get_by_label("Password", exact=True).fill("a-long-unusual-passphrase")
    page.get_by_label("Password (again)").fill("a-long-unusual-passphrase")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile("confirm-email"))

    link = re.search(r"http://[^/]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()

    page.goto("/accounts/login/")
    axe(page, context_label="login page")
    page.get_by_label("Email").fill("rosa.lane@example.org")
    page.get_by_label("Password").fill("a-long-unusual-passphrase")
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile("/dashboard/"))
    expect(page.get_by_role("heading", name="Hello, Rosa")).to_be_visible()
    page.goto("/accounts/2fa/totp/activate/")
    # Adding an authenticator asks for the password again, so an unattended session is not enough.
    page.wait_for_url(re.compile("reauthenticate"))
    page.get_by_label("Password").fill("a-long-unusual-passphrase")
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    page.wait_for_url(re.compile("totp/activate"))
    axe(page, context_label="authenticator set-up page")
    secret = page.locator("#authenticator_secret").input_value()
    # The live server is a thread of this process, so it sees the clock stopped too.
    with frozen_totp_code(secret) as code:
        page.get_by_label(re.compile("Authenticator code", re.I)).fill(code)
        page.get_by_role("button", name=re.compile("Activate", re.I)).click()
        page.wait_for_url(re.compile("recovery-codes|2fa"))
    assert (
        User.objects.get(email="rosa.lane@example.org")
        .authenticator_set.filter(type="totp")
        .exists()
    )

    page.goto("/accounts/logout/")
    page.get_by_role("button", name=re.compile("Sign out", re.I)).click()
    page.wait_for_url(re.compile(r"/$"))
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_home_login_and_profile_pages_are_accessible(page, live_server, axe):
    from seeding.library.demo import seed_demo

    seed_demo()
    user = UserFactory()
    page.goto("/")
    axe(page, context_label="home page")
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile("/dashboard/"))
    axe(page, context_label="dashboard")
    page.goto("/profile/")
    axe(page, context_label="profile page")
    page.goto("/accessibility/")
    axe(page, context_label="accessibility statement")
    page.goto("/no-such-page/")
    axe(page, context_label="404 page")


def test_pages_run_under_the_strict_policy_without_violations(page, live_server):
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto("/")
    page.goto("/accounts/login/")
    # GOV.UK Frontend's inline start-up script ran (nonce accepted) and its components started.
    assert "govuk-frontend-supported" in page.evaluate("document.body.className")
    assert page.evaluate("typeof window.GOVUKFrontend") == "object"
    assert violations == []


def test_profile_edit_by_keyboard_alone(page, live_server):
    user = UserFactory(first_name="Kim")
    AgencyFactory(name="Riverside Academy")
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/dashboard/"))
    page.goto("/profile/")
    page.get_by_label("Job title").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Head of year")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Save profile"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Your profile has been saved.")).to_be_visible()
    user.refresh_from_db()
    assert user.job_title == "Head of year"
