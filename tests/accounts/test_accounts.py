"""Sign-up, e-mail verification, login, MFA and the refusals around them."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client, override_settings
from django.urls import reverse

from elearning.accounts.models import Sector, User
from tests.factories import PASSWORD, AgencyFactory, UserFactory, frozen_totp_code, role_user

pytestmark = pytest.mark.django_db


def signup_data(agency_obj, **overrides):
    data = {
        "first_name": "Rosa",
        "last_name": "Lane",
        "email": "rosa.lane@example.org",
        "agency": agency_obj.pk,
        "job_title": "School nurse",
        "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase",
    }
    data.update(overrides)
    return data


def test_signup_needs_email_verification_before_login(client, mailoutbox):
    agency = AgencyFactory()
    response = client.post(reverse("account_signup"), signup_data(agency))
    assert response.status_code == 302
    user = User.objects.get(email="rosa.lane@example.org")
    assert (user.agency, user.job_title, user.first_name) == (agency, "School nurse", "Rosa")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mailoutbox[0].body).group(
        1
    )

    # Not signed in until the address is verified.
    assert client.get(reverse("dashboard")).status_code == 302

    client.post(link)
    assert EmailAddress.objects.get(user=user).verified
    response = client.post(
        reverse("account_login"),
        {"login": "rosa.lane@example.org", "password": "a-long-unusual-passphrase"},
    )
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_signup_refuses_unknown_agency_and_stores_nothing(client):
    agency = AgencyFactory()
    response = client.post(reverse("account_signup"), signup_data(agency, agency=999999))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(email="rosa.lane@example.org").exists()


def test_login_with_unverified_email_is_held_at_verification(client, mailoutbox):
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("dashboard")).status_code == 302
    assert len(mailoutbox) == 1


def test_wrong_password_is_refused_with_a_message(client, practitioner):
    response = client.post(
        reverse("account_login"), {"login": practitioner.email, "password": "not-the-password"}
    )
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signup_with_existing_email_does_not_reveal_the_account(client, practitioner, mailoutbox):
    agency = AgencyFactory()
    fresh = client.post(
        reverse("account_signup"), signup_data(agency, email="new.person@example.org")
    )
    existing = Client().post(
        reverse("account_signup"), signup_data(agency, email=practitioner.email)
    )
    assert fresh.status_code == existing.status_code == 302
    assert fresh["Location"] == existing["Location"]
    # The owner of the existing address is told instead.
    assert any(practitioner.email in m.to for m in mailoutbox)
    assert User.objects.filter(email=practitioner.email).count() == 1


def test_password_reset_answers_the_same_for_unknown_addresses(client, practitioner, mailoutbox):
    known = client.post(reverse("account_reset_password"), {"email": practitioner.email})
    unknown = Client().post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len([m for m in mailoutbox if practitioner.email in m.to]) == 1


@override_settings(ACCOUNT_RATE_LIMITS={"login": "3/m/ip", "login_failed": "10/m/ip,5/300s/key"})
def test_login_rate_limit_answers_429_after_the_limit(client, practitioner):
    for _ in range(3):
        response = client.post(
            reverse("account_login"), {"login": practitioner.email, "password": "x"}
        )
        assert response.status_code == 200
    response = client.post(
        reverse("account_login"), {"login": practitioner.email, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failed_logins_lock_the_account_for_a_while(client, practitioner):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": practitioner.email, "password": "wrong"})
    response = client.post(
        reverse("account_login"), {"login": practitioner.email, "password": PASSWORD}
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_open_redirect_in_next_is_ignored(client, practitioner):
    response = client.post(
        reverse("account_login") + "?next=https://evil.example/steal",
        {"login": practitioner.email, "password": PASSWORD, "next": "https://evil.example/steal"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert response["Location"] == reverse("dashboard")


def test_wagtail_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=%2Fadmin%2Fpages%2F" in response["Location"]
    # An off-site next is dropped here too.
    response = client.get("/admin/login/?next=https://evil.example/")
    assert "evil.example" not in response["Location"]


def test_wagtail_admin_sends_anonymous_people_to_allauth(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_django_admin_login_goes_through_allauth(client):
    response = client.get("/django-admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_practitioner_is_refused_the_admin(login, practitioner):
    response = login(practitioner).get("/admin/")
    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()


def test_practitioner_is_refused_the_django_admin(login, practitioner):
    response = login(practitioner).get("/django-admin/", follow=True)
    assert response.status_code == 403


def test_staff_with_mfa_reach_the_wagtail_admin(login, staff):
    assert login(staff).get("/admin/").status_code == 200


@pytest.mark.parametrize("role", ["supervisor", "staff", "moderator", "admin"])
def test_roles_that_need_mfa_are_sent_to_set_it_up(login, role):
    user = UserFactory(groups=[role_user(role).groups.first().name])
    client = login(user)
    for url in (reverse("dashboard"), "/", "/admin/", reverse("accounts:profile")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp")
    # The set-up page itself is reachable.
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)


def test_practitioners_do_not_have_to_set_up_mfa(login, practitioner):
    assert login(practitioner).get(reverse("dashboard")).status_code == 200


def test_login_with_mfa_asks_for_a_code_and_refuses_a_reused_one(client):
    user = role_user("supervisor")
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    # The clock stands still, so the code cannot roll over to the next 30-second period
    # mid-test (on a loaded machine it did, and the test failed).
    with frozen_totp_code(user._totp_secret) as code:
        wrong = client.post(
            reverse("mfa_authenticate"), {"code": "000000" if code != "000000" else "111111"}
        )
        assert wrong.status_code == 200
        assert "_auth_user_id" not in client.session

        ok = client.post(reverse("mfa_authenticate"), {"code": code})
        assert ok.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)

        # Somebody who watched the code being typed cannot use it again.
        other = Client()
        other.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        reused = other.post(reverse("mfa_authenticate"), {"code": code})
        assert reused.status_code == 200
        assert "_auth_user_id" not in other.session


def test_profile_shows_and_saves_own_details(login, practitioner):
    client = login(practitioner)
    new_agency = AgencyFactory(name="Riverside Academy")
    response = client.get(reverse("accounts:profile"))
    assert practitioner.email in response.content.decode()
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Ana",
            "last_name": "Silva",
            "agency": new_agency.pk,
            "job_title": "Teacher",
        },
    )
    assert response.status_code == 302
    practitioner.refresh_from_db()
    assert (practitioner.first_name, practitioner.agency, practitioner.job_title) == (
        "Ana",
        new_agency,
        "Teacher",
    )


def test_profile_refuses_a_tampered_agency_and_changes_nothing(login, practitioner):
    before = (practitioner.first_name, practitioner.agency_id, practitioner.job_title)
    response = login(practitioner).post(
        reverse("accounts:profile"),
        {"first_name": "Changed", "last_name": "X", "agency": "99999", "job_title": "Y"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    practitioner.refresh_from_db()
    assert (practitioner.first_name, practitioner.agency_id, practitioner.job_title) == before


def test_profile_refuses_blank_required_fields(login, practitioner):
    response = login(practitioner).post(
        reverse("accounts:profile"),
        {"first_name": "", "last_name": "", "agency": practitioner.agency_id, "job_title": ""},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    practitioner.refresh_from_db()
    assert practitioner.first_name


def test_profile_needs_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302


def test_other_sessions_can_be_signed_out(client, practitioner):
    other_device = Client()
    for c in (client, other_device):
        c.post(reverse("account_login"), {"login": practitioner.email, "password": PASSWORD})
    assert other_device.get(reverse("dashboard")).status_code == 200
    response = client.get(reverse("usersessions_list"))
    assert response.status_code == 200
    client.post(reverse("usersessions_list"))
    assert client.get(reverse("dashboard")).status_code == 200
    assert other_device.get(reverse("dashboard")).status_code == 302


def test_wagtail_private_page_login_goes_through_allauth(client):
    response = client.get("/_util/login/?next=/private/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fprivate%2F"
    assert client.post("/_util/login/", {"username": "x", "password": "y"}).status_code == 302


def test_profile_page_cost_does_not_grow_with_the_number_of_people(login, practitioner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(practitioner)
    UserFactory.create_batch(5, agency=practitioner.agency)
    client.get(reverse("accounts:profile"))
    with CaptureQueriesContext(connection) as few:
        html_few = client.get(reverse("accounts:profile")).content
    UserFactory.create_batch(195, agency=practitioner.agency)
    with CaptureQueriesContext(connection) as many:
        html_many = client.get(reverse("accounts:profile")).content
    assert len(many) == len(few)
    assert len(html_many) == len(html_few)  # no list of everyone on the page


def test_agency_choices_name_each_agency_with_its_sector():
    from elearning.accounts.forms import SignupDetailsForm

    agency = AgencyFactory(name="Riverside Primary", sector=Sector.EDUCATION)
    choices = dict(SignupDetailsForm().fields["agency"].choices)
    assert choices[agency.pk] == "Riverside Primary (Education)"
