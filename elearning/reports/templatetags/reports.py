from django import template
from django.utils.translation import gettext as _

from ..suppression import is_hidden

register = template.Library()


@register.simple_tag
def cell(row: dict, key: str):
    """A table cell's value; suppressed counts read 'fewer than 5'."""
    if is_hidden(row, key):
        return _("fewer than 5")
    value = row.get(key)
    return "–" if value is None else value
