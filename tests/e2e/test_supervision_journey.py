"""Supervision in real Chromium: a supervisee drafts a record with a case discussion and a
reflection and sends it; the supervisor signs and the record locks; the supervisor responds to
a drift flag. Axe checks each page on the way."""

import re

import pytest
from playwright.sync_api import expect

from supervision.models import Flag, PromptSet, Record, RecordStatus
from supervision.prompt_data import prompts_ensure
from tests.conftest import sign_in_by_session
from tests.e2e.dates import fill_date
from tests.supervision.factories import add_discussion, lock, make_agreement, make_record

pytestmark = pytest.mark.django_db(transaction=True)


def test_draft_send_sign_and_lock_a_record(browser, live_server, axe):
    # Browser tests flush the database, taking the migration's default prompts with it.
    prompts_ensure(PromptSet)
    agreement = make_agreement()
    supervisee, supervisor = agreement.supervisee, agreement.supervisor

    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    sign_in_by_session(context, supervisee, live_server.url)
    page.goto("/supervision/")
    axe(page, context_label="supervision home")
    page.get_by_role("link", name=re.compile("New record of supervision")).click()
    page.wait_for_url("**/records/new/")
    axe(page, context_label="start a record")
    page.get_by_label("Duration (minutes)").fill("50")
    page.get_by_label("Support").check()
    page.get_by_role("button", name="Start record").click()
    page.wait_for_url(re.compile(r"/supervision/records/\d+/$"))
    expect(page.get_by_text("Record started.")).to_be_visible()
    axe(page, context_label="draft record")

    page.get_by_role("link", name="Add a case discussion").click()
    page.wait_for_url("**/discussions/new/")
    page.get_by_label("Case reference").fill("Oak-17")
    page.locator("#id_actions-0-description").fill("Ask the GP for the growth chart")
    # Saved half done: every problem is listed at once, the action's owner among them, and
    # each link takes the focus to its field.
    page.get_by_role("button", name="Save case discussion").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Choose a number on the worry scale, from 0 to 10.",
            "Choose yes, partly, no or unclear for the change check.",
            "Action 1: Say who owns this action.",
        ]
    )
    axe(page, context_label="case discussion form with errors")
    summary.get_by_role("link", name="Action 1: Say who owns this action.").click()
    expect(page.locator("#id_actions-0-owner")).to_be_focused()
    page.locator("#id_actions-0-owner").fill("Social worker")
    expect(page.locator("#id_actions-0-description")).to_have_value(
        "Ask the GP for the growth chart"
    )
    page.get_by_role("group", name="Worry scale").get_by_label("6", exact=True).check()
    page.get_by_role("group", name="Change check").get_by_label("No").check()
    page.get_by_label("Child seen alone since last time").check()
    page.get_by_label("What are we worried about?").fill("The baby's weight <b>keeps</b> falling.")
    axe(page, context_label="case discussion form")
    page.get_by_role("button", name="Save case discussion").click()
    expect(page.get_by_text("Case discussion added.")).to_be_visible()
    expect(page.get_by_text("The baby's weight <b>keeps</b> falling.")).to_be_visible()

    page.get_by_role("link", name="Add a reflection").click()
    page.wait_for_url("**/reflections/new/")
    page.get_by_role("group", name="Theme").get_by_label("Desensitisation").check()
    aside = page.get_by_role("complementary")
    aside.get_by_text("Desensitisation").click()  # its prompts
    prompt = "What would shock someone who was new to this work?"
    expect(aside.get_by_text(prompt)).to_be_visible()
    page.get_by_label("Prompt you used").select_option(label=prompt)  # picked, not retyped
    page.get_by_label("What happened").fill("A calm visit with nothing new for the baby.")
    page.get_by_label("What I make of it").fill("My worry fell without any change.")
    axe(page, context_label="reflection form")
    page.get_by_role("button", name="Save reflection").click()
    expect(page.get_by_text("Reflection added.")).to_be_visible()

    page.get_by_role("button", name="Sign and send to the other party").click()
    expect(page.get_by_text("You have signed the record and sent it")).to_be_visible()
    record = Record.objects.get(supervisee=supervisee)
    assert record.status == RecordStatus.SENT
    assert record.reflections.get().prompt == prompt
    context.close()

    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    sign_in_by_session(context, supervisor, live_server.url)
    page.goto("/dashboard/")
    expect(page.get_by_role("heading", name="Supervision")).to_be_visible()
    page.goto(record.get_absolute_url())
    page.get_by_role("link", name="Read and sign").click()
    page.wait_for_url("**/sign/")
    axe(page, context_label="sign the record")
    page.get_by_role("button", name="Sign the record").click()
    expect(page.get_by_text("Signed by both of you. The record is now locked.")).to_be_visible()
    expect(page.locator("h1 .govuk-tag")).to_have_text("Signed and locked")
    expect(page.get_by_role("button", name="Sign and send to the other party")).to_have_count(0)
    page.get_by_label("Addendum").fill("The GP appointment is on Friday.")
    page.get_by_role("button", name="Add addendum").click()
    expect(page.get_by_text("The GP appointment is on Friday.")).to_be_visible()
    axe(page, context_label="locked record")
    record.refresh_from_db()
    assert record.is_locked and record.addenda.count() == 1
    context.close()


