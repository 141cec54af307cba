"""A neglect assessment and its review, written with the keyboard alone, taken to supervision.

Tab and Shift+Tab move, typing fills boxes, the arrow keys choose within a radio group and
Enter follows links and presses buttons. Nothing is clicked. Each page is checked with axe.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import sign_in_by_session
from tests.e2e.test_keyboard_supervision import assert_focus_visible, press_on, tab_to, type_into
from tests.supervision.factories import add_discussion, make_agreement, make_record
from tests.toolkit.factories import make_toolkit
from toolkit.models import Assessment

pytestmark = pytest.mark.django_db(transaction=True)


def type_date(page, day: datetime.date, seen: list) -> None:
    group = page.get_by_role("group", name="Date of the assessment")
    type_into(page, group.get_by_label("Day"), str(day.day), seen)
    type_into(page, group.get_by_label("Month"), str(day.month), seen)
    type_into(page, group.get_by_label("Year"), str(day.year), seen)


def assess(page, axe, day: datetime.date, levels: list[str], seen: list) -> None:
    """From the start page, fill in and complete an assessment of Family Oak."""
    page.wait_for_url("**/toolkit/assessments/new/**")
    axe(page, context_label="start")
    reference = page.get_by_label("Case reference")
    if reference.input_value() != "Family Oak":
        type_into(page, reference, "Family Oak", seen)
    type_date(page, day, seen)
    press_on(page, page.get_by_role("button", name="Continue"), seen)
    for n, level in enumerate(levels, start=1):
        page.wait_for_url(re.compile(rf"/areas/{n}/$"))
        axe(page, context_label=f"area {n}")
        choose_level(page, page.get_by_role("group", name="Level"), level, seen)
        type_into(page, page.get_by_label("Evidence"), f"Seen at the visit, area {n}.", seen)
        last = n == len(levels)
        button = "Save and see the summary" if last else "Save and go to the next area"
        press_on(page, page.get_by_role("button", name=button), seen)
    page.wait_for_url(re.compile(r"/toolkit/assessments/\d+/$"))
    press_on(page, page.get_by_role("button", name="Complete the assessment"), seen)
    expect(page.get_by_role("link", name="Take it to supervision")).to_be_visible()


def test_a_practitioner_assesses_reviews_and_takes_it_to_supervision(browser, live_server, axe):
    toolkit = make_toolkit(areas=2)
    agreement = make_agreement()
    practitioner = agreement.supervisee
    discussion = add_discussion(make_record(agreement), reference="Family Oak")
    today = timezone.localdate()
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    sign_in_by_session(context, practitioner, live_server.url)
    seen: list = []

    page.goto(f"/toolkit/assessments/new/?toolkit={toolkit.pk}")
    assess(page, axe, today - datetime.timedelta(weeks=12), ["Needs met", "Needs unmet"], seen)

    # The discussion compares only assessments taken to it, so the first goes there too.
    attach(page, axe, seen)

    # The review starts from the first assessment, which fills in the toolkit and the case.
    press_on(page, page.get_by_role("link", name="Start a review of this case"), seen)
    assess(page, axe, today, ["Some needs unmet", "Needs unmet"], seen)
    expect(page.get_by_text("This is a review: 12 weeks since the last assessment")).to_be_visible()
    comparison = page.get_by_role("table", name=re.compile("compared with earlier"))
    expect(comparison.get_by_text("Worse")).to_be_visible()
    expect(comparison.get_by_text("The same")).to_be_visible()
    axe(page, context_label="review")

    attach(page, axe, seen)

    review = Assessment.objects.filter(author=practitioner).latest("assessed_on")
    assert review.discussion_id == discussion.pk
    assert [f.level for f in review.findings.all()] == [2, 3]

    press_on(page, page.get_by_role("link", name=re.compile("^Discussion on")), seen)
    page.wait_for_url(re.compile(r"/supervision/records/\d+/$"))
    levels = page.get_by_role("table", name=re.compile("Neglect toolkit: Family Oak"))
    expect(levels).to_contain_text("2. Some needs unmet")
    expect(levels).to_contain_text("3. Needs unmet")
    expect(levels).to_contain_text("12 weeks before")
    expect(levels.get_by_text("Worse")).to_be_visible()
    axe(page, context_label="record")
    assert {"A", "INPUT", "BUTTON", "TEXTAREA"} <= {item["tag"] for item in seen}
    context.close()


def attach(page, axe, seen: list) -> None:
    press_on(page, page.get_by_role("link", name="Take it to supervision"), seen)
    page.wait_for_url("**/attach/")
    axe(page, context_label="attach")
    radio = page.get_by_role("group", name="Which supervision discussion").get_by_role("radio")
    choose_radio_first(page, radio, seen)
    press_on(page, page.get_by_role("button", name="Attach"), seen)
    page.wait_for_url(re.compile(r"/toolkit/assessments/\d+/$"))


def choose_level(page, group, label: str, seen: list) -> None:
    """Tab onto the first radio, tick it with Space, then arrow down to ``label``."""
    radios = group.get_by_role("radio")
    target = group.get_by_label(label, exact=True)
    tab_to(page, radios.first, seen)
    page.keyboard.press("Space")
    for _ in range(radios.count()):
        if target.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("ArrowDown")
        assert_focus_visible(page, seen)
    expect(target).to_be_checked()


def choose_radio_first(page, radio, seen: list) -> None:
    tab_to(page, radio.first, seen)
    page.keyboard.press("Space")
    expect(radio.first).to_be_checked()
