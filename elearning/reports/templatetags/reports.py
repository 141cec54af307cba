from django import template

from ..disclosure import Kind, display

register = template.Library()


@register.simple_tag
def drill_down(filters, course_id) -> str:
    """The query string of the course drill-down: the same filters, narrowed to one course."""
    return filters.querystring(course=course_id)


@register.filter
def published(value, kind: str = "count") -> str:
    """A figure that went through the disclosure control, as text: ``[c]`` when withheld,
    a dash when there is nothing to show."""
    return display(value, Kind(kind))
