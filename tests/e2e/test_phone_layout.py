"""Layouts that change with the screen: the library's filters on a phone, and the service
navigation, which keeps to one line on a desktop however many items a role has.

That no page scrolls sideways at 375 px is checked for every page by the accessibility sweep.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import sign_in_by_session
from tests.e2e.test_library_journey import library  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

# Top of every top-level item the navigation shows, and the links in each place.
NAV_JS = """() => {
    const list = document.getElementById('navigation');
    const shown = [...list.children].filter(li => !li.hidden && li.offsetParent !== null);
    return {
        tops: shown.map(li => li.offsetTop),
        labels: shown.map(li => li.textContent.trim()),
        links: [...list.querySelectorAll('a')].map(a => a.textContent.trim()),
        inMore: [...document.querySelectorAll('#navigation-more a')].map(a => a.textContent.trim()),
    };
}"""


def test_library_filters_wait_behind_a_button_on_a_phone(page, live_server, axe, library):  # noqa: F811
    page.set_viewport_size(PHONE)
    page.goto("/library/")
    toggle = page.get_by_role("button", name="Show filters")
    first_filter = page.get_by_label(re.compile(r"^One-minute guide"))
    first_result = page.get_by_role("link", name="Adolescent neglect")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(first_filter).to_be_hidden()
    # The results come first: the first one is on the first screen, above any filter.
    expect(first_result).to_be_in_viewport()
    axe(page, context_label="library index on a phone, filters folded")

    toggle.click()
    hide = page.get_by_role("button", name="Hide filters")
    expect(hide).to_have_attribute("aria-expanded", "true")
    expect(first_filter).to_be_visible()
    axe(page, context_label="library index on a phone, filters open")
    first_filter.check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"type=guide"))
    expect(page.get_by_role("heading", name="2 guides and briefings")).to_be_visible()
    # After filtering the results come first again.
    expect(page.get_by_role("button", name="Show filters")).to_have_attribute(
        "aria-expanded", "false"
    )
    expect(page.get_by_label(re.compile(r"^One-minute guide"))).to_be_hidden()
    assert page.console_errors == []


def test_library_filters_show_without_javascript_and_beside_results_on_a_desktop(
    browser,
    live_server,
    library,  # noqa: F811
):
    phone = browser.new_context(base_url=live_server.url, viewport=PHONE, java_script_enabled=False)
    tab = phone.new_page()
    tab.goto("/library/")
    # Without JavaScript nothing is folded away, and there is no button that would do nothing.
    expect(tab.locator("[data-filter-toggle]")).to_be_hidden()
    expect(tab.get_by_role("button", name="Apply filters")).to_be_visible()
    tab.get_by_label(re.compile(r"^One-minute guide")).check()
    tab.get_by_role("button", name="Apply filters").click()
    tab.wait_for_url(re.compile(r"type=guide"))
    expect(tab.get_by_role("heading", name="2 guides and briefings")).to_be_visible()
    phone.close()

    desktop = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    tab = desktop.new_page()
    tab.goto("/library/")
    expect(tab.locator("[data-filter-toggle]")).to_be_hidden()
    filters = tab.locator("#library-filters")
    results = tab.get_by_role("heading", name="3 guides and briefings")
    expect(tab.get_by_label(re.compile(r"^One-minute guide"))).to_be_visible()
    beside = tab.evaluate(
        """() => {
            const f = document.getElementById('library-filters').getBoundingClientRect();
            const r = document.getElementById('results-heading').getBoundingClientRect();
            return f.right <= r.left && Math.abs(f.top - r.top) < 40;
        }"""
    )
    assert beside, "on a desktop the filters sit to the left of the results"
    expect(filters).to_be_visible()
    expect(results).to_be_visible()
    desktop.close()


@pytest.mark.parametrize("role", ["staff", "partnership_admin"])
def test_the_menu_keeps_to_one_line_at_1280_and_every_item_stays_reachable(
    page, live_server, axe, role, request
):
    user = request.getfixturevalue(role)
    sign_in_by_session(page.context, user, live_server.url)
    page.set_viewport_size(DESKTOP)
    page.goto("/dashboard/")
    nav = page.evaluate(NAV_JS)
    assert len(set(nav["tops"])) == 1, f"the menu wraps: {list(zip(nav['labels'], nav['tops']))}"
    # This role has more items than fit beside the service name, so some wait under "More";
    # none is lost, and the account links are in the bar above.
    assert "Reports" in nav["links"] and "Publishing admin" in nav["links"]
    assert nav["inMore"], "everything fitted, so this test no longer tests the 'More' list"
    expect(page.get_by_role("navigation", name="Your account").get_by_role("link")).to_have_text(
        ["Your profile", "Sign out"]
    )

    more = page.get_by_role("button", name="More")
    expect(more).to_have_attribute("aria-expanded", "false")
    hidden_link = page.get_by_role("link", name=nav["inMore"][-1], exact=True)
    expect(hidden_link).to_be_hidden()
    more.click()
    expect(more).to_have_attribute("aria-expanded", "true")
    expect(hidden_link).to_be_visible()
    axe(page, context_label=f"the menu's 'More' list open, as {role}")
    hidden_link.focus()
    page.keyboard.press("Escape")
    expect(hidden_link).to_be_hidden()
    expect(more).to_be_focused()

    # On a phone every item is back in the one list behind "Menu", and "More" is gone.
    page.set_viewport_size(PHONE)
    expect(page.locator("[data-nav-more]")).to_have_attribute("hidden", "")
    page.get_by_role("button", name="Menu").click()
    for label in nav["links"]:
        expect(
            page.locator("#navigation > li > a").filter(
                has_text=re.compile(f"^{re.escape(label)}$")
            )
        ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # And back on a desktop it folds up again.
    page.set_viewport_size(DESKTOP)
    expect(more).to_be_visible()
    assert len(set(page.evaluate(NAV_JS)["tops"])) == 1
    assert page.console_errors == []
