"""Every public page has a meta description and Open Graph title and description: the page's
search description, else its summary or intro, else the site's own description."""

import html
import re

import pytest

from elearning.core.templatetags.page_meta import SITE_DESCRIPTION
from elearning.library.models import HomePage
from tests.courses.factories import make_course
from tests.library import factories as library
from tests.quizzes.factories import quiz_create

pytestmark = pytest.mark.django_db


def head_meta(response) -> dict[str, str]:
    assert response.status_code == 200
    page = response.content.decode()
    found = {}
    for key, value in re.findall(
        r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', page.split("</head>")[0]
    ):
        assert key not in found, f"{key} appears twice"
        found[key] = html.unescape(value)
    return found


def test_search_description_wins_over_the_summary(client):
    guide = library.guide(
        title="Chronologies",
        summary="Why a chronology matters.",
        search_description="How to keep a multi-agency chronology.",
    )
    meta = head_meta(client.get(guide.url))
    assert meta["description"] == "How to keep a multi-agency chronology."
    assert meta["og:description"] == "How to keep a multi-agency chronology."
    assert meta["og:title"] == "Chronologies"
    assert meta["og:url"] == f"http://testserver{guide.url}"


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: library.guide(summary="Guide summary."), id="one-minute guide"),
        pytest.param(lambda: library.briefing(summary="Guide summary."), id="7-minute briefing"),
        pytest.param(lambda: library.case_review(summary="Guide summary."), id="case review"),
        pytest.param(
            lambda: library.StandardPageFactory(summary="Guide summary."), id="standard page"
        ),
        pytest.param(lambda: make_course(summary="Guide summary."), id="course"),
    ],
)
def test_summary_is_used_when_there_is_no_search_description(client, make):
    page = make()
    page.save_revision().publish()
    meta = head_meta(client.get(page.url))
    assert meta["description"] == "Guide summary."
    assert meta["og:title"] == page.title


def test_rich_text_intro_is_used_as_plain_words(client):
    quiz = quiz_create()
    quiz.intro = "<p>A family <b>over</b> time.</p>\n<p>Two visits.</p>"
    quiz.save_revision().publish()
    meta = head_meta(client.get(quiz.url))
    assert meta["description"] == "A family over time. Two visits."


def test_home_page_uses_its_intro(client):
    home = HomePage.objects.get()
    assert home.intro
    assert head_meta(client.get("/"))["description"] == home.intro


def test_long_summary_is_cut_with_an_ellipsis(client):
    guide = library.guide(summary="word " * 59)  # 295 characters: within the field, past the cut
    description = head_meta(client.get(guide.url))["description"]
    assert len(description) <= 200 and description.endswith("…")


def test_pages_without_their_own_text_get_the_site_description(client):
    meta = head_meta(client.get("/search/", {"q": "neglect"}))
    assert meta["description"] == str(SITE_DESCRIPTION)
    assert meta["og:title"] == "Safeguarding learning hub"


def test_a_page_with_empty_fields_gets_the_site_description(client):
    home = HomePage.objects.get()
    home.intro = ""
    home.search_description = ""
    home.save_revision().publish()
    assert head_meta(client.get("/"))["description"] == str(SITE_DESCRIPTION)


def test_description_is_escaped(client):
    guide = library.guide(summary='Say "no" <script>alert(1)</script>')
    page = client.get(guide.url).content.decode()
    assert "<script>alert(1)" not in page.split("</head>")[0]
    assert head_meta(client.get(guide.url))["description"] == 'Say "no" alert(1)'
