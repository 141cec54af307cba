"""Wagtail's userbar on the site's own pages: exactly one, for people who may edit, and no
outside avatar service anywhere in it."""

import pytest

from tests.factories import role_user
from tests.library.factories import library_index

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/library/", "/quizzes/", "/search/?q=neglect"])
def test_staff_see_one_userbar_on_front_end_pages(login, url):
    library_index()
    html = login(role_user("staff")).get(url).content.decode()
    assert html.count("<wagtail-userbar") == 1
    assert "gravatar" not in html


def test_practitioners_see_no_userbar(login):
    html = login(role_user("practitioner")).get("/").content.decode()
    assert "<wagtail-userbar" not in html
