"""Gaps an outsider found by trying the site: each is closed and stays closed."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from elearning.core.forms import date_data
from supervision import permissions, services
from supervision.models import AccessLogEntry
from tests.factories import UserFactory, role_user

from .factories import (
    add_discussion,
    at,
    days,
    full_record_world,
    give_content,
    lock,
    make_agreement,
    make_record,
    propose,
)

pytestmark = pytest.mark.django_db


# Found by trying the site as an outsider -----------------------------------------------------


def test_a_share_does_not_come_back_under_a_later_agreement():
    supervisee, supervisor = role_user("practitioner"), role_user("supervisor")
    first = make_agreement(supervisee, days_ago=200)
    signed = lock(make_record(first, days_ago=150))
    services.agreement_end(by=supervisee, agreement=first, now=at(days(120)))
    second = make_agreement(supervisee, supervisor, days_ago=100)
    services.record_share(by=supervisee, record=signed, with_user=supervisor)
    assert permissions.can_view_record(supervisor, signed)
    services.agreement_end(by=supervisee, agreement=second, now=at(days(40)))
    make_agreement(supervisee, supervisor, days_ago=10)
    assert not permissions.can_view_record(supervisor, signed)
    assert not permissions.records_visible_to(supervisor).filter(pk=signed.pk).exists()


def test_changed_terms_are_checked_against_the_day_they_change(settings):
    settings.SUPERVISION_AGREEMENT_BACKDATE_DAYS = 7
    proposal = propose(days_ago=60)  # proposed 60 days ago, never answered
    with pytest.raises(services.SupervisionError, match="more than 7 days before"):
        services.agreement_update(by=proposal.supervisor, agreement=proposal, starts_on=days(55))
    proposal.refresh_from_db()
    assert proposal.starts_on == days(60) and proposal.terms_version == 1


def test_flag_responses_and_escalation_outcomes_are_logged_with_the_address(login):
    world = full_record_world()
    agreement, flag, escalation = world[0], world[4], world[5]
    login(agreement.supervisor).post(
        flag.get_absolute_url(), {"response": "discussed", "reason": "Talked it through"}
    )
    login(escalation.recipient).post(
        escalation.get_absolute_url(),
        {"outcome": "Agreed a plan", **date_data("outcome_on", timezone.localdate())},
    )
    changes = AccessLogEntry.objects.filter(action="change", supervisee=agreement.supervisee)
    flag_entry = changes.get(what__startswith=f"Flag {flag.pk} response")
    outcome_entry = changes.get(what=f"Escalation {escalation.pk} outcome")
    assert flag_entry.ip_address == outcome_entry.ip_address == "127.0.0.1"


def test_the_supervisee_is_told_when_their_supervisor_escalates_a_case():
    record = make_record(make_agreement())
    discussion = add_discussion(record)
    mail.outbox.clear()
    services.escalation_create(
        by=record.supervisor,
        discussion=discussion,
        recipient=UserFactory(),
        stage="manager",
        reason="Stuck",
        escalated_on=record.held_on,
    )
    assert [m.to for m in mail.outbox][-1] == [record.supervisee.email]


def test_an_addendum_has_a_length_limit():
    record = lock(make_record(make_agreement()))
    with pytest.raises(services.SupervisionError):
        services.addendum_add(by=record.supervisee, record=record, text="x" * 5001)
    assert not record.addenda.exists()


def test_after_a_stale_answer_the_form_carries_the_new_terms(login):
    proposal = propose()
    client = login(proposal.supervisee)
    services.agreement_update(by=proposal.supervisor, agreement=proposal, frequency_days=14)
    url = reverse("supervision:agreement_answer", args=[proposal.pk])
    page = client.post(url, {"answer": "accept", "terms_version": 1}).content.decode()
    assert 'name="terms_version" value="2"' in page
    client.post(url, {"answer": "accept", "terms_version": 2})
    proposal.refresh_from_db()
    assert proposal.state() == "active"


def test_signing_in_the_grace_period_returns_the_former_supervisor_to_their_home(login):
    agreement = make_agreement(days_ago=100)
    record = give_content(make_record(agreement, days_ago=10))
    services.record_send(by=agreement.supervisee, record=record, version=record.version)
    services.agreement_end(by=agreement.supervisee, agreement=agreement)
    record.refresh_from_db()
    response = login(agreement.supervisor).post(
        reverse("supervision:record_sign", args=[record.pk]), {"version": record.version}
    )
    assert response["Location"] == reverse("supervision:home")
    record.refresh_from_db()
    assert record.is_locked


def test_the_dashboard_panel_shows_the_supervision_summary(login):
    agreement = make_agreement(days_ago=100)
    response = login(agreement.supervisor).get(reverse("dashboard"))
    assert "You supervise 1 person." in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_deleted_library_page_stays_named_on_the_record_it_was_discussed_in(login):
    from tests.library.factories import guide

    page = guide(title="Neglect and the unseen man")
    agreement = make_agreement()
    services.topic_add(by=agreement.supervisee, page=page)
    record = make_record(agreement)
    page.delete()
    topic = record.topics.get()
    assert topic.page is None and topic.page_title == "Neglect and the unseen man"
    shown = login(agreement.supervisee).get(record.get_absolute_url()).content.decode()
    assert "Neglect and the unseen man (no longer in the library)" in shown
