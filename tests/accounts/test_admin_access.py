"""Who may open the publishing admin: ``roles.can_access_admin`` gives the answer Django's
``has_perm("wagtailadmin.access_admin")`` gives, for every way a person can come to have
the permission or lose it, and the menu asks it in one query instead of loading every
permission the person has."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from elearning.accounts import roles
from elearning.accounts.models import User
from tests.factories import UserFactory, role_user

pytestmark = pytest.mark.django_db

PERMISSION = "wagtailadmin.access_admin"


def _admin_permission():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def _people():
    own = UserFactory()
    own.user_permissions.add(_admin_permission())
    custom = Group.objects.create(name="Editors from another agency")
    custom.permissions.add(_admin_permission())
    in_custom = UserFactory(groups=[custom.name])
    other_group = Group.objects.create(name="Readers")
    other_group.permissions.add(Permission.objects.get(codename="view_user"))
    return {
        "practitioner": role_user("practitioner"),
        "supervisor": role_user("supervisor"),
        "staff": role_user("staff"),
        "moderator": role_user("moderator"),
        "admin": role_user("admin"),
        "superuser": UserFactory(is_superuser=True, totp_secret=True),
        "own permission": own,
        "custom group": in_custom,
        "other group only": UserFactory(groups=[other_group.name]),
        "inactive staff": role_user("staff", is_active=False),
        "inactive superuser": UserFactory(is_superuser=True, is_active=False),
    }


def test_the_answer_is_the_one_has_perm_gives_for_everyone():
    for name, person in _people().items():
        # Each asked on its own copy, so neither answer is read from the other's cache.
        fresh = User.objects.get(pk=person.pk)
        expected = User.objects.get(pk=person.pk).has_perm(PERMISSION)
        assert roles.can_access_admin(fresh) == expected, name
    assert roles.can_access_admin(None) is False
    assert roles.can_access_admin(AnonymousUser()) is False


def test_the_people_who_publish_have_it_and_practitioners_do_not():
    people = _people()
    have = {name for name, person in people.items() if roles.can_access_admin(person)}
    assert have == {"staff", "moderator", "admin", "superuser", "own permission", "custom group"}


def test_the_menu_links_to_the_admin_for_exactly_those_people(login):
    for name, person in _people().items():
        if not person.is_active:
            continue
        page = login(person).get(reverse("accounts:profile")).content.decode()
        assert ("Publishing admin" in page) == roles.can_access_admin(person), name


def test_a_practitioners_page_asks_in_one_query_and_never_loads_every_permission(login):
    """Wagtail's user bar (for people who may edit) is not asked about for anyone else."""
    client = login(role_user("practitioner"))
    client.get(reverse("accounts:profile"))
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("accounts:profile")).content.decode()
    assert "Publishing admin" not in page
    asked = [q["sql"] for q in ctx.captured_queries if "auth_permission" in q["sql"]]
    assert len(asked) == 1, asked


def test_people_who_publish_still_get_wagtails_user_bar_on_pages(login, client):
    from wagtail.models import Page

    home = Page.objects.get(depth=2).specific
    assert "wagtail-userbar" in login(role_user("staff")).get(home.url).content.decode()
    assert "wagtail-userbar" not in login(role_user("practitioner")).get(home.url).content.decode()


def test_the_admin_still_turns_away_people_without_it(login):
    response = login(role_user("practitioner")).get("/admin/")
    assert response.status_code == 403
    assert login(role_user("staff")).get("/admin/").status_code == 200
