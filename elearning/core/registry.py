"""Extension points apps plug into from their AppConfig.ready(), so shared templates and views
never need editing when an app arrives.

- Dashboard panels: ``register_dashboard_panel(func)``; ``func(request)`` returns a dict with a
  ``template`` key and the context that template needs, or None to show nothing.
- Navigation items: ``register_nav_item(label, url_name, visible=lambda user: True, order=50)``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

_dashboard_panels: list[tuple[int, Callable]] = []
_nav_items: list["NavItem"] = []


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    order: int = 50
    visible: Callable = field(default=lambda user: True, compare=False)


def register_dashboard_panel(func: Callable, *, order: int = 50) -> Callable:
    if all(f is not func for _, f in _dashboard_panels):
        _dashboard_panels.append((order, func))
        _dashboard_panels.sort(key=lambda item: item[0])
    return func


def dashboard_panels(request) -> list[dict]:
    panels = []
    for _, func in _dashboard_panels:
        panel = func(request)
        if panel:
            panels.append(panel)
    return panels


def register_nav_item(label, url_name: str, *, visible: Callable | None = None, order: int = 50):
    item = NavItem(label, url_name, order, visible or (lambda user: True))
    if item not in _nav_items:
        _nav_items.append(item)
        _nav_items.sort(key=lambda i: i.order)


def nav_items(request) -> list[dict]:
    user = request.user
    path = request.path
    items = []
    for item in _nav_items:
        if item.visible(user):
            url = reverse(item.url_name)
            items.append({"label": item.label, "url": url, "current": False})
    # One item is current: the one whose address is the longest start of this page's, so
    # /quizzes/mine/ marks "My quizzes" and not also "Quizzes" at /quizzes/.
    matching = [i for i in items if path.startswith(i["url"])]
    if matching:
        max(matching, key=lambda i: len(i["url"]))["current"] = True
    return items
