"""No takeover by administration: an admin changing someone's sign-in address.

The new address is stored unverified and sent a link; the person keeps signing in with the old
address (which is told) until they open the link signed in as themselves; they are signed out
everywhere meanwhile; and no password-reset link goes to the address still waiting.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from elearning.accounts.models import User
from elearning.accounts.services import AccountRefusal, email_change_request
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW = "new.address@example.net"


def edit_data(user, **overrides) -> dict:
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "agency": user.agency_id,
        "job_title": user.job_title,
        "is_active": "on",
    }
    data.update(overrides)
    return data


def signed_in_client(user) -> Client:
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200  # the session is now listed
    return client


def confirmation_link(mailoutbox, to: str) -> str:
    mail = next(m for m in mailoutbox if m.to == [to])
    return re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mail.body).group(1)


def test_admin_change_waits_for_the_person_and_tells_the_old_address(
    login, partnership_admin, practitioner, mailoutbox
):
    old = practitioner.email
    persons_browser = signed_in_client(practitioner)
    mailoutbox.clear()

    response = login(partnership_admin).post(
        f"/admin/users/edit/{practitioner.pk}/", edit_data(practitioner, email=NEW)
    )
    assert response.status_code == 302

    # The login address is unchanged; the new one waits, unverified.
    practitioner.refresh_from_db()
    assert practitioner.email == old
    assert EmailAddress.objects.get(user=practitioner, email=old).verified
    pending = EmailAddress.objects.get(user=practitioner, email=NEW)
    assert not pending.verified and not pending.primary

    # The new address gets the link; the old address is told, naming the admin.
    assert {tuple(m.to) for m in mailoutbox} == {(NEW,), (old,)}
    notice = next(m for m in mailoutbox if m.to == [old])
    assert NEW in notice.body and partnership_admin.get_full_name() in notice.body
    assert "/accounts/confirm-email/" not in notice.body

    # The person is signed out everywhere; the old address and password still work.
    assert persons_browser.get(reverse("dashboard")).status_code == 302
    assert (
        Client().post(reverse("account_login"), {"login": old, "password": PASSWORD}).status_code
        == 302
    )


def test_the_link_alone_does_not_change_the_address(
    login, partnership_admin, practitioner, mailoutbox
):
    old = practitioner.email
    mailoutbox.clear()
    login(partnership_admin).post(
        f"/admin/users/edit/{practitioner.pk}/", edit_data(practitioner, email=NEW)
    )
    link = confirmation_link(mailoutbox, NEW)

    # Whoever holds the new mailbox (it may be the admin) opens the link, not signed in.
    holder = Client()
    response = holder.post(link, follow=True)
    assert "sign in with your current address first" in response.content.decode()
    practitioner.refresh_from_db()
    assert practitioner.email == old
    assert not EmailAddress.objects.get(email=NEW).verified

    # A password reset asked for at the waiting address sends no reset link anywhere.
    mailoutbox.clear()
    holder.post(reverse("account_reset_password"), {"email": NEW})
    assert not any("/accounts/password/reset/key/" in m.body for m in mailoutbox)

    # The admin, signed in as themselves, cannot confirm it either (they are signed out).
    admin_browser = login(partnership_admin)
    admin_browser.post(link)
    practitioner.refresh_from_db()
    assert practitioner.email == old


def test_the_person_signed_in_confirms_and_the_new_address_takes_over(
    login, partnership_admin, practitioner, mailoutbox
):
    old = practitioner.email
    mailoutbox.clear()
    login(partnership_admin).post(
        f"/admin/users/edit/{practitioner.pk}/", edit_data(practitioner, email=NEW)
    )
    link = confirmation_link(mailoutbox, NEW)

    persons_browser = signed_in_client(practitioner)
    persons_browser.post(link)

    practitioner.refresh_from_db()
    assert practitioner.email == NEW
    assert list(
        EmailAddress.objects.filter(user=practitioner).values_list("email", "verified")
    ) == [(NEW, True)]
    assert (
        Client().post(reverse("account_login"), {"login": NEW, "password": PASSWORD}).status_code
        == 302
    )
    refused = Client().post(reverse("account_login"), {"login": old, "password": PASSWORD})
    assert refused.status_code == 200


def test_an_address_another_account_uses_is_refused(login, partnership_admin, practitioner):
    other = UserFactory()
    old = practitioner.email
    response = login(partnership_admin).post(
        f"/admin/users/edit/{practitioner.pk}/", edit_data(practitioner, email=other.email)
    )
    assert response.status_code == 200
    practitioner.refresh_from_db()
    assert practitioner.email == old
    assert not EmailAddress.objects.filter(user=practitioner, email=other.email).exists()


def test_an_address_verified_on_another_account_is_refused_by_the_service(
    rf, partnership_admin, practitioner
):
    other = UserFactory()
    EmailAddress.objects.create(user=other, email=NEW, verified=True, primary=False)
    request = rf.post("/")
    request.user = partnership_admin
    with pytest.raises(AccountRefusal, match="Another account"):
        email_change_request(by=partnership_admin, user=practitioner, email=NEW, request=request)
    assert not EmailAddress.objects.filter(user=practitioner, email=NEW).exists()


def test_the_edit_screen_says_a_change_is_waiting(login, partnership_admin, practitioner):
    client = login(partnership_admin)
    client.post(f"/admin/users/edit/{practitioner.pk}/", edit_data(practitioner, email=NEW))
    html = client.get(f"/admin/users/edit/{practitioner.pk}/").content.decode()
    assert f"Waiting for {NEW} to be confirmed" in html


def test_a_newer_request_replaces_one_never_confirmed(login, partnership_admin, practitioner):
    client = login(partnership_admin)
    client.post(f"/admin/users/edit/{practitioner.pk}/", edit_data(practitioner, email=NEW))
    client.post(
        f"/admin/users/edit/{practitioner.pk}/",
        edit_data(practitioner, email="second.try@example.net"),
    )
    assert set(EmailAddress.objects.filter(user=practitioner).values_list("email", flat=True)) == {
        practitioner.email,
        "second.try@example.net",
    }


def test_wagtail_account_settings_do_not_change_the_sign_in_address(login, staff):
    html = login(staff).get("/admin/account/").content.decode()
    assert 'name="name_email-email"' not in html
    assert User.objects.get(pk=staff.pk).email == staff.email
