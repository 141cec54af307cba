"""Partnership admins manage people in Wagtail's user screens, with agency and job title."""

import pytest
from django.contrib.auth.models import Group

from elearning.accounts import roles
from elearning.accounts.models import User
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def new_user_data(agency_obj, **overrides):
    data = {
        "email": "new.starter@example.org",
        "first_name": "New",
        "last_name": "Starter",
        "agency": agency_obj.pk,
        "job_title": "Family support worker",
        "groups": [Group.objects.get(name=roles.SUPERVISORS_GROUP).pk],
    }
    data.update(overrides)
    return data


def test_admin_adds_a_person_with_agency_job_title_and_role(login, partnership_admin):
    agency = AgencyFactory(name="Family Hubs")
    client = login(partnership_admin)
    form = client.get("/admin/users/new/").content.decode()
    assert 'name="agency"' in form and 'name="job_title"' in form
    response = client.post("/admin/users/new/", new_user_data(agency))
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="new.starter@example.org")
    assert (user.agency, user.job_title) == (agency, "Family support worker")
    assert roles.has_role(user, roles.Role.SUPERVISOR)
    assert not user.has_usable_password()  # they set one through the password reset e-mail


def test_admin_is_refused_a_person_without_an_agency(login, partnership_admin):
    client = login(partnership_admin)
    agency = AgencyFactory()
    response = client.post("/admin/users/new/", new_user_data(agency, agency=""))
    assert response.status_code == 200
    assert not User.objects.filter(email="new.starter@example.org").exists()


def test_admin_edits_agency_and_job_title(login, partnership_admin, practitioner):
    new_agency = AgencyFactory(name="Riverside Academy")
    client = login(partnership_admin)
    url = f"/admin/users/edit/{practitioner.pk}/"
    response = client.post(
        url,
        {
            "email": practitioner.email,
            "first_name": practitioner.first_name,
            "last_name": practitioner.last_name,
            "agency": new_agency.pk,
            "job_title": "Teacher",
            "is_active": "on",
            "groups": [],
        },
    )
    assert response.status_code == 302
    practitioner.refresh_from_db()
    assert (practitioner.agency, practitioner.job_title) == (new_agency, "Teacher")


@pytest.mark.parametrize("role_fixture", ["staff", "moderator"])
def test_partnership_staff_cannot_manage_people(request, login, role_fixture):
    client = login(request.getfixturevalue(role_fixture))
    response = client.get("/admin/users/")
    assert response.status_code == 302  # Wagtail sends them back to the admin home
    assert response["Location"] == "/admin/"
    assert client.post("/admin/users/new/", {"email": "x@example.org"}).status_code == 302
    assert not User.objects.filter(email="x@example.org").exists()


def test_practitioners_and_supervisors_are_refused_user_screens(login, practitioner, supervisor):
    for user in (practitioner, supervisor):
        assert login(user).get("/admin/users/").status_code == 403


def test_admin_cannot_make_anyone_a_superuser(login, partnership_admin):
    agency = AgencyFactory()
    client = login(partnership_admin)
    assert 'name="is_superuser"' not in client.get("/admin/users/new/").content.decode()
    response = client.post("/admin/users/new/", new_user_data(agency, is_superuser="on"))
    assert response.status_code == 302
    assert not User.objects.get(email="new.starter@example.org").is_superuser