def test_supervisor_responds_to_a_drift_flag_from_the_case_timeline(page, live_server, axe):
    agreement = make_agreement()
    for days_ago, worry in ((90, 7), (60, 6), (30, 4)):
        record = make_record(agreement, days_ago=days_ago)
        add_discussion(record, worry_scale=worry)
        lock(record)
    flag = Flag.objects.get(rule=6)
    sign_in_by_session(page.context, agreement.supervisor, live_server.url)
    page.goto("/supervision/")
    expect(page.get_by_role("table", name="The people you supervise")).to_be_visible()
    page.get_by_role("link", name=re.compile("Possible desensitisation")).click()
    page.wait_for_url(f"**/flags/{flag.pk}/")
    page.get_by_role("link", name="See the case timeline").click()
    page.wait_for_url("**/cases/**")
    expect(
        page.get_by_role("img", name=re.compile("Worry scale at each discussion"))
    ).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("4 No"))).to_be_visible()
    axe(page, context_label="case timeline")
    page.get_by_role("link", name=re.compile("Flag 6: Possible desensitisation")).click()
    page.wait_for_url(f"**/flags/{flag.pk}/")
    axe(page, context_label="flag")
    page.get_by_role("button", name="Record response").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    page.get_by_label("Discussed").check()
    page.get_by_label("Reason").fill("We scored the worry against the baby's weight instead.")
    page.get_by_role("button", name="Record response").click()
    expect(page.get_by_text("Response recorded. The flag is closed.")).to_be_visible()
    flag.refresh_from_db()
    assert flag.response == "discussed" and flag.responded_by == agreement.supervisor


def test_propose_accept_sign_end_and_the_next_supervisor_sees_the_open_flag(page, live_server, axe):
    """The trust model end to end: consent, signing, the end of an agreement, and handover."""
    import datetime

    from django.utils import timezone

    from supervision.models import Agreement
    from tests.factories import role_user
    from tests.supervision.factories import accept, propose

    prompts_ensure(PromptSet)
    supervisee, supervisor, successor = (
        role_user("practitioner"),
        role_user("supervisor"),
        role_user("supervisor"),
    )
    context = page.context

    # The supervisor proposes; nothing is granted yet.
    sign_in_by_session(context, supervisor, live_server.url)
    page.goto("/supervision/agreements/new/")
    axe(page, context_label="propose an agreement")
    page.get_by_label("Supervisee's e-mail address").fill(supervisee.email)
    start = timezone.localdate() - datetime.timedelta(days=6)
    fill_date(page, "Starts on", start)
    page.get_by_role("button", name="Propose agreement").click()
    page.wait_for_url(re.compile(r"/supervision/agreements/\d+/$"))
    expect(page.get_by_text("Agreement proposed.")).to_be_visible()
    expect(page.get_by_text("Waiting for the supervisee to accept")).to_be_visible()
    agreement = Agreement.objects.get(supervisee=supervisee)
    assert agreement.accepted_at is None
    context.clear_cookies()

    # The supervisee reads the terms and accepts.
    sign_in_by_session(context, supervisee, live_server.url)
    page.goto("/supervision/")
    page.get_by_role("link", name=re.compile("A supervision agreement with")).click()
    page.wait_for_url(f"**/agreements/{agreement.pk}/")
    axe(page, context_label="agreement waiting for an answer")
    page.get_by_role("button", name="Send answer").click()
    expect(
        page.get_by_text("Choose whether you accept or decline the agreement.").first
    ).to_be_visible()
    page.get_by_label("Yes, I accept it").check()
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_text("You have accepted the agreement.")).to_be_visible()
    agreement.refresh_from_db()
    assert agreement.state() == "active"

    # One earlier record this week, then the supervisee writes the second in the browser.
    first = make_record(agreement, days_ago=5)
    add_discussion(first, reference="Oak-17", child_seen_alone=False, voice_recorded=False)
    lock(first)
    page.goto(agreement.get_absolute_url())
    page.get_by_role("link", name="Start a record").click()
    page.wait_for_url("**/records/new/")
    page.get_by_role("button", name="Start record").click()
    page.wait_for_url(re.compile(r"/supervision/records/\d+/$"))
    page.get_by_role("link", name="Add a case discussion").click()
    page.wait_for_url("**/discussions/new/")
    page.get_by_label("Case reference").fill("Oak-17")
    page.get_by_role("group", name="Worry scale").get_by_label("6", exact=True).check()
    page.get_by_role("group", name="Change check").get_by_label("Unclear").check()
    page.get_by_role("button", name="Save case discussion").click()
    expect(page.get_by_text("Case discussion added.")).to_be_visible()
    page.get_by_role("button", name="Sign and send to the other party").click()
    expect(page.get_by_text("You have signed the record and sent it")).to_be_visible()
    second = Record.objects.exclude(pk=first.pk).get(supervisee=supervisee)
    context.clear_cookies()

    # The supervisor signs, which raises flag 3, then ends the agreement.
    sign_in_by_session(context, supervisor, live_server.url)
    page.goto(f"{second.get_absolute_url()}sign/")
    page.get_by_role("button", name="Sign the record").click()
    expect(page.get_by_text("Signed by both of you. The record is now locked.")).to_be_visible()
    flag = Flag.objects.get(rule=3, supervisee=supervisee)
    page.goto(agreement.get_absolute_url())
    page.get_by_role("button", name="End agreement now").click()
    expect(page.get_by_text("The agreement has ended.")).to_be_visible()
    axe(page, context_label="ended agreement")
    page.goto(second.get_absolute_url())
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    context.clear_cookies()

    # The next supervisor sees the open flag that followed, not the old records.
    accept(propose(supervisee, successor))
    sign_in_by_session(context, successor, live_server.url)
    page.goto("/supervision/")
    page.get_by_role("link", name=re.compile("Child not seen alone|seen alone")).first.click()
    page.wait_for_url(f"**/flags/{flag.pk}/")
    expect(page.get_by_role("heading", name=re.compile("Flag 3"))).to_be_visible()
    expect(page.get_by_role("button", name="Record response")).to_be_visible()
    axe(page, context_label="handed-over flag")
    page.goto(second.get_absolute_url())
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
