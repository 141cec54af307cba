"""A record with nothing in it cannot be sent or signed.

"Nothing in it": no case discussion, no reflection, no action agreed in it, no progress on an
action carried from last time, and no wellbeing or support-needs text. The header (date,
duration, type, attendees, functions) and the library pages attached to it do not count.
"""

import pytest
from django.core import mail
from django.urls import reverse

from supervision import services
from supervision.models import AccessLogEntry, Record, RecordStatus

from .factories import add_discussion, add_reflection, lock, make_agreement, make_record

pytestmark = pytest.mark.django_db

WHAT_TO_ADD = "add at least one of these: a case discussion, a reflection, an action agreed"


def _state(record):
    return Record.objects.filter(pk=record.pk).values(
        "status", "version", "sent_at", "supervisee_signed_at", "supervisor_signed_at"
    )[0]


def _fresh(record):
    record.refresh_from_db()
    return record


def test_what_counts_as_something_in_a_record():
    agreement = make_agreement()
    empty = make_record(agreement, days_ago=9)
    assert not services.record_has_content(empty)
    Record.objects.filter(pk=empty.pk).update(attendees="Team manager", functions=["support"])
    assert not services.record_has_content(_fresh(empty))
    Record.objects.filter(pk=empty.pk).update(wellbeing="   ")
    assert not services.record_has_content(_fresh(empty))
    Record.objects.filter(pk=empty.pk).update(support_needs="Time to write up.")
    assert services.record_has_content(_fresh(empty))

    with_discussion = make_record(agreement, days_ago=8)
    add_discussion(with_discussion)
    assert services.record_has_content(with_discussion)

    with_reflection = make_record(agreement, days_ago=7)
    add_reflection(with_reflection)
    assert services.record_has_content(with_reflection)


def test_actions_count_when_agreed_here_or_when_progress_is_recorded():
    agreement = make_agreement()
    first = _fresh(make_record(agreement, days_ago=20))
    services.action_add(
        by=first.supervisee,
        record=first,
        version=first.version,
        description="Ask the GP",
        owner="SW",
        due_on=None,
    )
    assert services.record_has_content(_fresh(first))  # an action agreed in this record
    lock(first)

    second = _fresh(make_record(agreement, days_ago=10))
    carried = second.actions.get()
    assert carried.carried_from_id is not None
    # Carried forward by the site, untouched: nothing written yet.
    assert not services.record_has_content(second)
    services.actions_review(
        by=second.supervisee,
        record=second,
        version=second.version,
        updates={carried.pk: {"status": "in_progress", "barriers": ""}},
    )
    assert services.record_has_content(_fresh(second))


def test_an_empty_draft_cannot_be_sent_and_nothing_changes():
    record = _fresh(make_record(make_agreement()))
    before, log_before, mail_before = (
        _state(record),
        AccessLogEntry.objects.count(),
        len(mail.outbox),
    )
    with pytest.raises(services.SupervisionError, match=WHAT_TO_ADD):
        services.record_send(by=record.supervisee, record=record, version=record.version)
    assert _state(record) == before
    assert AccessLogEntry.objects.count() == log_before
    assert len(mail.outbox) == mail_before


def test_an_empty_record_already_sent_cannot_be_signed_and_nothing_changes():
    """Records sent before this rule may be waiting for a signature."""
    record = _fresh(make_record(make_agreement()))
    Record.objects.filter(pk=record.pk).update(status=RecordStatus.SENT, sent_by=record.supervisee)
    record = _fresh(record)
    before = _state(record)
    with pytest.raises(services.SupervisionError, match="Return it to draft and add"):
        services.record_sign(by=record.supervisor, record=record, version=record.version)
    assert _state(record) == before


def test_the_record_page_says_what_to_add_and_refuses_the_send(login):
    record = _fresh(make_record(make_agreement()))
    client = login(record.supervisee)
    page = client.get(record.get_absolute_url()).content.decode()
    assert "There is nothing in this record yet." in page
    before = _state(record)
    response = client.post(
        reverse("supervision:record_send", args=[record.pk]),
        {"version": record.version},
        follow=True,
    )
    text = response.content.decode()
    assert WHAT_TO_ADD in text
    assert "You have signed the record and sent it" not in text
    assert _state(record) == before
    # Once there is something in it, the hint goes and the send works.
    add_discussion(record)
    record = _fresh(record)
    assert (
        "There is nothing in this record yet."
        not in client.get(record.get_absolute_url()).content.decode()
    )
    client.post(reverse("supervision:record_send", args=[record.pk]), {"version": record.version})
    assert _fresh(record).status == RecordStatus.SENT


def test_the_sign_page_shows_the_refusal(login):
    record = _fresh(make_record(make_agreement()))
    Record.objects.filter(pk=record.pk).update(status=RecordStatus.SENT, sent_by=record.supervisee)
    record = _fresh(record)
    before = _state(record)
    response = login(record.supervisor).post(
        reverse("supervision:record_sign", args=[record.pk]), {"version": record.version}
    )
    assert response.status_code == 200
    assert "There is nothing in this record to sign." in response.content.decode()
    assert _state(record) == before
