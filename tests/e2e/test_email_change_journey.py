"""Browser journey: a partnership admin changes someone's address; the person confirms it while
signed in, in real Chromium against the live server, with axe on each page."""

import re

import pytest
from django.core import mail
from django.test import RequestFactory
from playwright.sync_api import expect

from elearning.accounts.models import User
from elearning.accounts.services import email_change_request
from tests.factories import PASSWORD, UserFactory, role_user

pytestmark = pytest.mark.django_db(transaction=True)

NEW = "kim.new@example.net"


def test_person_confirms_an_address_an_admin_asked_for(page, live_server, axe):
    person = UserFactory(first_name="Kim")
    old = person.email
    admin = role_user("admin")
    request = RequestFactory().post("/admin/users/", SERVER_NAME="testserver")
    request.user = admin
    email_change_request(by=admin, user=person, email=NEW, request=request)
    link = re.search(
        r"http://[^/]+(/accounts/confirm-email/\S+/)",
        next(m for m in mail.outbox if m.to == [NEW]).body,
    ).group(1)

    # Opened without signing in, the link changes nothing and says what to do.
    page.goto(link)
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    page.wait_for_url(re.compile("/accounts/login/"))
    expect(page.get_by_text("sign in with your current address first")).to_be_visible()
    axe(page, context_label="login page after a refused confirmation")
    assert User.objects.get(pk=person.pk).email == old

    page.get_by_label("Email").fill(old)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile("/dashboard/"))

    page.goto("/accounts/email/")
    expect(page.get_by_label("Changing to")).to_have_value(NEW)
    axe(page, context_label="sign-in address page with a change waiting")

    page.goto(link)
    axe(page, context_label="confirm address page")
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    page.wait_for_load_state("load")
    assert User.objects.get(pk=person.pk).email == NEW
    page.goto("/accounts/email/")
    expect(page.get_by_label("Current address")).to_have_value(NEW)
