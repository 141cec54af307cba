from django import template

from ..devices import device_name as _device_name

register = template.Library()


@register.filter
def device_name(user_agent: str | None) -> str:
    """``{{ session.user_agent|device_name }}``: "Chrome on Windows" instead of the raw header."""
    return _device_name(user_agent)
