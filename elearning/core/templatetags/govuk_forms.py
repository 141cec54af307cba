"""Template side of the GOV.UK form helpers (``elearning.core.forms``)."""

from django import template

from elearning.core.forms import error_entries as _error_entries

register = template.Library()


@register.simple_tag
def error_entries(*forms_or_formsets):
    """``{% error_entries form formset as entries %}``: every error, each naming its field."""
    return _error_entries(*forms_or_formsets)
