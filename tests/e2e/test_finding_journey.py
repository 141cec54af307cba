"""Browser journeys for finding things: the quiz list from the menu, and search by kind."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import sign_in_by_session
from tests.factories import role_user
from tests.library import factories as f
from tests.quizzes.factories import quiz_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def content(page):
    quiz_create(title="Baby Ava", slug="baby-ava", search_description="A home visit to a baby.")
    quiz_create(title="Jordan, 14", slug="jordan-14")
    f.guide(title="Neglect of teenagers", slug="neglect-teenagers", summary="Jordan at school.")


def test_quizzes_from_the_menu_to_a_quiz(page, live_server, axe, content):
    page.goto("/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Quizzes").click()
    page.wait_for_url(re.compile("/quizzes/$"))
    expect(page.get_by_role("heading", name="2 quizzes")).to_be_visible()
    expect(page.get_by_text("A home visit to a baby.")).to_be_visible()
    axe(page, context_label="quiz list")
    page.get_by_role("link", name="Baby Ava").click()
    page.wait_for_url(re.compile("/baby-ava/$"))
    expect(page.get_by_role("heading", name="Baby Ava", level=1)).to_be_visible()


def test_search_for_quizzes_lists_them_labelled(page, live_server, axe, content):
    page.goto("/")
    expect(page.get_by_role("searchbox")).to_have_count(1)
    page.get_by_label("Search the site").fill("quizzes")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/search/\?q=quizzes"))
    # The page's own search form replaces the header's.
    expect(page.get_by_role("searchbox")).to_have_count(1)
    results = page.get_by_role("list").filter(has=page.get_by_role("link", name="Baby Ava"))
    expect(results.get_by_text("Scenario quiz")).to_have_count(2)
    expect(page.get_by_role("link", name="Neglect of teenagers")).to_have_count(0)
    axe(page, context_label="search for quizzes")


def test_empty_my_quizzes_leads_to_the_quiz_list(page, live_server, axe, content):
    sign_in_by_session(page.context, role_user("practitioner"), live_server.url)
    page.goto("/quizzes/mine/")
    page.get_by_role("link", name="Find a quiz to take").click()
    page.wait_for_url(re.compile("/quizzes/$"))
    expect(page.get_by_role("link", name="Jordan, 14")).to_be_visible()
    axe(page, context_label="quiz list, signed in")
