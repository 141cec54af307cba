"""Template helpers for library pages."""

from functools import lru_cache

from django import template
from django.utils.safestring import mark_safe
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.rich_text import expand_db_html

from elearning.library.blocks import POINT_FEATURES

register = template.Library()

_converter = EditorHTMLConverter(features=POINT_FEATURES)


@lru_cache(maxsize=4096)
def _allowed_only(html: str) -> str:
    """The allow-list applied to ``html``. A pure function of its input, so each worker keeps
    the answers it has worked out: parsing and cleaning a page's text was a fifth of a guide's
    render, and the same text is shown on every request until it is published again."""
    return _converter.whitelister.clean(html)


@register.filter
def library_richtext(value) -> str:
    """Rich text limited to the formats' features, whatever is stored.

    The editor already strips anything else, but pages can also arrive by import or code, so
    the allow-list is applied again on output: a stored script tag never reaches a reader.
    Links to pages are expanded first, so the allow-list sees an ordinary ``href`` (cleaning
    the stored form would drop its ``linktype`` and leave a link that goes nowhere).
    """
    if value is None:
        return ""
    source = getattr(value, "source", value)
    cleaned = _allowed_only(expand_db_html(str(source)))
    return mark_safe(cleaned)  # noqa: S308 - cleaned by the allow-list above
