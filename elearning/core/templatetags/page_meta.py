"""The description and Open Graph fields in every page's head.

Search engines and link previews show the description under the title. Editors write it as
the page's search description (Promote tab); a page without one uses its summary or intro,
which every page type already has, and anything else (search, sign-in, session lists) the
site's own description. Nothing here queries the database: every page type has a query budget.
"""

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

register = template.Library()

# Search engines cut descriptions at about this length; a longer summary is ended with "…".
MAX_DESCRIPTION_LENGTH = 200
FALLBACK_FIELDS = ("summary", "intro")
SITE_DESCRIPTION = _(
    "Guides, briefings, quizzes and training for everyone who works with children and "
    "families, and a confidential place to reflect on practice in supervision."
)


def _plain(value) -> str:
    # Quiz intros are rich text: a description is plain words on one line.
    text = strip_tags(str(getattr(value, "source", value) or ""))
    return " ".join(text.split())


def page_description(page) -> str:
    """The page's search description, else its summary or intro, else the site's."""
    if isinstance(page, Page):
        for field in ("search_description", *FALLBACK_FIELDS):
            text = _plain(getattr(page, field, ""))
            if text:
                return Truncator(text).chars(MAX_DESCRIPTION_LENGTH)
    return str(getattr(settings, "SITE_DESCRIPTION", "") or SITE_DESCRIPTION)


@register.simple_tag(takes_context=True)
def page_meta(context) -> dict:
    """``{% page_meta as meta %}``: ``meta.description``, ``meta.title`` and ``meta.url``.

    ``page`` in the context may be something other than a Wagtail page (a paginator's page in
    a list view); then the site's own description and name are used.
    """
    page = context.get("page")
    is_page = isinstance(page, Page)
    return {
        "description": page_description(page if is_page else None),
        "title": (page.seo_title or page.title) if is_page else settings.SITE_NAME,
        "url": _address(context.get("request")),
    }


def _address(request) -> str:
    if request is None:
        return ""
    try:
        return request.build_absolute_uri(request.path)
    except DisallowedHost:
        # An error page for a request with a host this site does not answer to.
        return ""
