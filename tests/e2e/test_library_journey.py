"""Browser journeys for the learning library, in real Chromium against the live server."""

import re

import pytest
from playwright.sync_api import expect

from elearning.accounts.roles_setup import roles_sync
from elearning.library.models import OneMinuteGuidePage
from elearning.library.taxonomy import taxonomy_ensure
from tests.conftest import sign_in_by_session
from tests.factories import role_user
from tests.library import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def library(page):
    """Browser tests empty the database; put back the taxonomy and a small library."""
    taxonomy_ensure()
    from elearning.library.models import Theme

    drift = Theme.objects.get(slug="case-drift-and-start-again-syndrome")
    teens = Theme.objects.get(slug="adolescent-neglect")
    f.guide(
        title="Adolescent neglect",
        slug="adolescent-neglect",
        summary="Neglect harms teenagers too.",
        what_to_do="<p>Ask who is looking after the young person.</p>",
        themes=[teens],
    )
    f.guide(title="Case drift guide", slug="case-drift-guide", themes=[drift])
    f.briefing(title="Case drift and start-again", slug="case-drift-briefing", themes=[drift])
    return f.library_index()


def _sign_in(page, live_server, user):
    sign_in_by_session(page.context, user, live_server.url)


def test_filter_the_library_and_open_a_guide(page, live_server, axe, library):
    page.goto("/")
    page.get_by_role("link", name="Library", exact=True).click()
    page.wait_for_url(re.compile("/library/$"))
    axe(page, context_label="library index")
    expect(page.get_by_role("heading", name="3 guides and briefings")).to_be_visible()
    page.get_by_label(re.compile(r"^One-minute guide")).check()
    page.get_by_label(re.compile(r"^Case drift and start-again syndrome")).check()
    page.get_by_role("button", name="Apply filters").click()
    # The filters live in the address, so the result can be bookmarked.
    page.wait_for_url(re.compile(r"type=guide.*theme=case-drift"))
    expect(page.get_by_role("heading", name="1 guide or briefing")).to_be_visible()
    axe(page, context_label="filtered library")

    page.get_by_role("link", name="Case drift guide").click()
    page.wait_for_url(re.compile("/library/case-drift-guide/"))
    expect(page.get_by_role("heading", name="Case drift guide", level=1)).to_be_visible()
    expect(page.get_by_text("Reading time")).to_be_visible()
    expect(page.get_by_role("link", name="Case drift and start-again", exact=True)).to_be_visible()
    axe(page, context_label="guide page")


def test_search_the_library(page, live_server, axe, library):
    page.goto("/library/")
    page.get_by_label("Search the site").fill("young person")
    page.get_by_role("button", name="Search", exact=True).first.click()
    page.wait_for_url(re.compile(r"/search/\?q=young"))
    expect(page.get_by_role("link", name="Adolescent neglect")).to_be_visible()
    axe(page, context_label="search results")


def test_print_preview_shows_only_the_guide(page, live_server, library):
    page.goto("/library/adolescent-neglect/")
    expect(page.get_by_role("link", name="Download as PDF")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", name="Adolescent neglect", level=1)).to_be_visible()
    expect(page.get_by_text("Ask who is looking after the young person.")).to_be_visible()
    expect(page.get_by_role("link", name="Download as PDF")).not_to_be_visible()
    expect(page.locator(".govuk-service-navigation")).not_to_be_visible()
    expect(page.locator(".govuk-breadcrumbs")).not_to_be_visible()


def test_editor_submits_and_moderator_publishes_through_the_workflow(page, live_server, library):
    from seeding.library.pages import _workflow_seed

    roles_sync()  # page permissions hang off the tree, which the database reset removed
    _workflow_seed(library)
    author = role_user("staff")
    moderator = role_user("moderator")
    guide = f.guide(title="Unseen men", slug="unseen-men", live=False, owner=author)

    _sign_in(page, live_server, author)
    page.goto(f"/admin/pages/{guide.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Submit to Library moderation")).click()
    guide.refresh_from_db()
    assert guide.workflow_in_progress
    assert not guide.live

    page.context.clear_cookies()
    _sign_in(page, live_server, moderator)
    page.goto(f"/admin/pages/{guide.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Approve and Publish", exact=True).click()
    guide = OneMinuteGuidePage.objects.get(pk=guide.pk)
    assert guide.live
    state = guide.workflow_states.get()
    assert state.status == "approved"
    assert state.workflow.name == "Library moderation"
    page.goto("/library/unseen-men/")
    expect(page.get_by_role("heading", name="Unseen men", level=1)).to_be_visible()
