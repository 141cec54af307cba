"""The line manager recorded on a profile."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from elearning.accounts.services import profile_update
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _post(practitioner, **extra):
    data = {
        "first_name": practitioner.first_name,
        "last_name": practitioner.last_name,
        "agency": practitioner.agency_id,
        "job_title": practitioner.job_title,
    }
    data.update(extra)
    return data


def test_profile_records_a_line_manager(login, practitioner):
    manager = UserFactory(first_name="Morgan")
    response = login(practitioner).post(
        reverse("accounts:profile"), _post(practitioner, manager=manager.email.upper())
    )
    assert response.status_code == 302
    practitioner.refresh_from_db()
    assert practitioner.manager == manager
    assert list(manager.team_members.all()) == [practitioner]


def test_line_manager_can_be_cleared(login, practitioner):
    practitioner.manager = UserFactory()
    practitioner.save()
    login(practitioner).post(reverse("accounts:profile"), _post(practitioner, manager=""))
    practitioner.refresh_from_db()
    assert practitioner.manager is None


def test_unknown_manager_address_is_refused_and_changes_nothing(login, practitioner):
    before = (practitioner.first_name, practitioner.manager_id)
    for bad in ("nobody@example.org", "99999", "not an address"):
        response = login(practitioner).post(
            reverse("accounts:profile"), _post(practitioner, first_name="Changed", manager=bad)
        )
        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
    practitioner.refresh_from_db()
    assert (practitioner.first_name, practitioner.manager_id) == before


def test_a_person_cannot_choose_themselves_as_manager(login, practitioner):
    response = login(practitioner).post(
        reverse("accounts:profile"), _post(practitioner, manager=practitioner.email)
    )
    assert response.status_code == 200
    assert "You cannot be your own line manager" in response.content.decode()
    practitioner.refresh_from_db()
    assert practitioner.manager_id is None


def test_service_refuses_self_as_manager(practitioner):
    with pytest.raises(ValidationError):
        profile_update(
            user=practitioner,
            first_name="A",
            last_name="B",
            agency=practitioner.agency,
            job_title="C",
            manager=practitioner,
        )
    practitioner.refresh_from_db()
    assert practitioner.manager_id is None
