"""Makes sure the page tree has what every request needs: a root, a home page and a site.

Migrations create these on a new database; this restores them on a database that was emptied
(``manage.py flush``, or the browser tests, which empty the database between tests).
"""

from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from .models import HomePage

HOME_TITLE = "Learning and reflective supervision"
HOME_INTRO = (
    "Guides, briefings, quizzes and training for everyone who works with children and "
    "families, and a confidential place to reflect on practice in supervision."
)


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
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home
