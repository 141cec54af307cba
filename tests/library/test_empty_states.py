"""Empty lists say what to do next and link to where things are found."""

import pytest

from tests.library import factories as f

pytestmark = pytest.mark.django_db


def _after(html: str, marker: str) -> str:
    assert marker in html
    return html[html.index(marker) :]


def test_library_with_no_matches_offers_to_clear_filters_and_search(client):
    f.library_index()
    html = client.get("/library/", {"type": "guide"}).content.decode()
    empty = _after(html, 'id="library-empty"')
    assert 'href="/library/">clear all filters</a>' in empty
    assert 'href="/search/"' in empty and 'href="/quizzes/"' in empty


def test_empty_library_says_nothing_is_published_yet(client):
    f.library_index()
    empty = _after(client.get("/library/").content.decode(), 'id="library-empty"')
    assert "No guides or briefings have been published yet." in empty
    assert "clear all filters" not in empty


def test_my_learning_without_courses_links_to_courses_and_quizzes(login, practitioner):
    html = login(practitioner).get("/learning/my/").content.decode()
    empty = _after(html, 'id="my-learning-no-courses"')
    assert 'href="/search/?q=courses">Find a course</a>' in empty
    assert 'href="/quizzes/"' in empty


def test_the_find_a_course_link_lists_courses(client):
    from tests.courses.factories import make_course

    make_course(title="Neglect essentials", steps=0)
    html = client.get("/search/", {"q": "courses"}).content.decode()
    assert "Neglect essentials" in html


def test_no_sessions_links_to_the_library_and_quizzes(client):
    html = client.get("/learning/sessions/").content.decode()
    empty = _after(html, 'id="session-list-empty"')
    assert 'href="/library/"' in empty and 'href="/quizzes/"' in empty


def test_no_agreements_says_who_proposes_one(login, practitioner):
    html = login(practitioner).get("/supervision/agreements/").content.decode()
    empty = _after(html, 'id="agreements-empty"')
    assert 'href="/supervision/"' in empty
