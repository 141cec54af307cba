"""The People area (Wagtail's user screens for partnership admins): the list, inviting,
changing roles, deactivating and reactivating, and the refusals each of those must make.

Whoever can open an account or change a role decides who sees what, so every refusal here is
tested as an attack: the wrong role, one's own account, a tampered id, a duplicate or bad
address, a post without a CSRF token. Each must change nothing.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import ModelLogEntry

from elearning.accounts import roles
from elearning.accounts.models import RoleChange, User
from tests.factories import PASSWORD, AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

INVITE_URL = "/admin/users/new/"


def group(name: str) -> Group:
    return Group.objects.get(name=name)


def invite_data(agency, **overrides) -> dict:
    data = {
        "email": "Jo.Bloggs@Example.org",
        "first_name": "Jo",
        "last_name": "Bloggs",
        "agency": agency.pk,
        "job_title": "Health visitor",
        "groups": [group(roles.SUPERVISORS_GROUP).pk],
    }
    data.update(overrides)
    return data


def listing(client) -> str:
    return client.get("/admin/users/").content.decode()


# --- The list ------------------------------------------------------------------------------


def test_list_shows_agency_roles_mfa_and_last_sign_in(login, partnership_admin, supervisor):
    practitioner = UserFactory(agency=AgencyFactory(name="Riverside Academy"))
    html = listing(login(partnership_admin))
    for heading in ("Agency", "Partnership roles", "Two-factor", "Last signed in"):
        assert f">{heading}" in html or f"> {heading}" in html or heading in html
    row = html[html.index(practitioner.email) - 3000 : html.index(practitioner.email) + 2500]
    assert "Riverside Academy" in row
    level = re.findall(r'<td class="level">\s*(.*?)\s*</td>', html, re.S)
    assert level and all(cell.strip() for cell in level), "the access-level column is empty"
    assert "Supervisors" in level and "Practitioner" in level
    assert "Set up" in html  # the supervisor has an authenticator
    assert "Not set up" in html  # the practitioner has none


def test_list_filters_offer_partnership_roles_only(login, partnership_admin):
    html = listing(login(partnership_admin))
    offered = set(re.findall(r'name="group" value="\d+"[^>]*>\s*([^<]+?)\s*</label>', html))
    assert offered == set(roles.PARTNERSHIP_GROUPS)
    assert 'name="is_superuser"' not in html


def test_roles_tab_of_the_editor_offers_partnership_roles_only(
    login, partnership_admin, practitioner
):
    html = login(partnership_admin).get(f"/admin/users/edit/{practitioner.pk}/").content.decode()
    offered = set(re.findall(r'name="groups" value="\d+"[^>]*>\s*([^<]+?)\s*</label>', html))
    assert offered == set(roles.PARTNERSHIP_GROUPS)
    assert "Editors" not in offered and "Moderators" not in offered
    assert 'name="is_active"' not in html  # deactivating has its own confirmation screen


def test_list_makes_the_same_queries_for_few_and_many_people(login, partnership_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(partnership_admin)
    supervisors = group(roles.SUPERVISORS_GROUP)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/users/").status_code == 200
        return len(queries)

    count()  # the first request also fills per-process caches (content types, settings)
    for _ in range(3):
        UserFactory(groups=[supervisors.name], totp_secret=True)
    few = count()
    for _ in range(15):
        UserFactory(groups=[supervisors.name], totp_secret=True)
    assert count() == few


# --- Inviting ------------------------------------------------------------------------------


def test_invite_creates_an_account_without_a_password_and_emails_the_way_in(
    login, partnership_admin, mailoutbox
):
    agency = AgencyFactory()
    response = login(partnership_admin).post(INVITE_URL, invite_data(agency))
    assert response.status_code == 302, response.content.decode()[:3000]
    person = User.objects.get(email="jo.bloggs@example.org")
    assert not person.has_usable_password()
    assert (person.agency, person.job_title) == (agency, "Health visitor")
    assert roles.has_role(person, roles.Role.SUPERVISOR)
    change = RoleChange.objects.get(user=person)
    assert change.added == [roles.SUPERVISORS_GROUP]
    assert change.changed_by == partnership_admin
    # One e-mail, the invitation, which says how to get in and names the roles.
    assert [m.to for m in mailoutbox] == [["jo.bloggs@example.org"]]
    body = mailoutbox[0].body
    assert "choose a password" in body and "Sign in with this e-mail address" in body
    assert "authenticator app" in body  # supervisors must set one up
    assert roles.SUPERVISORS_GROUP in body
    assert re.search(r"http://testserver/accounts/password/reset/key/\S+/", body)


def test_the_invitation_link_sets_a_password_and_confirms_the_address(
    login, partnership_admin, mailoutbox
):
    login(partnership_admin).post(INVITE_URL, invite_data(AgencyFactory(), groups=[]))
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mailoutbox[-1].body)
    person = User.objects.get(email="jo.bloggs@example.org")
    assert not EmailAddress.objects.filter(user=person, verified=True).exists()
    guest = Client()
    form_url = guest.get(link.group(1))["Location"]
    assert "Choose a new password" in guest.get(form_url).content.decode()
    new_password = "a-long-unusual-passphrase"
    response = guest.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password(new_password)
    assert EmailAddress.objects.get(user=person, email=person.email).verified
    signed_in = Client().post("/accounts/login/", {"login": person.email, "password": new_password})
    assert signed_in.status_code == 302 and "/dashboard/" in signed_in["Location"]
    # The link works once.
    assert "This link does not work" in Client().get(link.group(1)).content.decode()


@pytest.mark.parametrize(
    "email", ["jo.bloggs@example.org", "JO.BLOGGS@EXAMPLE.ORG", " jo.bloggs@example.org "]
)
def test_inviting_an_address_that_already_has_an_account_is_refused(
    login, partnership_admin, mailoutbox, email
):
    UserFactory(email="jo.bloggs@example.org")
    mailoutbox.clear()
    response = login(partnership_admin).post(INVITE_URL, invite_data(AgencyFactory(), email=email))
    assert response.status_code == 200
    assert "There is already an account for jo.bloggs@example.org" in response.content.decode()
    assert User.objects.filter(email__iexact="jo.bloggs@example.org").count() == 1
    assert not RoleChange.objects.exists() and mailoutbox == []


def test_inviting_an_address_someone_has_confirmed_is_refused(login, partnership_admin):
    holder = UserFactory()
    EmailAddress.objects.create(user=holder, email="second@example.org", verified=True)
    response = login(partnership_admin).post(
        INVITE_URL, invite_data(AgencyFactory(), email="second@example.org")
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="second@example.org").exists()


@pytest.mark.parametrize("email", ["not-an-address", "jo@", "", "jo bloggs@example.org"])
def test_inviting_a_bad_address_is_refused(login, partnership_admin, mailoutbox, email):
    before = User.objects.count()
    response = login(partnership_admin).post(INVITE_URL, invite_data(AgencyFactory(), email=email))
    assert response.status_code == 200
    assert "error" in response.content.decode()
    assert User.objects.count() == before and mailoutbox == []


def test_inviting_with_a_wagtail_group_is_refused(login, partnership_admin, mailoutbox):
    editors = Group.objects.get(name="Editors")
    response = login(partnership_admin).post(
        INVITE_URL, invite_data(AgencyFactory(), groups=[editors.pk])
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="jo.bloggs@example.org").exists()
    assert mailoutbox == []


@pytest.mark.parametrize("role", ["practitioner", "supervisor", "staff", "moderator"])
def test_only_partnership_admins_can_invite(request, login, role, mailoutbox):
    client = login(request.getfixturevalue(role))
    response = client.post(INVITE_URL, invite_data(AgencyFactory()))
    # Signed-in people without admin access are refused; staff are sent back to the admin home.
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
    assert not User.objects.filter(email__iexact="jo.bloggs@example.org").exists()
    assert mailoutbox == []


def test_invite_without_a_csrf_token_is_refused(partnership_admin, mailoutbox):
    client = Client(enforce_csrf_checks=True)
    client.force_login(partnership_admin, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(INVITE_URL, invite_data(AgencyFactory()))
    assert response.status_code == 403
    assert not User.objects.filter(email__iexact="jo.bloggs@example.org").exists()


# --- Changing roles ------------------------------------------------------------------------


def edit_data(user, **overrides) -> dict:
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "agency": user.agency_id,
        "job_title": user.job_title,
    }
    data.update(overrides)
    return data


def test_admin_changes_someones_roles_and_it_is_logged(login, partnership_admin, practitioner):
    response = login(partnership_admin).post(
        f"/admin/users/edit/{practitioner.pk}/",
        edit_data(practitioner, groups=[group(roles.STAFF_GROUP).pk]),
    )
    assert response.status_code == 302
    change = RoleChange.objects.get(user=practitioner)
    assert (change.added, change.removed, change.changed_by) == (
        [roles.STAFF_GROUP],
        [],
        partnership_admin,
    )


def test_admin_cannot_change_their_own_roles(login, partnership_admin):
    response = login(partnership_admin).post(
        f"/admin/users/edit/{partnership_admin.pk}/",
        edit_data(partnership_admin, groups=[group(roles.SUPERVISORS_GROUP).pk]),
    )
    assert response.status_code == 200
    assert "You cannot change your own roles" in response.content.decode()
    assert set(partnership_admin.groups.values_list("name", flat=True)) == {roles.ADMINS_GROUP}
    assert not RoleChange.objects.exists()


def test_editing_a_tampered_id_is_not_found(login, partnership_admin):
    client = login(partnership_admin)
    missing = User.objects.order_by("-pk").first().pk + 100
    assert client.get(f"/admin/users/edit/{missing}/").status_code == 404
    assert client.post(f"/admin/users/deactivate/{missing}/").status_code == 404
    assert client.post(f"/admin/users/reactivate/{missing}/").status_code == 404


# --- Deactivating and reactivating ---------------------------------------------------------


def sign_in_for_real(user) -> Client:
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 (Windows NT 10.0) Chrome/124.0 Safari/537.36")
    assert client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}).status_code
    return client


def test_admin_deactivates_a_person_who_is_signed_out_everywhere(login, partnership_admin):
    person = UserFactory()
    sign_in_for_real(person)
    assert UserSession.objects.filter(user=person).exists()
    client = login(partnership_admin)
    page = client.get(f"/admin/users/deactivate/{person.pk}/").content.decode()
    assert "signed out on every device" in page
    response = client.post(f"/admin/users/deactivate/{person.pk}/")
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active
    assert not UserSession.objects.filter(user=person).exists()
    entry = ModelLogEntry.objects.get(action="accounts.deactivate")
    assert (entry.object_id, entry.user_id) == (str(person.pk), partnership_admin.pk)
    refused = Client().post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert refused.status_code == 302 and "inactive" in refused["Location"]
    assert "This account is closed" in Client().get(refused["Location"]).content.decode()


def test_admin_reactivates_a_deactivated_person(login, partnership_admin):
    person = UserFactory(is_active=False)
    response = login(partnership_admin).post(f"/admin/users/reactivate/{person.pk}/")
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_active
    assert ModelLogEntry.objects.filter(action="accounts.reactivate").count() == 1


def test_a_leaver_is_not_reactivated(login, partnership_admin):
    import datetime

    person = UserFactory(is_active=False, left_on=datetime.date(2026, 1, 5))
    response = login(partnership_admin).post(f"/admin/users/reactivate/{person.pk}/")
    assert response.status_code == 400
    assert "marked as having left on 5 January 2026" in response.content.decode()
    person.refresh_from_db()
    assert not person.is_active


def test_admin_cannot_deactivate_themselves(login, partnership_admin):
    client = login(partnership_admin)
    page = client.get(f"/admin/users/deactivate/{partnership_admin.pk}/").content.decode()
    assert "You cannot change your own account here" in page
    assert "<form" not in page.split('class="nice-padding"')[1].split("</main>")[0]
    response = client.post(f"/admin/users/deactivate/{partnership_admin.pk}/")
    assert response.status_code == 400
    assert "You cannot deactivate your own account" in response.content.decode()
    partnership_admin.refresh_from_db()
    assert partnership_admin.is_active
    assert not ModelLogEntry.objects.filter(action="accounts.deactivate").exists()


@pytest.mark.parametrize("role", ["practitioner", "supervisor", "staff"])
def test_only_partnership_admins_can_deactivate(request, login, role):
    person = UserFactory()
    response = login(request.getfixturevalue(role)).post(f"/admin/users/deactivate/{person.pk}/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
    person.refresh_from_db()
    assert person.is_active


def test_deactivating_without_a_csrf_token_is_refused(partnership_admin):
    person = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(partnership_admin, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(f"/admin/users/deactivate/{person.pk}/").status_code == 403
    person.refresh_from_db()
    assert person.is_active


def test_bulk_set_inactive_skips_oneself_and_signs_people_out(login, partnership_admin):
    person = UserFactory()
    sign_in_for_real(person)
    client = login(partnership_admin)
    url = (
        "/admin/bulk/accounts/user/set_active_state/"
        f"?id={person.pk}&id={partnership_admin.pk}&next=/admin/users/"
    )
    response = client.post(url, {"mark_as_active": "False"})
    assert response.status_code == 302
    person.refresh_from_db()
    partnership_admin.refresh_from_db()
    assert not person.is_active and partnership_admin.is_active
    assert not UserSession.objects.filter(user=person).exists()
    assert ModelLogEntry.objects.filter(action="accounts.deactivate").count() == 1


# --- Today's admin faults ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/users/", "/admin/users/new/", "/admin/agencies/", "/admin/account/"]
)
def test_no_admin_page_asks_gravatar_for_avatars(login, partnership_admin, url):
    html = login(partnership_admin).get(url).content.decode()
    assert "gravatar" not in html.lower()


def test_edit_page_has_no_gravatar(login, partnership_admin, practitioner):
    html = login(partnership_admin).get(f"/admin/users/edit/{practitioner.pk}/").content.decode()
    assert "gravatar" not in html.lower()


def test_partnership_admin_is_not_offered_wagtails_groups_screen(login, partnership_admin):
    client = login(partnership_admin)
    home = client.get("/admin/").content.decode()
    assert "/admin/groups/" not in home
    assert '"label": "People"' in home and '"label": "Groups"' not in home
    assert "/admin/groups/" not in listing(client)


def test_the_invite_page_names_itself_in_the_breadcrumbs(login, partnership_admin):
    html = login(partnership_admin).get("/admin/users/new/").content.decode()
    crumbs = html[html.index("w-breadcrumbs") : html.index("</nav>", html.index("w-breadcrumbs"))]
    assert "Invite a person" in crumbs
    assert "New:" not in crumbs
