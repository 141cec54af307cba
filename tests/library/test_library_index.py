"""The library index (filters, counts, paging, refusals), its query counts, search, sitemap."""

import pytest
from wagtail.models import PageViewRestriction

from elearning.library.models import (
    AgeGroup,
    AudienceSector,
    NeglectType,
    Theme,
)
from tests.factories import UserFactory

from . import factories as f

pytestmark = pytest.mark.django_db


def theme(slug):
    return Theme.objects.get(slug=slug)


# --- Index: filters, counts, paging, refusals ----------------------------------------------


def _titles(response):
    return [p.title for p in response.context["results"]]


def test_index_filters_combine_and_count(client):
    drift, chron = theme("case-drift-and-start-again-syndrome"), theme("chronologies")
    medical = NeglectType.objects.get(slug="medical")
    teens = AgeGroup.objects.get(slug="12-17")
    health = AudienceSector.objects.get(code="health")
    f.guide(title="Guide drift", themes=[drift], neglect=[medical], ages=[teens], sectors=[health])
    f.guide(title="Guide chronology", themes=[chron])
    f.briefing(title="Briefing drift", themes=[drift, chron])
    index = f.library_index()

    response = client.get(index.url, {"theme": "case-drift-and-start-again-syndrome"})
    assert _titles(response) == ["Briefing drift", "Guide drift"]
    response = client.get(
        index.url, {"theme": "case-drift-and-start-again-syndrome", "type": "guide"}
    )
    assert _titles(response) == ["Guide drift"]
    # Two values of one filter widen; different filters narrow.
    response = client.get(
        index.url, {"theme": ["case-drift-and-start-again-syndrome", "chronologies"]}
    )
    assert len(_titles(response)) == 3
    for params in ({"neglect": "medical"}, {"age": "12-17"}, {"sector": "health"}):
        assert _titles(client.get(index.url, params)) == ["Guide drift"]

    facets = {facet.name: facet for facet in response.context["facets"]}
    counts = {o.value: o.count for o in facets["type"].options}
    assert counts == {"guide": 2, "briefing": 1, "case-review": 0}
    theme_counts = {o.value: o.count for o in facets["theme"].options}
    assert theme_counts["case-drift-and-start-again-syndrome"] == 2
    assert theme_counts["chronologies"] == 2
    # Filtered URLs are plain GET addresses, so they can be bookmarked and shared.
    html = client.get(index.url, {"type": "guide"}).content.decode()
    assert 'value="guide" checked' in html


def test_index_ignores_unknown_filter_values_and_bad_pages(client):
    f.guide(title="Only guide")
    index = f.library_index()
    for params in (
        {"theme": "no-such-theme"},
        {"type": "quiz"},
        {"sector": "<script>"},
        {"age": ["x"] * 500},
        {"page": "abc"},
        {"page": "99999"},
    ):
        response = client.get(index.url, params)
        assert response.status_code == 200
        assert _titles(response) == ["Only guide"], params


def test_index_never_lists_drafts_or_private_pages(client):
    f.guide(title="Public guide")
    f.guide(title="Draft guide", live=False)
    private = f.guide(title="Private guide")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get(f.library_index().url)
    assert _titles(response) == ["Public guide"]
    counts = {o.value: o.count for o in response.context["facets"][0].options}
    assert counts["guide"] == 1


def test_index_paginates(client):
    for i in range(25):
        f.guide(title=f"Guide {i:02d}")
    index = f.library_index()
    first = client.get(index.url)
    assert len(first.context["results"]) == 20
    second = client.get(index.url, {"page": 2})
    assert len(second.context["results"]) == 5


def test_library_nav_route_and_home_link(client):
    index = f.library_index()
    response = client.get("/library/")
    assert response.status_code == 200
    assert response.context["page"].pk == index.pk
    home = client.get("/").content.decode()
    assert 'href="/library/"' in home


def test_library_route_is_404_without_an_index(client):
    assert client.get("/library/").status_code == 404


# --- Query counts ---------------------------------------------------------------------------


def _make_pages(n, start, drift):
    for i in range(start, n):
        kind = f.guide if i % 2 else f.briefing
        kind(title=f"Page {i:03d}", slug=f"page-{i:03d}", themes=[drift])


@pytest.mark.usefixtures("no_page_cache")
def test_index_and_guide_query_counts_do_not_grow(client, django_assert_max_num_queries):
    drift = theme("case-drift-and-start-again-syndrome")
    _make_pages(5, 0, drift)
    index = f.library_index()
    guide = f.guide(title="Measured guide", themes=[drift])
    urls = [
        index.url,
        index.url + "?theme=case-drift-and-start-again-syndrome&type=guide",
        guide.url,
    ]
    few = {}
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(40) as ctx:
            client.get(url)
        few[url] = len(ctx.captured_queries)
    _make_pages(200, 5, drift)
    for url in urls:
        # Adding pages starts a new content generation, so the first request after reads the site
        # and footer settings again (elearning.core.sitecache), as after any publish.
        client.get(url)
        with django_assert_max_num_queries(40) as ctx:
            client.get(url)
        assert len(ctx.captured_queries) == few[url], url


def test_rollup_query_count_does_not_grow(staff, login, django_assert_max_num_queries):
    """Not with the team uses recorded, nor with the briefings listed."""
    client = login(staff)
    page = f.briefing()
    for _ in range(5):
        f.team_use(briefing_page=page, user=UserFactory())
    client.get("/library/tools/team-use/")
    with django_assert_max_num_queries(30) as ctx:
        client.get("/library/tools/team-use/")
    few = len(ctx.captured_queries)
    for _ in range(195):
        f.team_use(briefing_page=page, user=UserFactory())
    for _ in range(10):
        f.briefing()
    # Adding pages starts a new content generation, so the first request after reads the site
    # and footer settings again (elearning.core.sitecache), as after any publish.
    client.get("/library/tools/team-use/")
    with django_assert_max_num_queries(30) as ctx:
        response = client.get("/library/tools/team-use/")
    assert len(ctx.captured_queries) == few
    assert response.content.decode().count("(CSV)</a>") == 11


# --- Search and sitemap ---------------------------------------------------------------------


def test_search_finds_guide_body_text_but_not_drafts_or_private(client):
    f.guide(title="Visible guide", what_to_do="<p>zebracrossing practice</p>")
    f.guide(title="Draft guide", what_to_do="<p>zebracrossing draft</p>", live=False)
    private = f.guide(title="Private guide", what_to_do="<p>zebracrossing secret</p>")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = client.get("/search/", {"q": "zebracrossing"}).content.decode()
    assert "Visible guide" in html
    assert "Draft guide" not in html and "Private guide" not in html


def test_search_bounds_huge_strings(client):
    response = client.get("/search/", {"q": "x" * 100_000})
    assert response.status_code == 200
    assert len(response.context["query"]) == 200


def test_sitemap_has_only_live_public_library_pages(client):
    f.guide(slug="in-sitemap")
    f.guide(slug="draft-not-in-sitemap", live=False)
    private = f.guide(slug="private-not-in-sitemap")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    xml = client.get("/sitemap.xml").content.decode()
    assert "in-sitemap" in xml
    assert "draft-not-in-sitemap" not in xml
    assert "private-not-in-sitemap" not in xml
