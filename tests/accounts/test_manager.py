"""Line managers: named on the profile, counted only once the named person confirms."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from courses.people import manager_of
from elearning.accounts.models import ManagerLink, ManagerLinkEnd, ManagerLinkStatus
from elearning.accounts.selectors import confirmed_manager, has_team, team_of
from elearning.accounts.services import (
    AccountRefusal,
    manager_link_decide,
    manager_link_end,
    manager_name,
    person_deactivate,
)
from tests.factories import UserFactory, role_user

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


def _snapshot(link):
    link.refresh_from_db()
    return (link.confirmed_at, link.declined_at, link.ended_at, link.end_reason)


# --- Naming a manager on the profile -------------------------------------------------------


def test_naming_a_manager_asks_them_and_does_not_count_until_they_confirm(
    login, practitioner, mailoutbox
):
    manager = UserFactory(first_name="Morgan")
    response = login(practitioner).post(
        reverse("accounts:profile"), _post(practitioner, manager=manager.email.upper())
    )
    assert response.status_code == 302
    link = ManagerLink.objects.get(learner=practitioner)
    assert link.manager == manager and link.status == ManagerLinkStatus.PENDING
    assert manager_of(practitioner) is None
    assert list(team_of(manager)) == []
    [mail] = mailoutbox
    assert mail.to == [manager.email]
    assert reverse("accounts:manager_request", args=[link.pk]) in mail.body

    html = login(practitioner).get(reverse("accounts:profile")).content.decode()
    assert "Waiting for" in html and "to confirm that they are your line manager" in html
    assert f'value="{manager.email}"' in html

    manager_link_decide(link=link, manager=manager, confirm=True)
    assert manager_of(practitioner) == manager
    assert list(team_of(manager)) == [practitioner]
    assert "confirmed" in mailoutbox[-1].body and mailoutbox[-1].to == [practitioner.email]
    html = login(practitioner).get(reverse("accounts:profile")).content.decode()
    assert "Confirmed" in html


def test_saving_the_profile_again_keeps_the_same_request(login, practitioner, mailoutbox):
    manager = UserFactory()
    client = login(practitioner)
    client.post(reverse("accounts:profile"), _post(practitioner, manager=manager.email))
    client.post(reverse("accounts:profile"), _post(practitioner, manager=manager.email))
    assert ManagerLink.objects.filter(learner=practitioner).count() == 1
    assert len(mailoutbox) == 1


def test_naming_someone_else_ends_the_old_relationship_at_once(practitioner):
    old = UserFactory()
    new = UserFactory()
    first = manager_name(learner=practitioner, manager=old)
    manager_link_decide(link=first, manager=old, confirm=True)
    assert manager_of(practitioner) == old

    second = manager_name(learner=practitioner, manager=new)
    first.refresh_from_db()
    assert first.status == ManagerLinkStatus.ENDED
    assert first.end_reason == ManagerLinkEnd.REPLACED
    assert second.status == ManagerLinkStatus.PENDING
    # Neither counts: the old one ended, the new one is not yet confirmed.
    assert manager_of(practitioner) is None


def test_clearing_the_field_ends_the_relationship(login, practitioner):
    manager = UserFactory()
    link = manager_name(learner=practitioner, manager=manager)
    manager_link_decide(link=link, manager=manager, confirm=True)
    login(practitioner).post(reverse("accounts:profile"), _post(practitioner, manager=""))
    link.refresh_from_db()
    assert link.end_reason == ManagerLinkEnd.WITHDRAWN
    assert manager_of(practitioner) is None


def test_unknown_manager_address_is_refused_and_changes_nothing(login, practitioner):
    before = practitioner.first_name
    for bad in ("nobody@example.org", "99999", "not an address"):
        response = login(practitioner).post(
            reverse("accounts:profile"), _post(practitioner, first_name="Changed", manager=bad)
        )
        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
    practitioner.refresh_from_db()
    assert practitioner.first_name == before
    assert not ManagerLink.objects.exists()


def test_a_closed_account_cannot_be_named(login, practitioner):
    closed = UserFactory(is_active=False)
    response = login(practitioner).post(
        reverse("accounts:profile"), _post(practitioner, manager=closed.email)
    )
    assert response.status_code == 200
    assert not ManagerLink.objects.exists()


def test_a_person_cannot_choose_themselves_as_manager(login, practitioner):
    response = login(practitioner).post(
        reverse("accounts:profile"), _post(practitioner, manager=practitioner.email)
    )
    assert response.status_code == 200
    assert "You cannot be your own line manager" in response.content.decode()
    assert not ManagerLink.objects.exists()


def test_service_refuses_self_as_manager(practitioner):
    with pytest.raises(AccountRefusal):
        manager_name(learner=practitioner, manager=practitioner)
    assert not ManagerLink.objects.exists()


def test_learner_withdraws_a_request_and_sees_a_decline(login, practitioner):
    manager = UserFactory(first_name="Dana")
    link = manager_name(learner=practitioner, manager=manager)
    login(practitioner).post(reverse("accounts:manager_link_end", args=[link.pk]))
    link.refresh_from_db()
    assert link.status == ManagerLinkStatus.ENDED and link.ended_by == practitioner

    again = manager_name(learner=practitioner, manager=manager)
    manager_link_decide(link=again, manager=manager, confirm=False)
    html = login(practitioner).get(reverse("accounts:profile")).content.decode()
    assert "Declined" in html and "that they are not your line manager" in html
    assert manager_of(practitioner) is None


# --- The manager answers; nobody else can ---------------------------------------------------


def _decide(client, link, decision="confirm", **extra):
    return client.post(
        reverse("accounts:manager_request", args=[link.pk]), {"decision": decision, **extra}
    )


def test_manager_confirms_through_the_page(login, practitioner):
    manager = UserFactory()
    link = manager_name(learner=practitioner, manager=manager)
    client = login(manager)
    page = client.get(reverse("accounts:manager_request", args=[link.pk]))
    assert page.status_code == 200
    assert "Confirm I am their line manager" in page.content.decode()
    listing = client.get(reverse("accounts:manager_requests")).content.decode()
    assert practitioner.email in listing
    response = _decide(client, link)
    assert response.status_code == 302
    assert _snapshot(link)[0] is not None
    assert manager_of(practitioner) == manager


def test_manager_declines_through_the_page(login, practitioner):
    manager = UserFactory()
    link = manager_name(learner=practitioner, manager=manager)
    _decide(login(manager), link, "decline")
    link.refresh_from_db()
    assert link.status == ManagerLinkStatus.DECLINED
    assert manager_of(practitioner) is None


@pytest.mark.parametrize("who", ["third person", "learner", "staff", "admin", "supervisor"])
def test_only_the_named_manager_can_answer(login, practitioner, who):
    manager = UserFactory()
    link = manager_name(learner=practitioner, manager=manager)
    intruder = {
        "third person": UserFactory(),
        "learner": practitioner,
        "staff": role_user("staff"),
        "admin": role_user("admin"),
        "supervisor": role_user("supervisor"),
    }[who]
    client = login(intruder)
    assert client.get(reverse("accounts:manager_request", args=[link.pk])).status_code == 404
    assert _decide(client, link).status_code == 404
    assert _snapshot(link) == (None, None, None, "")
    assert manager_of(practitioner) is None
    with pytest.raises(AccountRefusal):
        manager_link_decide(link=link, manager=intruder, confirm=True)
    assert _snapshot(link) == (None, None, None, "")


def test_the_former_manager_cannot_confirm_the_new_request(login, practitioner):
    old = UserFactory()
    new = UserFactory()
    manager_name(learner=practitioner, manager=old)
    current = manager_name(learner=practitioner, manager=new)
    assert _decide(login(old), current).status_code == 404
    assert _snapshot(current) == (None, None, None, "")


def test_a_stale_request_cannot_be_confirmed_after_the_learner_named_someone_else(
    login, practitioner
):
    old = UserFactory()
    stale = manager_name(learner=practitioner, manager=old)
    manager_name(learner=practitioner, manager=UserFactory())
    before = _snapshot(stale)
    response = _decide(login(old), stale)
    assert response.status_code == 302
    messages = login(old).get(response.url)  # the refusal is shown on the page
    assert messages.status_code == 200
    assert _snapshot(stale) == before and stale.confirmed_at is None
    assert manager_of(practitioner) is None


def test_the_stale_refusal_is_explained(login, practitioner):
    old = UserFactory()
    stale = manager_name(learner=practitioner, manager=old)
    manager_name(learner=practitioner, manager=UserFactory())
    response = login(old).post(
        reverse("accounts:manager_request", args=[stale.pk]), {"decision": "confirm"}, follow=True
    )
    assert "no longer names you as their line manager" in response.content.decode()


def test_confirming_twice_changes_nothing(login, practitioner):
    manager = UserFactory()
    link = manager_name(learner=practitioner, manager=manager)
    client = login(manager)
    _decide(client, link)
    first = _snapshot(link)
    response = client.post(
        reverse("accounts:manager_request", args=[link.pk]), {"decision": "decline"}, follow=True
    )
    assert "You have already confirmed" in response.content.decode()
    assert _snapshot(link) == first


def test_an_ended_relationship_cannot_be_confirmed_again(login, practitioner):
    manager = UserFactory()
    link = manager_name(learner=practitioner, manager=manager)
    manager_link_decide(link=link, manager=manager, confirm=True)
    manager_link_end(link=link, by=practitioner)
    ended = _snapshot(link)
    _decide(login(manager), link)
    assert _snapshot(link) == ended
    assert manager_of(practitioner) is None


def test_a_declined_request_cannot_then_be_confirmed(login, practitioner):
    manager = UserFactory()
    link = manager_name(learner=practitioner, manager=manager)
    _decide(login(manager), link, "decline")
    declined = _snapshot(link)
    _decide(login(manager), link, "confirm")
    assert _snapshot(link) == declined
    assert manager_of(practitioner) is None


def test_tampered_fields_cannot_backdate_or_choose_the_answer(login, practitioner):
    manager = UserFactory()
    asked = timezone.make_aware(datetime.datetime(2027, 5, 3, 9, 0))
    with time_machine.travel(asked, tick=False):
        link = manager_name(learner=practitioner, manager=manager)
    answered = asked + datetime.timedelta(days=2)
    with time_machine.travel(answered, tick=False):
        _decide(
            login(manager),
            link,
            confirmed_at="2020-01-01T00:00:00Z",
            requested_at="2020-01-01T00:00:00Z",
            learner=UserFactory().pk,
            manager=UserFactory().pk,
        )
    link.refresh_from_db()
    assert link.requested_at == asked
    assert link.confirmed_at == answered
    assert link.learner == practitioner and link.manager == manager


def test_an_unknown_decision_changes_nothing(login, practitioner):
    manager = UserFactory()
    link = manager_name(learner=practitioner, manager=manager)
    _decide(login(manager), link, "approve-everything")
    assert _snapshot(link) == (None, None, None, "")


@pytest.mark.parametrize("link_id", [999999, 2**63, 2**70])
def test_tampered_request_ids_are_not_found(login, practitioner, link_id):
    client = login(practitioner)
    assert client.get(f"/profile/manager-requests/{link_id}/").status_code == 404
    assert client.post(f"/profile/manager-links/{link_id}/end/").status_code == 404


# --- Ending ---------------------------------------------------------------------------------


def test_the_manager_ends_it_from_their_team_page(login, practitioner):
    manager = UserFactory()
    link = manager_name(learner=practitioner, manager=manager)
    manager_link_decide(link=link, manager=manager, confirm=True)
    response = login(manager).post(reverse("accounts:manager_link_end", args=[link.pk]))
    assert response.url == reverse("courses:team")
    link.refresh_from_db()
    assert link.end_reason == ManagerLinkEnd.MANAGER_ENDED and link.ended_by == manager
    assert manager_of(practitioner) is None


def test_nobody_else_ends_it(login, practitioner):
    manager = UserFactory()
    link = manager_name(learner=practitioner, manager=manager)
    manager_link_decide(link=link, manager=manager, confirm=True)
    for intruder in (UserFactory(), role_user("staff"), role_user("admin")):
        response = login(intruder).post(reverse("accounts:manager_link_end", args=[link.pk]))
        assert response.status_code == 404
    assert _snapshot(link)[2] is None
    assert manager_of(practitioner) == manager


def test_ending_twice_is_refused(practitioner):
    manager = UserFactory()
    link = manager_name(learner=practitioner, manager=manager)
    manager_link_end(link=link, by=practitioner)
    with pytest.raises(AccountRefusal):
        manager_link_end(link=link, by=manager)


@pytest.mark.parametrize("closed", ["learner", "manager"])
def test_deactivating_either_account_ends_it(practitioner, partnership_admin, closed):
    manager = UserFactory()
    link = manager_name(learner=practitioner, manager=manager)
    manager_link_decide(link=link, manager=manager, confirm=True)
    person_deactivate(by=partnership_admin, user=practitioner if closed == "learner" else manager)
    link.refresh_from_db()
    assert link.end_reason == ManagerLinkEnd.ACCOUNT_CLOSED
    assert manager_of(practitioner) is None
    assert confirmed_manager(practitioner) is None


def test_a_closed_manager_account_does_not_count_even_before_it_is_ended(practitioner):
    manager = UserFactory()
    link = manager_name(learner=practitioner, manager=manager)
    manager_link_decide(link=link, manager=manager, confirm=True)
    type(manager).objects.filter(pk=manager.pk).update(is_active=False)
    assert manager_of(practitioner) is None


def test_menu_shows_my_team_only_to_people_with_a_team(login, practitioner):
    manager = UserFactory()
    assert not has_team(manager)
    assert "My team" not in login(manager).get(reverse("accounts:profile")).content.decode()
    link = manager_name(learner=practitioner, manager=manager)
    assert has_team(manager)  # a request to answer
    manager_link_decide(link=link, manager=manager, confirm=True)
    assert "My team" in login(manager).get(reverse("accounts:profile")).content.decode()
    assert "My team" not in login(practitioner).get(reverse("accounts:profile")).content.decode()
    manager_link_end(link=link, by=practitioner)
    assert not has_team(manager)
