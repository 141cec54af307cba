"""Writing a supervision record with the keyboard alone, in real Chromium.

The supervisee starts a record, adds a case discussion and signs and sends it using only Tab
and Shift+Tab to move, typing, Space to tick, the arrow keys to choose within a radio group
(how radios work from the keyboard) and Enter to follow links and press buttons. Nothing is
clicked. Every control that takes focus on the way must show that it has it.

Fields are found by their labels, so the journey holds whether a date is one box or the
GOV.UK day, month and year, and whether the worry scale is a number box or radios.
"""

import re

import pytest
from playwright.sync_api import expect

from supervision.models import Record, RecordStatus
from tests.conftest import sign_in_by_session
from tests.supervision.factories import make_agreement

pytestmark = pytest.mark.django_db(transaction=True)

MAX_PRESSES = 150

# What the focused element looks like. GOV.UK radios and checkboxes hide the input itself and
# draw the focus ring on their label's ::before box, so that is what is checked for them.
FOCUS_STYLE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return {none: true};
    const drawn = (style) => (style.outlineStyle !== 'none' && style.outlineWidth !== '0px')
        || style.boxShadow !== 'none'
        || style.backgroundColor === 'rgb(255, 221, 0)';
    let visible = drawn(getComputedStyle(el));
    if (!visible && (el.type === 'radio' || el.type === 'checkbox')) {
        const label = el.labels && el.labels[0];
        visible = !!label && (drawn(getComputedStyle(label, '::before'))
            || drawn(getComputedStyle(label, '::after')) || drawn(getComputedStyle(label)));
    }
    const text = (el.labels && el.labels[0] ? el.labels[0].textContent : el.textContent || '')
        .trim().replace(/\\s+/g, ' ').slice(0, 60);
    return {none: false, visible, tag: el.tagName, type: el.type || '', text};
}"""


def focused_is(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def assert_focus_visible(page, seen: list) -> None:
    info = page.evaluate(FOCUS_STYLE)
    if info["none"]:
        return
    assert info["visible"], f"focus is not visible on {info}"
    seen.append(info)


def tab_to(page, locator, seen: list) -> None:
    """Press Tab (or Shift+Tab, when the target comes before the focus) until ``locator`` has
    focus, checking that each control focused on the way shows it."""
    locator.wait_for(state="attached")
    backwards = locator.evaluate(
        """el => {
            const active = document.activeElement;
            if (!active || active === document.body) return false;
            return !!(active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
        }"""
    )
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_PRESSES):
        page.keyboard.press(key)
        assert_focus_visible(page, seen)
        if focused_is(locator):
            return
    raise AssertionError(f"{key} never reached {locator}")


def type_into(page, locator, text: str, seen: list) -> None:
    tab_to(page, locator, seen)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)
    expect(locator).to_have_value(text)


def choose_radio(page, group, label: str, seen: list) -> None:
    """Tab into a radio group, then move with the arrow keys to ``label`` (which selects it)."""
    radios = group.get_by_role("radio")
    target = group.get_by_label(label, exact=True)
    # Tab enters a group at its chosen radio, or at the first when none is chosen yet.
    checked = group.locator("input[type=radio]:checked")
    tab_to(page, checked.first if checked.count() else radios.first, seen)
    for _ in range(radios.count() + 1):
        if focused_is(target):
            break
        position = target.evaluate(
            """el => !!(document.activeElement.compareDocumentPosition(el)
                & Node.DOCUMENT_POSITION_FOLLOWING)"""
        )
        page.keyboard.press("ArrowRight" if position else "ArrowLeft")
        assert_focus_visible(page, seen)
    assert focused_is(target), f"the arrow keys never reached {label!r}"
    expect(target).to_be_checked()


def press_on(page, locator, seen: list, key: str = "Enter") -> None:
    tab_to(page, locator, seen)
    page.keyboard.press(key)


def test_a_supervisee_writes_and_sends_a_record_with_the_keyboard_alone(browser, live_server):
    agreement = make_agreement()
    supervisee = agreement.supervisee
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    sign_in_by_session(context, supervisee, live_server.url)
    seen: list = []

    page.goto("/supervision/")
    press_on(page, page.get_by_role("link", name=re.compile("New record of supervision")), seen)
    page.wait_for_url("**/records/new/")

    # The date held is today unless changed; the rest is typed or ticked.
    type_into(page, page.get_by_label("Duration (minutes)"), "50", seen)
    kind = page.get_by_role("group", name=re.compile("^Type"))
    if kind.count() and kind.get_by_role("radio").count():
        choose_radio(page, kind, "One-to-one", seen)
    support = page.get_by_label("Support", exact=True)
    tab_to(page, support, seen)
    page.keyboard.press("Space")
    expect(support).to_be_checked()
    press_on(page, page.get_by_role("button", name="Start record"), seen)
    page.wait_for_url(re.compile(r"/supervision/records/\d+/$"))
    expect(page.get_by_text("Record started.")).to_be_visible()

    press_on(page, page.get_by_role("link", name="Add a case discussion"), seen)
    page.wait_for_url("**/discussions/new/")
    type_into(page, page.get_by_label("Case reference"), "Oak-17", seen)
    worry = page.get_by_role("group", name=re.compile("Worry scale"))
    if worry.count() and worry.get_by_role("radio").count():
        choose_radio(page, worry, "6", seen)
    else:
        type_into(page, page.get_by_label("Worry scale"), "6", seen)
    choose_radio(page, page.get_by_role("group", name="Change check"), "Unclear", seen)
    seen_alone = page.get_by_label("Child seen alone since last time")
    tab_to(page, seen_alone, seen)
    page.keyboard.press("Space")
    expect(seen_alone).to_be_checked()
    type_into(
        page, page.get_by_label("What are we worried about?"), "The baby's weight is falling.", seen
    )
    # Back up with Shift+Tab to put right the case reference, then on to save.
    type_into(page, page.get_by_label("Case reference"), "Oak-18", seen)
    press_on(page, page.get_by_role("button", name="Save case discussion"), seen)
    expect(page.get_by_text("Case discussion added.")).to_be_visible()
    expect(page.get_by_text("The baby's weight is falling.")).to_be_visible()

    press_on(page, page.get_by_role("button", name="Sign and send to the other party"), seen)
    expect(page.get_by_text("You have signed the record and sent it")).to_be_visible()

    record = Record.objects.get(supervisee=supervisee)
    assert record.status == RecordStatus.SENT and record.supervisee_signed_at is not None
    discussion = record.discussions.get()
    assert discussion.case.reference == "Oak-18"
    assert discussion.change_check == "unclear" and discussion.worry_scale == 6
    assert discussion.child_seen_alone and record.duration_minutes == 50
    assert record.functions == ["support"]
    kinds = {item["tag"] for item in seen}
    assert {"A", "INPUT", "BUTTON", "TEXTAREA"} <= kinds, kinds
    context.close()
