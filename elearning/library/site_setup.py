"""Makes sure the page tree has what every request needs: a root, a home page and a site.

Migrations create these on a new database; this restores them on a database that was emptied
(``manage.py flush``, or the browser tests, which empty the database between tests).

The Site's hostname and port come from the ``BASE_URL`` setting (``WAGTAILADMIN_BASE_URL``), the
partnership's public address: Wagtail writes page addresses in e-mails, tasks and feeds from
the Site record, so a record left at a development address would send people there.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from .models import HomePage

HOME_TITLE = "Learning and reflective supervision"
HOME_INTRO = (
    "Guides, briefings, quizzes and training for everyone who works with children and "
    "families, and a confidential place to reflect on practice in supervision."
)


def site_address() -> tuple[str, int]:
    """The hostname and port of the public address in ``BASE_URL``."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if not parts.hostname:
        raise ValueError(f"BASE_URL has no host name: {settings.WAGTAILADMIN_BASE_URL!r}")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def site_address_apply(site: Site) -> Site:
    """Give ``site`` the public address from ``BASE_URL`` (saved only if it changed)."""
    hostname, port = site_address()
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.full_clean()
        site.save(update_fields=["hostname", "port"])
    return site


@transaction.atomic
def site_tree_ensure() -> HomePage:
    locale, _ = Locale.objects.get_or_create(language_code="en-gb")
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root", locale=locale)
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(
            instance=HomePage(title=HOME_TITLE, slug="home", intro=HOME_INTRO, locale=locale)
        )
    if not Site.objects.exists():
        hostname, port = site_address()
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True)
    return home
