"""The one writer of the access log: what each entry says, and that only it writes them."""

import pathlib
import re

import pytest
from django.contrib.auth.models import AnonymousUser

from supervision.models import AccessLogEntry
from supervision.services.access_log import access_log, log_event, log_reads
from tests.factories import role_user

from .factories import make_agreement, make_record

pytestmark = pytest.mark.django_db

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_log_reads_writes_one_entry_per_supervisee_naming_a_single_record():
    reader = role_user("supervisor")
    one, two = role_user("practitioner"), role_user("practitioner")
    before = AccessLogEntry.objects.count()
    log_reads(
        reader,
        {
            one.pk: {"what": ["Record", "Actions"], "records": {7}, "action": "view"},
            two.pk: {"what": ["Home"], "records": {9, 3, 5}, "action": "export"},
        },
        ip="10.0.0.1",
    )
    entries = {e.supervisee_id: e for e in AccessLogEntry.objects.order_by("pk")[before:]}
    assert set(entries) == {one.pk, two.pk}
    first, second = entries[one.pk], entries[two.pk]
    assert (first.user, first.record_id, first.action, first.what, first.ip_address) == (
        reader,
        7,
        "view",
        "Record; Actions",
        "10.0.0.1",
    )
    assert (second.record_id, second.action, second.what) == (None, "export", "Home (3 records)")


def test_log_reads_with_nothing_shown_writes_nothing():
    before = AccessLogEntry.objects.count()
    assert log_reads(role_user("supervisor"), {}) == []
    assert AccessLogEntry.objects.count() == before


def test_log_event_names_nobody_for_a_signed_out_actor_and_trims_what():
    supervisee = role_user("practitioner")
    entry = log_event(
        user=AnonymousUser(),
        action=AccessLogEntry.Action.DELETE,
        what="x" * 300,
        supervisee_id=supervisee.pk,
    )
    entry.refresh_from_db()
    assert entry.user is None and entry.supervisee_id == supervisee.pk
    assert entry.record_id is None and entry.ip_address is None
    assert entry.what == "x" * 200


def test_access_log_files_a_record_entry_under_its_supervisee_or_the_one_given():
    record = make_record(make_agreement())
    someone = role_user("practitioner")
    by = record.supervisor
    own = access_log(user=by, record=record, action=AccessLogEntry.Action.CHANGE, what="Sent")
    other = access_log(
        user=by,
        record=record,
        action=AccessLogEntry.Action.CHANGE,
        what="Shared",
        supervisee=someone,
    )
    assert (own.supervisee_id, own.record_id, own.user) == (record.supervisee_id, record.pk, by)
    assert (other.supervisee_id, other.record_id) == (someone.pk, record.pk)


def test_no_view_writes_access_log_entries_itself():
    writes = re.compile(
        r"(?<!class )AccessLogEntry\(|AccessLogEntry\.objects\.(create|bulk_create|get_or_create)"
    )
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("supervision", "toolkit")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
        and path.name != "access_log.py"
        and writes.search(path.read_text())
    ]
    assert offenders == []
