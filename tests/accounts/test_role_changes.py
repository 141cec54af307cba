"""Roles cannot be self-granted: every route to a change of groups, and the record it leaves.

Roles are groups. They change only through ``services.roles_change``: never for oneself, only
the partnership role groups, each change logged as a ``RoleChange`` and e-mailed to the person.
"""

import pytest
from django.contrib.auth.models import Group, Permission

from elearning.accounts import roles
from elearning.accounts.models import RoleChange
from elearning.accounts.services import AccountRefusal, roles_change
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def group(name: str) -> Group:
    return Group.objects.get(name=name)


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


def group_names(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


# --- Editing one's own account ---------------------------------------------------------------


def test_own_roles_are_shown_but_not_offered_for_change(login, partnership_admin):
    html = login(partnership_admin).get(f"/admin/users/edit/{partnership_admin.pk}/")
    html = html.content.decode()
    assert "You cannot change your own roles" in html
    admins_box = f'value="{group(roles.ADMINS_GROUP).pk}"'
    tag = html[html.rindex("<input", 0, html.index(admins_box)) : html.index(admins_box) + 80]
    assert "disabled" in tag and "checked" in tag


def test_admin_adding_a_role_to_themselves_by_a_made_up_post_is_refused(
    login, partnership_admin, mailoutbox
):
    before = group_names(partnership_admin)
    mailoutbox.clear()
    response = login(partnership_admin).post(
        f"/admin/users/edit/{partnership_admin.pk}/",
        edit_data(
            partnership_admin,
            job_title="Changed in the same POST",
            groups=[group(roles.ADMINS_GROUP).pk, group(roles.SUPERVISORS_GROUP).pk],
        ),
    )
    assert response.status_code == 200
    assert "You cannot change your own roles" in response.content.decode()
    partnership_admin.refresh_from_db()
    assert group_names(partnership_admin) == before
    assert partnership_admin.job_title != "Changed in the same POST"  # nothing half-saved
    assert not RoleChange.objects.exists()
    assert mailoutbox == []


def test_admin_dropping_their_own_admin_role_by_a_made_up_post_is_refused(login, partnership_admin):
    response = login(partnership_admin).post(
        f"/admin/users/edit/{partnership_admin.pk}/",
        edit_data(partnership_admin, groups=[group(roles.STAFF_GROUP).pk]),
    )
    assert response.status_code == 200
    assert group_names(partnership_admin) == {roles.ADMINS_GROUP}


def test_admin_still_edits_their_own_details(login, partnership_admin):
    response = login(partnership_admin).post(
        f"/admin/users/edit/{partnership_admin.pk}/",
        edit_data(partnership_admin, job_title="Business manager"),
    )
    assert response.status_code == 302
    partnership_admin.refresh_from_db()
    assert partnership_admin.job_title == "Business manager"
    assert group_names(partnership_admin) == {roles.ADMINS_GROUP}


def test_the_service_refuses_a_change_to_ones_own_roles(partnership_admin):
    with pytest.raises(AccountRefusal, match="cannot change your own roles"):
        roles_change(
            by=partnership_admin, user=partnership_admin, groups=[group(roles.SUPERVISORS_GROUP)]
        )
    assert group_names(partnership_admin) == {roles.ADMINS_GROUP}
    assert not RoleChange.objects.exists()


def test_superusers_cannot_change_their_own_roles_either(login):
    superuser = UserFactory(is_superuser=True, is_staff=True, totp_secret=True)
    response = login(superuser).post(
        f"/admin/users/edit/{superuser.pk}/",
        edit_data(superuser, groups=[group(roles.ADMINS_GROUP).pk]),
    )
    assert response.status_code == 200
    assert group_names(superuser) == set()


# --- Changing someone else's roles -----------------------------------------------------------


def test_admin_gives_someone_a_role_which_is_logged_and_emailed(
    login, partnership_admin, practitioner, mailoutbox
):
    mailoutbox.clear()
    response = login(partnership_admin).post(
        f"/admin/users/edit/{practitioner.pk}/",
        edit_data(practitioner, groups=[group(roles.SUPERVISORS_GROUP).pk]),
    )
    assert response.status_code == 302
    assert roles.has_role(practitioner, roles.Role.SUPERVISOR)

    change = RoleChange.objects.get()
    assert (change.user, change.changed_by) == (practitioner, partnership_admin)
    assert (change.user_email, change.changed_by_email) == (
        practitioner.email,
        partnership_admin.email,
    )
    assert (change.added, change.removed) == ([roles.SUPERVISORS_GROUP], [])
    assert change.changed_at is not None

    [mail] = mailoutbox
    assert mail.to == [practitioner.email]
    assert mail.subject.endswith("Your roles have changed")
    assert f"Added: {roles.SUPERVISORS_GROUP}" in mail.body
    assert partnership_admin.get_full_name() in mail.body


def test_removing_a_role_is_logged_and_other_groups_are_left_alone(
    login, partnership_admin, mailoutbox
):
    person = UserFactory(groups=[roles.SUPERVISORS_GROUP, "Editors"], totp_secret=True)
    mailoutbox.clear()
    response = login(partnership_admin).post(
        f"/admin/users/edit/{person.pk}/", edit_data(person, groups=[])
    )
    assert response.status_code == 302
    # Wagtail's own Editors group is not a partnership role: not offered, so not taken away.
    assert group_names(person) == {"Editors"}
    change = RoleChange.objects.get()
    assert (change.added, change.removed) == ([], [roles.SUPERVISORS_GROUP])
    assert f"Removed: {roles.SUPERVISORS_GROUP}" in mailoutbox[0].body


def test_saving_without_a_change_of_roles_logs_nothing(
    login, partnership_admin, supervisor, mailoutbox
):
    mailoutbox.clear()
    response = login(partnership_admin).post(
        f"/admin/users/edit/{supervisor.pk}/",
        edit_data(supervisor, groups=[group(roles.SUPERVISORS_GROUP).pk]),
    )
    assert response.status_code == 302
    assert not RoleChange.objects.exists()
    assert mailoutbox == []


def test_only_partnership_roles_are_offered(login, partnership_admin, practitioner):
    editors = group("Editors")
    html = login(partnership_admin).get(f"/admin/users/edit/{practitioner.pk}/").content.decode()
    for name in roles.PARTNERSHIP_GROUPS:
        assert f'value="{group(name).pk}"' in html
    assert f'name="groups" value="{editors.pk}"' not in html
    assert "Moderators" not in html.replace("Partnership moderators", "")


def test_a_made_up_post_for_a_wagtail_group_is_refused(login, partnership_admin, practitioner):
    response = login(partnership_admin).post(
        f"/admin/users/edit/{practitioner.pk}/",
        edit_data(practitioner, groups=[group("Moderators").pk]),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert group_names(practitioner) == set()
    assert not RoleChange.objects.exists()


def test_the_service_refuses_groups_that_are_not_partnership_roles(partnership_admin, practitioner):
    with pytest.raises(AccountRefusal, match="Only partnership roles"):
        roles_change(by=partnership_admin, user=practitioner, groups=[group("Editors")])
    assert group_names(practitioner) == set()


def test_the_service_refuses_people_who_are_not_admins(staff, practitioner):
    with pytest.raises(AccountRefusal, match="Only partnership admins"):
        roles_change(by=staff, user=practitioner, groups=[group(roles.STAFF_GROUP)])
    assert group_names(practitioner) == set()


def test_roles_given_to_a_new_person_are_logged(login, partnership_admin, mailoutbox):
    from tests.accounts.test_user_admin import new_user_data
    from tests.factories import AgencyFactory

    response = login(partnership_admin).post("/admin/users/new/", new_user_data(AgencyFactory()))
    assert response.status_code == 302
    change = RoleChange.objects.get()
    assert change.user.email == "new.starter@example.org"
    assert change.added == [roles.SUPERVISORS_GROUP]
    assert any(m.to == ["new.starter@example.org"] for m in mailoutbox)


# --- Wagtail's bulk "Assign role" ------------------------------------------------------------


def bulk_url(*users) -> str:
    ids = "&".join(f"id={u.pk}" for u in users)
    return f"/admin/bulk/accounts/user/assign_role/?next=/admin/users/&{ids}"


def test_bulk_assign_role_skips_oneself_and_logs_the_others(
    login, partnership_admin, practitioner, mailoutbox
):
    client = login(partnership_admin)
    page = client.get(bulk_url(partnership_admin, practitioner)).content.decode()
    assert "You cannot change your own roles" in page
    assert f'value="{group("Editors").pk}"' not in page  # only partnership roles offered

    mailoutbox.clear()
    response = client.post(
        bulk_url(partnership_admin, practitioner), {"role": group(roles.SUPERVISORS_GROUP).pk}
    )
    assert response.status_code == 302
    assert group_names(partnership_admin) == {roles.ADMINS_GROUP}
    assert group_names(practitioner) == {roles.SUPERVISORS_GROUP}
    change = RoleChange.objects.get()
    assert (change.user, change.changed_by) == (practitioner, partnership_admin)
    assert [m.to for m in mailoutbox] == [[practitioner.email]]


def test_bulk_assign_role_refuses_wagtail_groups(login, partnership_admin, practitioner):
    response = login(partnership_admin).post(
        bulk_url(practitioner), {"role": group("Moderators").pk}
    )
    assert response.status_code == 200
    assert group_names(practitioner) == set()


# --- Other admin screens ---------------------------------------------------------------------


def test_partnership_admins_cannot_use_the_wagtail_groups_screens(login, partnership_admin):
    admins = group(roles.ADMINS_GROUP)
    before = set(admins.permissions.values_list("pk", flat=True))
    client = login(partnership_admin)
    assert client.get("/admin/groups/").status_code == 302
    assert client.get(f"/admin/groups/edit/{admins.pk}/").status_code == 302
    everything = Permission.objects.filter(content_type__app_label="auth")
    response = client.post(
        f"/admin/groups/edit/{admins.pk}/",
        {"name": admins.name, "permissions": [p.pk for p in everything]},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert set(admins.permissions.values_list("pk", flat=True)) == before
    assert not partnership_admin.has_perm("auth.change_group")


def test_partnership_admins_cannot_use_the_django_admin(login, partnership_admin):
    admins = group(roles.ADMINS_GROUP)
    client = login(partnership_admin)
    assert client.get("/django-admin/auth/group/", follow=True).status_code == 403
    response = client.post(
        f"/django-admin/auth/group/{admins.pk}/change/",
        {"name": "Renamed", "permissions": []},
        follow=True,
    )
    assert response.status_code == 403
    assert Group.objects.filter(name=roles.ADMINS_GROUP).exists()


def test_partnership_admins_read_the_log_of_role_changes_and_nobody_else_does(login):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from elearning.accounts.roles import SUPERVISORS_GROUP
    from elearning.accounts.services import roles_change
    from tests.factories import UserFactory, role_user

    admin = role_user("admin")
    person = UserFactory(email="new.supervisor@example.org")
    roles_change(by=admin, user=person, groups=[Group.objects.get(name=SUPERVISORS_GROUP)])
    url = reverse("role_change_report")
    page = login(admin).get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "new.supervisor@example.org" in text and SUPERVISORS_GROUP in text
    assert admin.email in text
    export = login(admin).get(url + "?export=csv")
    assert b"new.supervisor@example.org" in b"".join(
        export.streaming_content if export.streaming else [export.content]
    )
    for other in (role_user("staff"), role_user("moderator"), role_user("supervisor")):
        response = login(other).get(url)
        assert response.status_code in (302, 403)
        assert "new.supervisor@example.org" not in response.content.decode()
