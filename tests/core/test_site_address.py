"""The site's address: the sitemap uses the host that served it, and the Wagtail Site record
takes the public address from BASE_URL instead of a development one."""

import importlib
import re

import pytest
from django.apps import apps
from django.test import Client, override_settings
from wagtail.models import Site

from elearning.library.site_setup import site_address_apply, site_tree_ensure
from tests.library import factories as library

pytestmark = pytest.mark.django_db

HOST = "partnership.example"


def locations(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


@override_settings(ALLOWED_HOSTS=[HOST, "testserver"])
def test_sitemap_uses_the_serving_host_not_the_site_record():
    # The demo seeder's address, still on the record when the site is served elsewhere.
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=8000)
    library.guide(slug="chronologies")
    found = locations(Client(HTTP_HOST=HOST).get("/sitemap.xml"))
    assert f"http://{HOST}/" in found
    assert f"http://{HOST}/library/chronologies/" in found
    assert not [url for url in found if "127.0.0.1" in url]


@override_settings(ALLOWED_HOSTS=[HOST, "testserver"])
def test_sitemap_over_https_lists_https_addresses():
    library.guide(slug="chronologies")
    found = locations(Client(HTTP_HOST=HOST).get("/sitemap.xml", secure=True))
    assert f"https://{HOST}/library/chronologies/" in found
    assert all(url.startswith(f"https://{HOST}/") for url in found)


@override_settings(WAGTAILADMIN_BASE_URL="https://learning.example.org")
def test_a_new_site_record_takes_the_address_from_base_url():
    Site.objects.all().delete()
    site_tree_ensure()
    site = Site.objects.get()
    assert (site.hostname, site.port, site.is_default_site) == ("learning.example.org", 443, True)
    assert site.root_url == "https://learning.example.org"


@override_settings(WAGTAILADMIN_BASE_URL="http://127.0.0.1:8000")
def test_the_demo_site_gets_the_address_the_demo_is_served_on():
    site = site_address_apply(Site.objects.get(is_default_site=True))
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)


def _migration():
    return importlib.import_module("elearning.library.migrations.0007_site_address_from_base_url")


@override_settings(WAGTAILADMIN_BASE_URL="https://learning.example.org")
def test_migrate_moves_the_placeholder_site_to_base_url():
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    _migration().site_address_from_base_url(apps, None)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("learning.example.org", 443)


@override_settings(WAGTAILADMIN_BASE_URL="https://learning.example.org")
def test_migrate_leaves_a_site_an_administrator_changed():
    Site.objects.filter(is_default_site=True).update(hostname="hub.example.org", port=443)
    _migration().site_address_from_base_url(apps, None)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("hub.example.org", 443)
