"""Agreements at the service and the page: proposing, consent, ending and the grace period,
and what an admin sees. Each refusal has a matching view outcome in
test_relationship_matrix.py."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from elearning.core.forms import date_data
from supervision import permissions, services
from supervision.models import Agreement
from tests.factories import UserFactory, role_user

from .factories import (
    accept,
    add_discussion,
    at,
    days,
    give_content,
    lock,
    make_agreement,
    make_record,
    propose,
    snapshot,
)

pytestmark = pytest.mark.django_db


# Proposing ---------------------------------------------------------------------------------


def test_only_supervisors_and_admins_propose_and_admins_never_for_themselves():
    supervisee, supervisor = role_user("practitioner"), role_user("supervisor")
    admin = role_user("admin")
    today = timezone.localdate()
    cases = [
        (supervisee, supervisee, supervisor, "cannot propose"),
        (role_user("supervisor"), supervisee, supervisor, "in which they supervise"),
        (admin, admin, supervisor, "you are part of"),
        (admin, supervisee, admin, "you are part of"),
        (admin, supervisor, supervisee, "supervisor role"),
        (admin, supervisee, supervisee, "different people"),
    ]
    for by, who, whom, message in cases:
        with pytest.raises(services.SupervisionError, match=message):
            services.agreement_propose(by=by, supervisee=who, supervisor=whom, starts_on=today)
    assert Agreement.objects.count() == 0
    services.agreement_propose(
        by=admin, supervisee=supervisee, supervisor=supervisor, starts_on=today
    )
    assert Agreement.objects.get().state() == "proposed"


def test_a_proposal_cannot_start_long_before_it_is_made(settings):
    settings.SUPERVISION_AGREEMENT_BACKDATE_DAYS = 7
    supervisee, supervisor = role_user("practitioner"), role_user("supervisor")
    for starts_on, message in [
        (days(8), "more than 7 days before"),
        (days(3000), "more than 7 days before"),
        (timezone.localdate() + datetime.timedelta(days=400), "within a year"),
    ]:
        with pytest.raises(services.SupervisionError, match=message):
            services.agreement_propose(
                by=supervisor, supervisee=supervisee, supervisor=supervisor, starts_on=starts_on
            )
    assert snapshot() == []
    agreement = services.agreement_propose(
        by=supervisor, supervisee=supervisee, supervisor=supervisor, starts_on=days(7)
    )
    assert agreement.starts_on == days(7)


def test_a_second_current_or_pending_agreement_for_the_pair_is_refused():
    agreement = propose()
    with pytest.raises(services.SupervisionError, match="already have"):
        propose(agreement.supervisee, agreement.supervisor)
    accept(agreement)
    with pytest.raises(services.SupervisionError, match="already have"):
        propose(agreement.supervisee, agreement.supervisor)
    services.agreement_end(by=agreement.supervisee, agreement=agreement)
    assert propose(agreement.supervisee, agreement.supervisor).state() == "proposed"


def test_both_parties_are_emailed_at_each_step_without_details():
    mail.outbox.clear()
    agreement = propose()
    accept(agreement)
    services.agreement_end(by=agreement.supervisor, agreement=agreement)
    assert [m.subject for m in mail.outbox] == [
        "A supervision agreement has been proposed",
        "A supervision agreement has been accepted",
        "A supervision agreement has ended",
    ]
    for message in mail.outbox:
        assert set(message.to) == {agreement.supervisee.email, agreement.supervisor.email}


# Consent -----------------------------------------------------------------------------------


def test_a_proposal_grants_nothing_until_the_supervisee_accepts_it():
    supervisee = role_user("practitioner")
    earlier = make_agreement(supervisee, days_ago=100)
    record = make_record(earlier, days_ago=50)
    stranger = role_user("supervisor")
    proposal = propose(supervisee, stranger)
    assert not permissions.can_view_record(stranger, record)
    assert not permissions.can_start_record(stranger, proposal)
    with pytest.raises(services.SupervisionError, match="accepted"):
        make_record(proposal, days_ago=0, by=stranger)
    with pytest.raises(services.SupervisionError, match="accepted"):
        make_record(proposal, days_ago=0, by=supervisee)
    proposal = accept(proposal)
    # Accepting grants the new agreement's own records only, never the earlier ones.
    assert not permissions.can_view_record(stranger, record)
    assert make_record(proposal, days_ago=0, by=stranger).supervisor == stranger


def test_only_the_supervisee_answers_and_only_the_terms_they_read():
    proposal = propose()
    for who in (proposal.supervisor, role_user("admin"), UserFactory()):
        with pytest.raises(services.SupervisionError, match="Only the supervisee"):
            services.agreement_accept(by=who, agreement=proposal, terms_version=1)
    services.agreement_update(by=proposal.supervisor, agreement=proposal, frequency_days=14)
    with pytest.raises(services.SupervisionError, match="changed while you were reading"):
        services.agreement_accept(by=proposal.supervisee, agreement=proposal, terms_version=1)
    proposal.refresh_from_db()
    assert proposal.accepted_at is None and proposal.terms_version == 2
    services.agreement_accept(by=proposal.supervisee, agreement=proposal, terms_version=2)
    proposal.refresh_from_db()
    assert proposal.state() == "active"


def test_a_declined_proposal_stays_declined():
    proposal = propose()
    services.agreement_decline(
        by=proposal.supervisee, agreement=proposal, terms_version=1, reason="Not my manager"
    )
    with pytest.raises(services.SupervisionError):
        services.agreement_accept(by=proposal.supervisee, agreement=proposal, terms_version=1)
    proposal.refresh_from_db()
    assert proposal.state() == "declined" and proposal.decline_reason == "Not my manager"
    assert not permissions.can_start_record(proposal.supervisor, proposal)


def test_an_accepted_agreement_cannot_be_backdated_or_extended_by_anyone():
    agreement = make_agreement(days_ago=30)
    admin = role_user("admin")
    for by in (agreement.supervisor, agreement.supervisee, admin):
        for change in ({"starts_on": days(400)}, {"ends_on": None}, {"frequency_days": 7}):
            with pytest.raises(services.SupervisionError, match="Only a proposal"):
                services.agreement_update(by=by, agreement=agreement, **change)
    services.agreement_end(by=admin, agreement=agreement)
    before = snapshot()
    for by in (agreement.supervisor, admin):
        with pytest.raises(services.SupervisionError):
            services.agreement_update(by=by, agreement=agreement, ends_on=None)
        with pytest.raises(services.SupervisionError, match="already ended"):
            services.agreement_end(by=by, agreement=agreement)
    assert snapshot() == before


def test_an_admin_cannot_change_a_proposal_they_are_part_of_or_one_for_someone_else():
    admin = role_user("admin")
    proposal = propose()
    other_supervisor = role_user("supervisor")
    with pytest.raises(services.SupervisionError):
        services.agreement_update(by=other_supervisor, agreement=proposal, frequency_days=7)
    services.agreement_update(by=admin, agreement=proposal, frequency_days=7)
    with pytest.raises(services.SupervisionError, match="cannot be changed here"):
        services.agreement_update(by=admin, agreement=proposal, supervisor_id=admin.pk)
    proposal.refresh_from_db()
    assert proposal.supervisor_id != admin.pk and proposal.frequency_days == 7


# Access ends -------------------------------------------------------------------------------


def test_ending_an_agreement_ends_the_supervisors_access_at_once():
    agreement = make_agreement(days_ago=100)
    locked = lock(make_record(agreement, days_ago=60))
    draft = make_record(agreement, days_ago=10)
    supervisor = agreement.supervisor
    assert permissions.can_view_record(supervisor, locked)
    services.agreement_end(by=agreement.supervisee, agreement=agreement)
    locked.refresh_from_db()
    draft.refresh_from_db()
    assert not permissions.records_visible_to(supervisor).exists()
    for record in (locked, draft):
        assert not permissions.can_view_record(supervisor, record)
        assert permissions.can_view_record(agreement.supervisee, record)
    with pytest.raises(services.SupervisionError, match="not a party|accepted"):
        make_record(agreement, days_ago=5, by=supervisor)
    with pytest.raises(services.SupervisionError, match="accepted"):
        make_record(agreement, days_ago=5)
    with pytest.raises(services.SupervisionError):
        services.addendum_add(by=supervisor, record=locked, text="Late note")
    with pytest.raises(services.SupervisionError, match="ended"):
        services.record_update(
            by=agreement.supervisee, record=draft, version=draft.version, attendees="x"
        )
    # The supervisee keeps their own record and may still add to it.
    services.addendum_add(by=agreement.supervisee, record=locked, text="My note")
    assert locked.addenda.count() == 1


def test_the_end_date_passing_ends_access_too():
    agreement = make_agreement(days_ago=100)
    record = lock(make_record(agreement, days_ago=60))
    Agreement.objects.filter(pk=agreement.pk).update(ends_on=days(1))
    record.refresh_from_db()
    assert not permissions.can_view_record(agreement.supervisor, record)
    assert not Agreement.objects.current().filter(pk=agreement.pk).exists()


def test_a_record_sent_before_the_end_can_be_signed_for_the_grace_period(settings):
    settings.SUPERVISION_SIGNING_GRACE_DAYS = 14
    agreement = make_agreement(days_ago=100)
    record = make_record(agreement, days_ago=20)
    add_discussion(record)
    record.refresh_from_db()
    services.record_send(by=agreement.supervisee, record=record, version=record.version)
    services.agreement_end(by=agreement.supervisee, agreement=agreement, now=at(days(13)))
    record.refresh_from_db()
    supervisor = agreement.supervisor
    assert permissions.record_access(supervisor, record) == permissions.SIGNING_GRACE
    assert list(permissions.records_visible_to(supervisor)) == [record]
    with pytest.raises(services.SupervisionError):
        services.record_return(by=supervisor, record=record, version=record.version)
    services.record_sign(by=supervisor, record=record, version=record.version)
    record.refresh_from_db()
    assert record.is_locked
    # Once signed, nothing is awaiting them: access closes.
    assert not permissions.can_view_record(supervisor, record)


def test_after_the_grace_period_a_sent_record_closes_to_the_former_supervisor(settings):
    settings.SUPERVISION_SIGNING_GRACE_DAYS = 14
    agreement = make_agreement(days_ago=100)
    record = give_content(make_record(agreement, days_ago=20))
    services.record_send(by=agreement.supervisee, record=record, version=record.version)
    services.agreement_end(by=agreement.supervisor, agreement=agreement, now=at(days(15)))
    record.refresh_from_db()
    assert not permissions.can_view_record(agreement.supervisor, record)
    assert not permissions.records_visible_to(agreement.supervisor).exists()
    with pytest.raises(services.SupervisionError, match="cannot sign"):
        services.record_sign(by=agreement.supervisor, record=record, version=record.version)
    record.refresh_from_db()
    assert record.status == "sent" and record.supervisor_signed_at is None
    settings.SUPERVISION_SIGNING_GRACE_DAYS = 30
    assert permissions.can_view_record(agreement.supervisor, record)


def test_a_record_the_former_supervisor_sent_does_not_stay_open_to_them():
    agreement = make_agreement(days_ago=100)
    record = give_content(make_record(agreement, days_ago=20))
    services.record_send(by=agreement.supervisor, record=record, version=record.version)
    services.agreement_end(by=agreement.supervisor, agreement=agreement)
    record.refresh_from_db()
    assert not permissions.can_view_record(agreement.supervisor, record)
    services.record_sign(by=agreement.supervisee, record=record, version=record.version)


# Admins see agreements, not records --------------------------------------------------------


def test_an_admin_sees_the_agreements_own_facts_only(login):
    agreement = make_agreement(days_ago=200)
    lock(make_record(agreement, days_ago=50))
    admin_page = login(role_user("admin")).get(agreement.get_absolute_url()).content.decode()
    assert "Next supervision due" not in admin_page
    assert "Records under this agreement" not in admin_page
    held = (timezone.localdate() - datetime.timedelta(days=50)).strftime("%-d %B %Y")
    assert held not in admin_page
    party_page = login(agreement.supervisee).get(agreement.get_absolute_url()).content.decode()
    assert "Next supervision due" in party_page and held in party_page


# The same refusals at the views: a clear message, nothing stored ---------------------------


def test_a_backdated_or_self_naming_proposal_is_refused_on_the_page(login):
    supervisee = role_user("practitioner")
    supervisor = role_user("supervisor")
    admin = role_user("admin")
    url = reverse("supervision:agreement_create")
    form = {"supervisee_email": supervisee.email, "frequency_days": 28}
    response = login(supervisor).post(url, {**form, **date_data("starts_on", days(400))})
    assert response.status_code == 200
    assert "cannot start more than 7 days before" in response.content.decode()
    response = login(admin).post(
        url, {**form, "supervisor_email": admin.email, **date_data("starts_on", days(0))}
    )
    assert "You cannot propose an agreement you are part of" in response.content.decode()
    # Fields that are not on the form are ignored, whatever is posted.
    login(supervisor).post(
        url, {**form, **date_data("starts_on", days(0)), "accepted_at": "2020-01-01T00:00"}
    )
    assert Agreement.objects.get().accepted_at is None


def test_an_accepted_agreement_posted_to_its_edit_page_is_unchanged(login):
    agreement = make_agreement(days_ago=30)
    before = snapshot()
    for user in (agreement.supervisor, role_user("admin")):
        response = login(user).post(
            reverse("supervision:agreement_edit", args=[agreement.pk]),
            {
                **date_data("starts_on", days(900)),
                **date_data("ends_on", None),
                "frequency_days": 7,
            },
        )
        assert response.status_code == 302
    assert snapshot() == before


def test_a_stale_or_tampered_answer_is_refused_on_the_page(login):
    proposal = propose()
    client = login(proposal.supervisee)
    url = reverse("supervision:agreement_answer", args=[proposal.pk])
    response = client.post(url, {"answer": "accept", "terms_version": 7})
    assert "changed while you were reading" in response.content.decode()
    response = client.post(url, {"answer": "yes please", "terms_version": 1})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert (
        login(proposal.supervisor).post(url, {"answer": "accept", "terms_version": 1})["Location"]
        == proposal.get_absolute_url()
    )
    proposal.refresh_from_db()
    assert proposal.accepted_at is None
    client.post(url, {"answer": "accept", "terms_version": 1})
    proposal.refresh_from_db()
    assert proposal.accepted_at is not None


def test_sharing_with_someone_who_is_not_a_current_supervisor_is_refused(login):
    agreement = make_agreement(days_ago=100)
    record = lock(make_record(agreement, days_ago=50))
    stranger = role_user("supervisor")
    client = login(agreement.supervisee)
    response = client.post(
        reverse("supervision:record_share", args=[record.pk]),
        {"shared_with": stranger.pk},
        follow=True,
    )
    assert "Choose one of your current supervisors" in response.content.decode()
    assert not record.shares.exists()
    assert login(stranger).get(record.get_absolute_url()).status_code == 404


def test_a_former_supervisor_under_a_new_agreement_sees_old_records_only_if_shared():
    supervisee, supervisor = role_user("practitioner"), role_user("supervisor")
    first = make_agreement(supervisee, supervisor, days_ago=200)
    old = lock(make_record(first, days_ago=150))
    services.agreement_end(by=supervisee, agreement=first, now=at(days(100)))
    make_agreement(supervisee, supervisor, days_ago=50)
    old.refresh_from_db()
    assert not permissions.can_view_record(supervisor, old)
    assert list(permissions.share_recipients(supervisee, old)) == [supervisor]
    services.record_share(by=supervisee, record=old, with_user=supervisor)
    assert permissions.record_access(supervisor, old) == permissions.SHARED
