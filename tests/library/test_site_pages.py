"""Information pages in search, the sitemap and the home page's query budget."""

import pytest
from wagtail.models import PageViewRestriction

from elearning.library.models import StandardPage
from tests.library.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def add_page(title: str, body: str = "<p>text</p>", live: bool = True) -> StandardPage:
    page = StandardPageFactory(title=title, body=body, live=live)
    if live:
        page.save_revision().publish()
    return page


def test_search_finds_live_public_pages_only(client):
    add_page("Chronologies explained", "<p>chronology merge agencies</p>")
    add_page("Draft about chronologies", "<p>chronology draft</p>", live=False)
    private = add_page("Private chronology notes", "<p>chronology private</p>")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get("/search/", {"q": "chronology"})
    html = response.content.decode()
    assert "Chronologies explained" in html
    assert "Draft about chronologies" not in html
    assert "Private chronology notes" not in html


def test_search_cuts_huge_queries_instead_of_failing(client):
    response = client.get("/search/", {"q": "neglect " * 5000})
    assert response.status_code == 200
    assert len(response.context["query"]) == 200


def test_search_ignores_bad_page_numbers(client):
    add_page("Chronologies explained", "<p>chronology</p>")
    for bad in ("abc", "-1", "99999"):
        response = client.get("/search/", {"q": "chronology", "page": bad})
        assert response.status_code == 200


def test_sitemap_lists_only_live_public_pages(client):
    add_page("Listed page")
    add_page("Unlisted draft", live=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert "listed-page" in xml
    assert "unlisted-draft" not in xml


@pytest.mark.usefixtures("no_page_cache")
def test_home_page_query_count_does_not_grow_with_pages(client, django_assert_max_num_queries):
    for i in range(5):
        add_page(f"Page {i}")
    client.get("/")
    with django_assert_max_num_queries(12) as ctx:
        client.get("/")
    few = len(ctx.captured_queries)
    for i in range(5, 200):
        add_page(f"Page {i}")
    # Adding pages starts a new content generation, so the first request after reads the site
    # and footer settings again (elearning.core.sitecache), as after any publish.
    client.get("/")
    with django_assert_max_num_queries(12) as ctx:
        client.get("/")
    assert len(ctx.captured_queries) == few
