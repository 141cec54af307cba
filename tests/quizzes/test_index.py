"""The list of quizzes at /quizzes/: what it shows, to whom, what it costs, and the ways on
from empty quiz lists."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from quizzes.listing import QuizOutline, quiz_outline
from tests.quizzes.factories import (
    GOOD_PATH,
    attempt_complete,
    branching_stages,
    choice,
    option,
    quiz_create,
    stage,
)

pytestmark = pytest.mark.django_db

URL = "/quizzes/"


def _titles(response) -> list[str]:
    return [row["quiz"].title for row in response.context["rows"]]


def test_lists_only_published_public_quizzes_that_can_be_started(client):
    quiz_create(title="Published quiz", slug="published-quiz")
    quiz_create(title="Draft quiz", slug="draft-quiz", publish=False, live=False)
    private = quiz_create(title="Private quiz", slug="private-quiz")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    quiz_create(title="Archived quiz", slug="archived-quiz", archived=True)

    response = client.get(URL)

    assert response.status_code == 200
    assert _titles(response) == ["Published quiz"]
    html = response.content.decode()
    assert 'href="/published-quiz/"' in html
    for hidden in ("Draft quiz", "Private quiz", "Archived quiz"):
        assert hidden not in html


def test_each_quiz_shows_its_summary_and_how_many_questions(client):
    # start has 3 questions; the good path adds 1 (check-in) and the poor path 1 + 2 extra.
    quiz_create(
        branching_stages(extra_questions=2),
        title="Branching quiz",
        slug="branching-quiz",
        search_description="Sam's family over eighteen months.",
    )
    linear = [
        stage("one", "One", [choice("q-a", "A?", [option("o-a", "Yes", correct=True)])]),
        stage("two", "Two", [choice("q-b", "B?", [option("o-b", "Yes", correct=True)])]),
        stage("end", "The end", ending=True),
    ]
    quiz_create(linear, title="Linear quiz", slug="linear-quiz", pass_mark=1)

    html = client.get(URL).content.decode()
    text = re.sub(r"\s+", " ", html)

    assert "Sam&#x27;s family over eighteen months." in html
    assert "4 to 6 questions, depending on your choices" in text
    assert "2 questions" in text
    # With no description, the start of the introduction stands in for it.
    assert "A family over time." in html


def test_outline_counts_the_shortest_and_longest_paths():
    stages = [{"type": "stage", "value": s["value"]} for s in branching_stages(extra_questions=5)]
    assert quiz_outline(stages) == QuizOutline(fewest=4, most=9)
    assert quiz_outline([]) is None


def test_signed_in_learner_sees_which_quizzes_they_passed(login, practitioner):
    passed = quiz_create(title="Passed quiz", slug="passed-quiz")
    quiz_create(title="Other quiz", slug="other-quiz")
    attempt_complete(practitioner, passed, GOOD_PATH)

    html = login(practitioner).get(URL).content.decode()

    assert html.count("You passed") == 1
    assert html.index("Other quiz") < html.index("Passed quiz") < html.index("You passed")
    assert 'href="/quizzes/mine/"' in html


def test_anonymous_list_may_be_cached_but_a_signed_in_one_never(client, login, practitioner):
    quiz_create()
    anonymous = client.get(URL)
    assert "public" in anonymous["Cache-Control"]
    signed_in = login(practitioner).get(URL)
    assert "private" in signed_in["Cache-Control"]
    assert "public" not in signed_in["Cache-Control"]


def test_empty_list_offers_a_way_on(client):
    response = client.get(URL)
    html = response.content.decode()
    assert "No quizzes have been published yet." in html
    empty = html[html.index('id="quiz-list-empty"') :]
    assert 'href="/library/"' in empty and 'href="/learning/sessions/"' in empty


def test_bad_page_numbers_show_the_first_page(client):
    quiz_create()
    for bad in ("abc", "-1", "9999"):
        assert client.get(URL, {"page": bad}).status_code == 200


def test_menu_links_to_quizzes_and_marks_only_the_current_item(client, login, practitioner):
    nav = r'<a class="govuk-service-navigation__link" href="/quizzes/"( aria-current="page")?>'
    assert re.search(nav, client.get("/").content.decode())

    html = login(practitioner).get(URL).content.decode()
    assert 'href="/quizzes/" aria-current="page">Quizzes<' in html
    assert html.count('aria-current="page"') == 1

    html = login(practitioner).get("/quizzes/mine/").content.decode()
    assert 'href="/quizzes/mine/" aria-current="page">My quizzes<' in html
    assert 'href="/quizzes/" aria-current' not in html
    assert html.count('aria-current="page"') == 1


def test_empty_my_quizzes_links_to_the_quiz_list(login, practitioner):
    html = login(practitioner).get("/quizzes/mine/").content.decode()
    empty = html[html.index('id="my-quizzes-empty"') :]
    assert "You have not taken any quizzes yet." in empty
    assert 'href="/quizzes/">Find a quiz to take</a>' in empty


def test_dashboard_quiz_panel_links_to_the_quiz_list_when_empty(login, practitioner):
    html = login(practitioner).get("/dashboard/").content.decode()
    assert 'href="/quizzes/">Choose a quiz</a>' in html


# --- Query budget ------------------------------------------------------------------------


def _count(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.context["rows"])


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("signed_in", [False, True])
def test_list_costs_the_same_with_5_and_200_quizzes(client, login, practitioner, signed_in):
    browser = login(practitioner) if signed_in else client
    counts = []
    made = 0
    for total in (5, 200):
        for n in range(made, total):
            # Published without a revision each (the page is live as created), to keep the
            # 200-quiz case quick; the listing reads live pages the same way.
            quiz = quiz_create(title=f"Quiz {n:03}", slug=f"quiz-{n:03}", publish=False)
            if signed_in and n % 2 == 0:
                attempt_complete(practitioner, quiz, GOOD_PATH)
        made = total
        browser.get(URL)  # the first request of a run fills the site caches
        counts.append(_count(browser))
    (small, small_rows), (large, large_rows) = counts
    assert small_rows == 5 and large_rows == 20  # one page of the list
    assert small == large
