"""A printable version and a PDF of one record, for its two parties only, each logged as an
export. Everyone else gets 404 (anonymous people are sent to sign in, as on every supervision
page) and nothing is written to the access log for them."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from supervision import services
from supervision.models import AccessLogEntry, Record, RecordShare
from tests.factories import UserFactory, role_user

from .factories import add_discussion, add_reflection, at, days, lock, make_agreement, make_record

pytestmark = pytest.mark.django_db

COPIES = ("supervision:record_print", "supervision:record_pdf")


@pytest.fixture
def record():
    agreement = make_agreement(days_ago=100)
    record = make_record(agreement, days_ago=3)
    add_discussion(record, reference="Family Oak", current_position="Position to print")
    add_reflection(record, what_happened="Reflection to print")
    record.refresh_from_db()
    services.record_update(
        by=record.supervisee, record=record, version=record.version, wellbeing="Private wellbeing"
    )
    record.refresh_from_db()
    return record


def _pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


@pytest.mark.parametrize("party", ["supervisee", "supervisor"])
def test_each_party_prints_and_downloads_and_each_copy_is_logged(login, record, party):
    user = getattr(record, party)
    client = login(user)

    before = AccessLogEntry.objects.count()
    page = client.get(reverse("supervision:record_print", args=[record.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Position to print" in html and "Reflection to print" in html
    assert "@media print" in html
    assert "Private wellbeing" not in html
    entries = list(AccessLogEntry.objects.order_by("pk")[before:])
    assert [(e.action, e.what, e.record_id, e.supervisee_id, e.user) for e in entries] == [
        ("export", "Record (printable version)", record.pk, record.supervisee_id, user)
    ]

    before = AccessLogEntry.objects.count()
    pdf = client.get(reverse("supervision:record_pdf", args=[record.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith('attachment; filename="supervision-record-')
    directives = {d.strip() for d in pdf["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives, pdf["Cache-Control"]
    text = _pdf_text(pdf.content)
    assert "Position to print" in text and "Reflection to print" in text
    assert "Private wellbeing" not in text
    entries = list(AccessLogEntry.objects.order_by("pk")[before:])
    assert [(e.action, e.what, e.record_id, e.user) for e in entries] == [
        ("export", "Record (PDF)", record.pk, user)
    ]


def test_the_record_page_offers_the_copies_to_the_parties(login, record):
    for user in (record.supervisee, record.supervisor):
        page = login(user).get(record.get_absolute_url()).content.decode()
        assert "Print this record" in page
        assert reverse("supervision:record_pdf", args=[record.pk]) in page
        assert "@media print" in page  # the record page itself prints cleanly too


def _refused(login, record, user):
    before = AccessLogEntry.objects.count()
    client = login(user) if user is not None else Client()
    for name in COPIES:
        response = client.get(reverse(name, args=[record.pk]))
        if user is None:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))
        else:
            assert response.status_code == 404, (user, name)
        assert response.get("Content-Type", "").startswith("text/html")
    assert AccessLogEntry.objects.count() == before


def test_everyone_else_is_refused_and_nothing_is_logged(login, record):
    other_practitioner = role_user("practitioner")
    other_supervisor = role_user("supervisor")
    superuser = UserFactory(is_superuser=True, is_staff=True, totp_secret=True)
    for user in (
        other_practitioner,
        other_supervisor,
        role_user("staff"),
        role_user("admin"),
        superuser,
        None,  # anonymous
    ):
        _refused(login, record, user)


def test_the_former_supervisor_is_refused_once_the_agreement_has_ended(login, record):
    lock(record)
    services.agreement_end(by=record.supervisee, agreement=record.agreement)
    record = Record.objects.get(pk=record.pk)
    _refused(login, record, record.supervisor)
    # The supervisee keeps their own record.
    assert (
        login(record.supervisee)
        .get(reverse("supervision:record_pdf", args=[record.pk]))
        .status_code
        == 200
    )


def test_reading_in_the_grace_period_or_through_a_share_gives_no_copy(login):
    supervisee = role_user("practitioner")
    former = make_agreement(supervisee, role_user("supervisor"), days_ago=100)
    sent = make_record(former, days_ago=6)
    add_discussion(sent)
    sent.refresh_from_db()
    services.record_send(by=supervisee, record=sent, version=sent.version)
    services.agreement_end(by=supervisee, agreement=former, now=at(days(5)))
    sent = Record.objects.get(pk=sent.pk)
    # Within the grace period the former supervisor may read and sign it, not copy it.
    assert login(former.supervisor).get(sent.get_absolute_url()).status_code == 200
    assert (
        "Print this record"
        not in login(former.supervisor).get(sent.get_absolute_url()).content.decode()
    )
    _refused(login, sent, former.supervisor)

    current = make_agreement(supervisee, role_user("supervisor"), days_ago=20)
    old = lock(add_discussion(make_record(current, days_ago=4)).record)
    next_supervisor = role_user("supervisor")
    make_agreement(supervisee, next_supervisor, days_ago=10)
    services.record_share(by=supervisee, record=old, with_user=next_supervisor)
    assert RecordShare.objects.filter(shared_with=next_supervisor).exists()
    assert login(next_supervisor).get(old.get_absolute_url()).status_code == 200
    _refused(login, old, next_supervisor)
