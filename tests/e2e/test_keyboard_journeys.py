"""Taking a quiz and booking a training session with the keyboard alone, in real Chromium.

No clicks: Tab and Shift+Tab to move, Enter and Space to follow links and press buttons, arrow
keys within a radio group, and typing. Every stop the focus makes on the way is checked for a
visible focus style (WCAG 2.4.7): the control must look different focused from unfocused, and
for GOV.UK radios and checkboxes, whose input is hidden, the ring drawn on the label must
appear.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from courses.models import Booking, BookingStatus
from quizzes.models import Attempt
from tests.courses.factories import SessionFactory
from tests.factories import PASSWORD, UserFactory
from tests.quizzes.factories import quiz_create

pytestmark = pytest.mark.django_db(transaction=True)

# Most controls on a page are reached within this many Tab presses; more means a focus trap or
# a control that cannot be reached.
MAX_TABS = 60

# Runs in the page. Each control's unfocused look is kept when the page is first inspected, so
# the focused look can be compared with it.
FOCUS_HELPERS = r"""
(() => {
  if (window.__appFocus) return;
  const CONTROLS = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  const PROPS = ['outlineStyle', 'outlineWidth', 'outlineColor', 'boxShadow', 'backgroundColor',
                 'color', 'textDecorationLine', 'textDecorationThickness', 'borderTopColor',
                 'borderTopWidth'];
  const HIDDEN_INPUT = '.govuk-radios__input, .govuk-checkboxes__input';
  const look = (el) => {
    // A GOV.UK radio or checkbox hides the input: its focus ring is on the label's ::before.
    const hidden = el.matches(HIDDEN_INPUT) && el.labels && el.labels[0];
    const style = hidden ? getComputedStyle(el.labels[0], '::before') : getComputedStyle(el);
    return Object.fromEntries(PROPS.map((p) => [p, style[p]]));
  };
  const unfocused = new WeakMap();
  const active = document.activeElement;
  if (active && active !== document.body) active.blur();
  for (const el of document.querySelectorAll(CONTROLS)) unfocused.set(el, look(el));
  if (active && active !== document.body) active.focus();
  window.__appFocus = {
    describe() {
      const el = document.activeElement;
      if (!el || el === document.body) return {tag: 'body', changed: [], visible: false};
      const before = unfocused.get(el);
      const now = look(el);
      const transparent = (c) => c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
      const outlineShows = now.outlineStyle !== 'none' && parseFloat(now.outlineWidth) > 0
        && !transparent(now.outlineColor);
      const changed = before ? PROPS.filter((p) => now[p] !== before[p])
        .filter((p) => !p.startsWith('outline') || outlineShows) : ['(no unfocused look)'];
      const box = (el.matches(HIDDEN_INPUT) && el.labels[0] ? el.labels[0] : el)
        .getBoundingClientRect();
      const label = el.labels && el.labels[0] ? el.labels[0].innerText.trim() : '';
      return {
        tag: el.tagName.toLowerCase(), id: el.id, type: el.type || '',
        name: (label || el.innerText || el.value || el.getAttribute('aria-label') || '').trim(),
        checked: !!el.checked, changed, visible: box.width > 0 && box.height > 0,
      };
    },
  };
})()
"""


def focused(page, *, wrapping: bool = False) -> dict:
    """The focused control, after checking that it shows that it has the focus.

    ``wrapping``: Tab past the last control leaves the page for the browser's own controls
    (the page body has the focus) before it comes back to the first one, which is allowed.
    """
    page.evaluate(FOCUS_HELPERS)
    info = page.evaluate("window.__appFocus.describe()")
    where = f"{info['tag']}#{info.get('id', '')} {info.get('name', '')!r} on {page.url}"
    if wrapping and info["tag"] == "body":
        return info
    assert info["tag"] != "body", f"focus was lost to the page body on {page.url}"
    assert info["visible"], f"focused control is not on screen: {where}"
    assert info["changed"] and info["changed"] != ["(no unfocused look)"], (
        f"no visible focus style: {where}"
    )
    return info


def press(page, key: str, *, wrapping: bool = False) -> dict:
    page.evaluate(FOCUS_HELPERS)  # record the unfocused look before the focus moves
    page.keyboard.press(key)
    return focused(page, wrapping=wrapping)


def tab_to(page, name: str | re.Pattern, *, back: bool = False) -> dict:
    """Tab (or Shift+Tab) until the control called ``name`` has the focus, checking each stop."""
    wrapped = False
    for _ in range(MAX_TABS):
        info = press(page, "Shift+Tab" if back else "Tab", wrapping=not wrapped)
        if info["tag"] == "body":
            wrapped = True  # once: a second time round means the control is not there
            continue
        found = info["name"] == name if isinstance(name, str) else name.search(info["name"])
        if found:
            return info
    raise AssertionError(f"{name!r} was not reached with {MAX_TABS} presses of Tab on {page.url}")


def skip_to_main(page) -> None:
    """The first Tab stop is the skip link; Enter moves the focus past the header."""
    assert tab_to(page, "Skip to main content")["tag"] == "a"
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


def focus_on(page, name: re.Pattern) -> dict:
    """The control called ``name``: already focused (a field with autofocus) or tabbed to."""
    if page.evaluate("document.activeElement !== document.body"):
        info = focused(page)
        if name.search(info["name"]):
            return info
    return tab_to(page, name)


def sign_in_by_keyboard(page, user, next_url: str) -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    focus_on(page, re.compile(r"^Email"))
    page.keyboard.type(user.email)
    tab_to(page, re.compile(r"^Password"))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == next_url)


def test_take_a_branching_quiz_with_the_keyboard_alone(page, live_server, axe):
    quiz = quiz_create()
    user = UserFactory()
    sign_in_by_keyboard(page, user, quiz.url)

    # Signing in leaves the focus on the "signed in" banner, inside the main content.
    expect(page.get_by_role("alert")).to_be_focused()
    tab_to(page, "Start quiz")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="First visit")).to_be_visible()

    # A radio group is one Tab stop; the arrow keys move within it and choose as they go.
    skip_to_main(page)
    first = page.get_by_label("Talk to the child and record what you see")
    wait = page.get_by_label("Wait and see")
    assert tab_to(page, "Talk to the child and record what you see")["type"] == "radio"
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    assert press(page, "ArrowDown")["name"] == "Wait and see"
    expect(wait).to_be_checked()
    assert press(page, "ArrowUp")["name"] == "Talk to the child and record what you see"
    expect(first).to_be_checked()

    # The next Tab leaves the group for the worry scale, 0 to 10 from left to right.
    assert press(page, "Tab")["name"] == "0"
    for _ in range(7):
        info = press(page, "ArrowRight")
    assert info["name"] == "7" and info["checked"]
    assert press(page, "Tab")["tag"] == "textarea"
    page.keyboard.type("Because of what I saw.")
    # Shift+Tab goes back to the chosen worry score, not to the start of the scale.
    assert press(page, "Shift+Tab")["name"] == "7"
    tab_to(page, "Continue")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Feedback: First visit")).to_be_visible()

    skip_to_main(page)
    assert tab_to(page, "Continue")["tag"] == "a"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Three months later")).to_be_visible()

    # Checkboxes are each a Tab stop, ticked with Space.
    skip_to_main(page)
    tab_to(page, "Untreated tooth decay")
    page.keyboard.press("Space")
    tab_to(page, "Missed health appointments")
    page.keyboard.press("Space")
    assert press(page, "Tab")["name"] == "A new school uniform"
    assert press(page, "Shift+Tab")["name"] == "Missed health appointments"
    expect(page.get_by_label("Untreated tooth decay")).to_be_checked()
    expect(page.get_by_label("Missed health appointments")).to_be_checked()
    expect(page.get_by_label("A new school uniform")).not_to_be_checked()
    tab_to(page, "Continue")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("^Feedback"))).to_be_visible()

    skip_to_main(page)
    tab_to(page, "Continue")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="You passed")).to_be_visible()
    expect(page.get_by_role("heading", name="The child is helped")).to_be_visible()
    axe(page, context_label="quiz result reached by keyboard")

    attempt = Attempt.objects.get(user=user)
    assert attempt.is_submitted and attempt.path == ["start", "check-in", "good-end"]
    assert page.console_errors == []


def test_book_a_training_session_with_the_keyboard_alone(page, live_server, axe):
    session = SessionFactory()
    learner = UserFactory()
    sign_in_by_keyboard(page, learner, "/learning/sessions/")

    skip_to_main(page)
    tab_to(page, session.course.title)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/learning/sessions/{session.pk}/$"))

    skip_to_main(page)
    assert tab_to(page, "Book a place")["tag"] == "button"
    # Buttons answer to Space as well as Enter.
    page.keyboard.press("Space")
    expect(page.locator("#booking-status")).to_have_text("Place confirmed")
    axe(page, context_label="session booked by keyboard")

    booking = Booking.objects.get(session=session, user=learner)
    assert booking.status == BookingStatus.BOOKED

    # The way back out is reachable too: Shift+Tab from the top of the page wraps to the end
    # and comes back up to the cancel link (cancelling asks for confirmation on its own page).
    assert tab_to(page, "Cancel my booking", back=True)["tag"] == "a"
    assert page.console_errors == []


# Focus styles removed through a constructed stylesheet, which the page's content security
# policy (no inline styles) does not block.
NO_FOCUS_STYLE = (
    "*:focus, *:focus::before, *:focus + *::before { outline: none !important;"
    " box-shadow: none !important; background-color: transparent !important;"
    " color: inherit !important; text-decoration: inherit !important;"
    " border-color: inherit !important; border-width: inherit !important }"
)


def test_the_focus_check_notices_a_control_without_a_focus_style(page, live_server):
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => {"
        " const sheet = new CSSStyleSheet();"
        f" sheet.replaceSync({NO_FOCUS_STYLE!r});"
        " document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; });"
    )
    page.goto("/learning/verify/")
    with pytest.raises(AssertionError, match="no visible focus style"):
        tab_to(page, "Check code")
