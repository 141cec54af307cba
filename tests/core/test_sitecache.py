"""elearning.core.sitecache: the request's Wagtail site and the footer settings are kept per
process only while the shared content generation stands, so a save anywhere shows at once.
Which site is chosen is compared with Wagtail's own choice in tests/library/test_render_cost.py.
"""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from elearning.core import pagecache, sitecache
from elearning.library.models import FooterSettings
from tests.library import factories as f

pytestmark = pytest.mark.django_db


def _request(host="testserver", path="/"):
    return RequestFactory().get(path, HTTP_HOST=host)


def _footer(**links):
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    for name, page in links.items():
        setattr(footer, name, page)
    footer.save()
    return footer


def test_a_page_reads_neither_the_site_nor_the_footer_settings_again_until_something_changes(
    client, no_page_cache
):
    home = Page.objects.get(depth=2)
    privacy = f.StandardPageFactory(parent=home, title="Privacy notice", slug="privacy")
    _footer(privacy_page=privacy)
    client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/").content.decode()
    tables = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "wagtailcore_site" not in tables
    assert "library_footersettings" not in tables
    assert 'href="/privacy/"' in html


def test_a_changed_footer_shows_on_the_next_page(client, no_page_cache):
    home = Page.objects.get(depth=2)
    privacy = f.StandardPageFactory(parent=home, title="Privacy notice", slug="privacy")
    notice = f.StandardPageFactory(parent=home, title="Our privacy notice", slug="our-privacy")
    _footer(privacy_page=privacy)
    assert 'href="/privacy/"' in client.get("/").content.decode()
    _footer(privacy_page=notice)
    html = client.get("/").content.decode()
    assert 'href="/our-privacy/"' in html and 'href="/privacy/"' not in html


def test_a_changed_root_page_is_routed_at_once(client, no_page_cache):
    site = Site.objects.get(is_default_site=True)
    client.get("/")
    other = f.StandardPageFactory(parent=Page.objects.get(depth=1), title="Other root")
    site.root_page = other
    site.save()
    assert sitecache.site_for(_request()).root_page_id == other.pk
    assert b"Other root" in client.get("/").content


def test_each_request_gets_its_own_copy_of_the_settings():
    first = FooterSettings.for_request(_request())
    first.privacy_page = None
    first.extra = "set by one request"
    second = FooterSettings.for_request(_request())
    assert second is not first
    assert not hasattr(second, "extra")
    assert second._request is not first._request


def test_with_the_shared_cache_away_every_request_reads_the_database(monkeypatch):
    monkeypatch.setattr(pagecache, "current_generation", lambda: None)
    sitecache.site_for(_request())
    with CaptureQueriesContext(connection) as ctx:
        site = sitecache.site_for(_request())
    assert site.pk == Site.objects.get(is_default_site=True).pk
    assert len(ctx.captured_queries) == 1


def test_visitors_choosing_host_names_cannot_grow_what_is_kept(settings):
    settings.ALLOWED_HOSTS = ["*"]
    for number in range(sitecache.MAX_ENTRIES * 3):
        sitecache.site_for(_request(f"host{number}.example"))
    assert len(sitecache._kept) <= sitecache.MAX_ENTRIES


def test_probes_are_left_alone():
    seen = []
    middleware = sitecache.SiteMiddleware(lambda request: seen.append(request) or "answer")
    for path in ("/healthz", "/readyz", "/library/"):
        assert middleware(_request(path=path)) == "answer"
    assert [hasattr(r, "_wagtail_site") for r in seen] == [False, False, True]


def test_a_change_made_without_a_save_signal_shows_within_the_longest_age(monkeypatch):
    sitecache.site_for(_request())
    Site.objects.filter(is_default_site=True).update(site_name="Renamed in bulk")
    assert sitecache.site_for(_request()).site_name != "Renamed in bulk"
    later = sitecache.time.monotonic() + sitecache.MAX_AGE_SECONDS + 1
    monkeypatch.setattr(sitecache.time, "monotonic", lambda: later)
    assert sitecache.site_for(_request()).site_name == "Renamed in bulk"


def _through_middleware(host="testserver"):
    request = _request(host)
    sitecache.SiteMiddleware(lambda request: None)(request)
    return request


def test_page_addresses_do_not_read_the_sites_root_paths_from_the_shared_cache_each_time(
    site_cache_reads,
):
    page = f.StandardPageFactory(parent=Page.objects.get(depth=2), title="Kept", slug="kept")
    _through_middleware()
    read = site_cache_reads()
    for _ in range(3):
        request = _through_middleware()
        assert Page.objects.get(pk=page.pk).get_url(request=request) == "/kept/"
    assert "wagtail_site_root_paths" not in read


def test_a_site_given_a_new_address_shows_in_page_addresses_at_once():
    other_root = f.StandardPageFactory(parent=Page.objects.get(depth=1), title="Other root")
    page = f.StandardPageFactory(parent=other_root, title="Over there", slug="over-there")
    other = Site.objects.create(hostname="old.example", port=443, root_page=other_root)
    assert page.get_url(request=_through_middleware()) == "https://old.example/over-there/"
    other.hostname = "new.example"
    other.save()
    fresh = Page.objects.get(pk=page.pk)
    assert fresh.get_url(request=_through_middleware()) == "https://new.example/over-there/"


def test_each_request_gets_its_own_list_of_root_paths():
    first, second = _through_middleware(), _through_middleware()
    assert first._wagtail_cached_site_root_paths == second._wagtail_cached_site_root_paths
    first._wagtail_cached_site_root_paths.clear()
    assert _through_middleware()._wagtail_cached_site_root_paths


def test_when_full_the_entry_used_longest_ago_makes_way(monkeypatch):
    monkeypatch.setattr(sitecache, "MAX_ENTRIES", 3)
    request = _request()
    built = []

    def keep(key):
        return sitecache.remember(request, (key,), lambda: built.append(key) or key)

    for key in ("a", "b", "c"):
        keep(key)
    keep("a")  # used again: now the most recent
    keep("d")  # makes way: "b" was used longest ago
    assert list(sitecache._kept) == [("c",), ("a",), ("d",)]
    keep("a")
    keep("b")
    assert built == ["a", "b", "c", "d", "b"]
