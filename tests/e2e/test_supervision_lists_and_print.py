"""In real Chromium: the recipient of an escalation finds it from the supervision home, and a
supervisee prints their record, with only the record's text on paper. Axe checks each page."""

import re

import pytest
from playwright.sync_api import expect

from supervision import services
from tests.conftest import sign_in_by_session
from tests.factories import UserFactory
from tests.supervision.factories import add_discussion, make_agreement, make_record

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_recipient_finds_an_escalation_from_the_home_page(page, live_server, axe):
    record = make_record(make_agreement())
    discussion = add_discussion(record, reference="Family Birch")
    record.refresh_from_db()
    recipient = UserFactory()
    escalation = services.escalation_create(
        by=record.supervisor,
        discussion=discussion,
        recipient=recipient,
        stage="manager",
        reason="Stuck for three months",
        escalated_on=record.held_on,
    )
    sign_in_by_session(page.context, recipient, live_server.url)
    page.goto("/supervision/")
    expect(page.get_by_text("1 open", exact=True)).to_be_visible()
    page.get_by_role("link", name="Escalations", exact=True).click()
    page.wait_for_url("**/supervision/escalations/")
    axe(page, context_label="escalations list")
    expect(page.get_by_role("link", name=re.compile(r"Sent to you \(1\)"))).to_have_attribute(
        "aria-current", "page"
    )
    page.get_by_role("link", name=re.compile("Family Birch")).click()
    page.wait_for_url(f"**/escalations/{escalation.pk}/")
    expect(page.get_by_text("Stuck for three months")).to_be_visible()


def test_a_supervisee_prints_their_record(page, live_server, axe):
    record = make_record(make_agreement())
    add_discussion(record, reference="Oak-17", worries="Weight falling")
    sign_in_by_session(page.context, record.supervisee, live_server.url)
    page.goto(record.get_absolute_url())
    page.get_by_role("link", name="Print this record").click()
    page.wait_for_url(f"**/records/{record.pk}/print/")
    axe(page, context_label="printable record")
    expect(page.get_by_role("button", name="Print this record")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_text("Weight falling")).to_be_visible()
    expect(page.get_by_role("button", name="Print this record")).to_be_hidden()
    expect(page.locator("header").first).to_be_hidden()
    # The record page itself prints without its buttons and forms.
    page.goto(record.get_absolute_url())
    expect(page.get_by_text("Weight falling")).to_be_visible()
    expect(page.get_by_role("button", name="Sign and send to the other party")).to_be_hidden()
    expect(page.get_by_role("link", name="Print this record")).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.get_by_role("button", name="Sign and send to the other party")).to_be_visible()
