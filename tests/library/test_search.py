"""Site search: results labelled by kind, listing pages left out, names of kinds list the kind,
punctuation never fails, one search box per page, and the cost stays flat."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from elearning.library.models import HomePage
from tests.courses.factories import course_index, make_course
from tests.library import factories as f
from tests.quizzes.factories import quiz_create

pytestmark = pytest.mark.django_db


def _search(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return response


def _results(response) -> list[tuple[str, str]]:
    return [(page.result_type, page.title) for page in response.context["results"]]


def test_each_result_is_labelled_with_its_kind(client):
    f.guide(title="Guide heron", summary="heron")
    f.briefing(title="Briefing heron", summary="heron")
    f.case_review(title="Review heron", summary="heron")
    quiz_create(title="Quiz heron", slug="quiz-heron")
    make_course(title="Course heron", steps=0, summary="heron")

    response = _search(client, "heron")

    assert sorted(_results(response)) == [
        ("7-minute briefing", "Briefing heron"),
        ("Case-review learning briefing", "Review heron"),
        ("Course", "Course heron"),
        ("One-minute guide", "Guide heron"),
        ("Scenario quiz", "Quiz heron"),
    ]
    html = response.content.decode()
    assert '<span class="govuk-caption-s app-result__type">Scenario quiz</span>' in html


def test_pages_that_only_list_other_pages_are_left_out(client):
    home = HomePage.objects.get()
    home.title = "Welcome kingfisher"
    home.save_revision().publish()
    index = f.library_index()
    index.intro = "Every kingfisher guide"
    index.save_revision().publish()
    courses = course_index()
    courses.intro = "Kingfisher training"
    courses.save_revision().publish()
    f.guide(title="Guide kingfisher", summary="kingfisher")

    response = _search(client, "kingfisher")

    assert _results(response) == [("One-minute guide", "Guide kingfisher")]


@pytest.mark.parametrize("q", ["quiz", "quizzes", "Quizzes", " QUIZ ", "scenario quizzes"])
def test_the_name_of_a_kind_lists_every_published_page_of_that_kind(client, q):
    quiz_create(title="Baby Ava", slug="baby-ava")
    quiz_create(title="Jordan, 14", slug="jordan-14")
    quiz_create(title="Draft quiz", slug="draft-quiz", publish=False, live=False)
    private = quiz_create(title="Private quiz", slug="private-quiz")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    f.guide(title="A guide that mentions a quiz", summary="quiz quizzes")

    response = _search(client, q)

    assert _results(response) == [("Scenario quiz", "Baby Ava"), ("Scenario quiz", "Jordan, 14")]
    assert "Every published page of this kind, by title: Scenario quiz." in (
        response.content.decode()
    )


def test_a_shared_last_word_names_every_kind_that_ends_in_it(client):
    f.briefing(title="Seven points")
    f.case_review(title="Reviews drawn together")
    f.guide(title="Not a briefing")
    assert sorted(title for _, title in _results(_search(client, "briefings"))) == [
        "Reviews drawn together",
        "Seven points",
    ]
    assert _results(_search(client, "courses")) == []
    make_course(title="Neglect essentials", steps=0)
    assert _results(_search(client, "course")) == [("Course", "Neglect essentials")]


@pytest.mark.parametrize(
    "q",
    [
        '"',
        "'",
        'sam"',
        '"sam',
        "child's",
        "(",
        ")",
        "*",
        "sam*",
        "a AND",
        "NOT",
        "OR b",
        "-",
        ":",
        "x:y",
        "^",
        "NEAR(a b)",
        '"unbalanced',
        "{}",
        "\\",
        "%",
        "_",
        "--",
        "';--",
    ],
)
def test_punctuation_in_a_query_never_fails(client, q):
    f.guide(title="Sam's guide", summary="sam child")
    response = _search(client, q)
    assert response.context["query"] == q.strip()


def test_punctuation_is_ignored_but_the_words_are_searched(client):
    f.guide(title="Sam's chronology", summary="chronology merged across agencies")
    titles = [title for _, title in _results(_search(client, '"chronology" (merged)!'))]
    assert titles == ["Sam's chronology"]


def test_drafts_and_private_pages_are_never_found(client):
    f.guide(title="Visible osprey", summary="osprey")
    f.guide(title="Draft osprey", summary="osprey", live=False)
    quiz_create(title="Draft osprey quiz", slug="draft-osprey", publish=False, live=False)
    private = f.guide(title="Private osprey", summary="osprey")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert _results(_search(client, "osprey")) == [("One-minute guide", "Visible osprey")]


def test_no_results_offers_ways_on(client):
    html = _search(client, "nothingmatchesthis").content.decode()
    empty = html[html.index('id="search-no-results"') :]
    assert "No pages matched." in empty
    for url in ("/library/", "/quizzes/", "/learning/sessions/"):
        assert f'href="{url}"' in empty


# --- One search box per page ----------------------------------------------------------------


def _search_boxes(html: str) -> tuple[int, int]:
    return (
        len(re.findall(r'<input[^>]*type="search"', html)),
        len(re.findall(r'<form[^>]*role="search"', html)),
    )


@pytest.mark.parametrize("url", ["/", "/search/", "/search/?q=neglect", "/search/?q=quiz"])
def test_home_and_search_pages_have_one_search_box(client, login, practitioner, url):
    for browser in (client, login(practitioner)):
        assert _search_boxes(browser.get(url).content.decode()) == (1, 1), url


def test_other_pages_keep_the_header_search_box(client):
    f.library_index()
    html = client.get("/library/").content.decode()
    assert _search_boxes(html) == (1, 1)
    assert 'id="site-search"' in html


def test_home_page_links_to_the_quiz_list(client):
    assert 'href="/quizzes/"' in client.get("/").content.decode()


# --- Query budget -------------------------------------------------------------------------


def _queries(client, q) -> int:
    """Queries for one page of results, less one per kind of page on it: each kind's fields
    are one query however many pages of it are shown, and which kinds reach the first page
    depends on the database's ranking (PostgreSQL ranks differently from SQLite)."""
    _search(client, q)  # the first request of a run fills the site caches
    with CaptureQueriesContext(connection) as ctx:
        response = _search(client, q)
    results = response.context["results"]
    assert results.paginator.count > 0
    kinds = {type(page) for page in results}
    return len(ctx.captured_queries) - len(kinds)


@pytest.mark.usefixtures("no_page_cache")
def test_search_costs_the_same_with_5_and_200_matching_pages(client):
    counts = []
    made = 0
    for total in (5, 200):
        for n in range(made, total):
            # Mixed kinds, so each result page holds pages of several specific types.
            if n % 2:
                f.guide(title=f"Puffin guide {n}", summary="puffin")
            else:
                quiz_create(title=f"Puffin quiz {n}", slug=f"puffin-{n}", publish=False)
        made = total
        counts.append((_queries(client, "puffin"), _queries(client, "quizzes")))
    assert counts[0] == counts[1]
