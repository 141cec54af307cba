"""Extension points apps plug into through Wagtail hooks in their ``wagtail_hooks.py``, so shared
templates and views never need editing when an app arrives. Wagtail loads the ``wagtail_hooks``
module of every installed app the first time a hook is read.

- Navigation items: a function registered with ``@hooks.register("register_nav_item")`` returns
  a ``NavItem(label, url_name, order=50, visible=lambda user: True)`` or a list of them.
- Dashboard panels: a function registered with ``@hooks.register("register_dashboard_panel")``
  returns a ``DashboardPanel(render, order=50)`` or a list of them; ``render(request)`` returns a
  dict with a ``template`` key and the context that template needs, or None to show nothing.

The readers below sort by ``order`` and show each item once, however often it is registered.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from wagtail import hooks

NAV_ITEM_HOOK = "register_nav_item"
DASHBOARD_PANEL_HOOK = "register_dashboard_panel"


@dataclass(frozen=True)
class NavItem:
    # Items are told apart by address and order: comparing labels would translate them.
    label: str = field(compare=False)
    url_name: str
    order: int = 50
    visible: Callable = field(default=lambda user: True, compare=False)


@dataclass(frozen=True)
class DashboardPanel:
    render: Callable
    order: int = 50


def _collect(hook_name: str) -> list:
    """What every function registered for ``hook_name`` returns, flattened, without repeats,
    sorted by order (ties keep the order of registration)."""
    found, seen = [], set()
    for func in hooks.get_hooks(hook_name):
        result = func()
        for item in result if isinstance(result, list | tuple) else [result]:
            if item is not None and item not in seen:
                seen.add(item)
                found.append(item)
    return sorted(found, key=lambda item: item.order)


def dashboard_panels(request) -> list[dict]:
    panels = []
    for panel in _collect(DASHBOARD_PANEL_HOOK):
        rendered = panel.render(request)
        if rendered:
            panels.append(rendered)
    return panels


def nav_items(request) -> list[dict]:
    user = request.user
    path = request.path
    items = []
    for item in _collect(NAV_ITEM_HOOK):
        if item.visible(user):
            url = reverse(item.url_name)
            items.append({"label": item.label, "url": url, "current": False})
    # One item is current: the one whose address is the longest start of this page's, so
    # /quizzes/mine/ marks "My quizzes" and not also "Quizzes" at /quizzes/.
    matching = [i for i in items if path.startswith(i["url"])]
    if matching:
        max(matching, key=lambda i: len(i["url"]))["current"] = True
    return items
