"""Every read of supervision content is logged once, through one mechanism."""

import pytest
from django.urls import reverse

from supervision import permissions, services
from supervision.models import AccessLogEntry, Record
from tests.factories import UserFactory, role_user

from .factories import (
    at,
    days,
    full_record_world,
    lock,
    make_agreement,
    make_record,
)

pytestmark = pytest.mark.django_db


# Every read is logged ----------------------------------------------------------------------


READ_URLS = {
    "record_detail": lambda a, r, d, e, f, x: [r.pk],
    "record_edit": lambda a, r, d, e, f, x: [r.pk],
    "actions_review": lambda a, r, d, e, f, x: [r.pk],
    "discussion_add": lambda a, r, d, e, f, x: [r.pk],
    "discussion_edit": lambda a, r, d, e, f, x: [r.pk, d.pk],
    "reflection_add": lambda a, r, d, e, f, x: [r.pk],
    "reflection_edit": lambda a, r, d, e, f, x: [r.pk, e.pk],
    "escalation_create": lambda a, r, d, e, f, x: [r.pk, d.pk],
    "escalation_detail": lambda a, r, d, e, f, x: [x.pk],
    "case_timeline": lambda a, r, d, e, f, x: [d.case_id],
    "flag_detail": lambda a, r, d, e, f, x: [f.pk],
    "agreement_detail": lambda a, r, d, e, f, x: [a.pk],
    "home": lambda a, r, d, e, f, x: [],
}


@pytest.mark.parametrize("name", sorted(READ_URLS))
def test_every_read_of_a_supervision_page_adds_one_access_log_entry(login, name):
    world = full_record_world()
    agreement, record = world[0], world[1]
    client = login(agreement.supervisee)
    url = reverse(f"supervision:{name}", args=READ_URLS[name](*world))
    before = AccessLogEntry.objects.count()
    response = client.get(url)
    assert response.status_code == 200
    entries = list(AccessLogEntry.objects.order_by("pk")[before:])
    assert len(entries) == 1, [e.what for e in entries]
    entry = entries[0]
    assert entry.action == "view" and entry.user == agreement.supervisee
    assert entry.supervisee_id == agreement.supervisee_id
    assert entry.ip_address == "127.0.0.1"
    if name not in ("agreement_detail", "flag_detail", "home"):
        assert entry.record_id == record.pk


def test_a_refusal_or_redirect_logs_no_read(login):
    world = full_record_world()
    record = world[1]
    lock(record)
    client = login(record.supervisee)
    before = AccessLogEntry.objects.count()
    assert client.get(reverse("supervision:record_edit", args=[record.pk])).status_code == 302
    assert login(UserFactory()).get(record.get_absolute_url()).status_code == 404
    assert AccessLogEntry.objects.count() == before


def test_every_supervision_view_logs_its_reads_through_the_one_mechanism():
    from supervision.urls import urlpatterns

    unlogged = {p.name for p in urlpatterns if not getattr(p.callback, "logs_reads", False)}
    # The access log shows who read the person's own records; the CPD page shows a count;
    # "discuss in supervision" reads nothing.
    assert unlogged == {"access_log", "cpd_export_page", "topic_add"}


def test_records_reached_only_through_their_own_agreement():
    """Two agreements between the same two people: each record opens through its own."""
    supervisee, supervisor = role_user("practitioner"), role_user("supervisor")
    first = make_agreement(supervisee, supervisor, days_ago=200)
    old = lock(make_record(first, days_ago=150))
    services.agreement_end(by=supervisee, agreement=first, now=at(days(100)))
    second = make_agreement(supervisee, supervisor, days_ago=50)
    new = make_record(second, days_ago=10)
    assert Record.objects.filter(supervisee=supervisee, held_on__gte=second.starts_on).count() == 1
    assert permissions.can_view_record(supervisor, new)
    assert not permissions.can_view_record(supervisor, old)
    assert list(permissions.records_visible_to(supervisor)) == [new]
