"""What pages read on every request and only a save changes, kept in each app process for as
long as the shared content generation stays the same: Wagtail's site for a request, the
sites' root paths and the per-site settings every page's footer reads here, and (through
:func:`remember`) the pages on a routed path, the library's listing and a guide's related
pages in ``elearning.library``.

Wagtail looks the site up in the database on every request (``Site.find_for_request``), the
footer reads its settings row for it, and every page address Wagtail works out starts from
the sites' root paths, which it keeps in the shared cache: two queries and a cache read, about
3 ms, on every page, signed in or not. All of them change only when someone saves a site, a
page or a setting, and every such save already starts a new generation in the shared cache
(``elearning.core.pagecache.purge``), on every server at once. So each process keeps what it
read beside the generation it read it under, and uses it only while the shared cache still
says that generation: one cache read per request instead of two queries and another cache
read, and never an answer older than the last save anywhere.

When the shared cache is away there is no generation, and every request reads the database
as Wagtail does. A change made without a save signal (a bulk ``update()``, a fix in the
database shell) shows within ``MAX_AGE_SECONDS``, as it does in the page cache. Entries are
keyed by the request's host and port, which visitors choose, and by page, so at most
``MAX_ENTRIES`` are kept, the one used longest ago making way for a new one.
"""

import copy
import time
from collections import OrderedDict

from django.http.request import split_domain_port
from wagtail.models import Site

from . import pagecache

MAX_ENTRIES = 256
MAX_AGE_SECONDS = 600
PROBE_PATHS = frozenset({"/healthz", "/readyz"})

# key -> (generation, when kept on the monotonic clock, value), the most recently used last
_kept: OrderedDict[tuple, tuple[str, float, object]] = OrderedDict()


def generation(request) -> str | None:
    """The shared content generation, read once per request (the page cache may have read it
    already)."""
    if not hasattr(request, "_content_generation"):
        request._content_generation = pagecache.current_generation()
    return request._content_generation


def remember(request, key: tuple, build):
    """What ``build()`` returns, kept in this process while the generation stays the same."""
    current = generation(request)
    if current is None:
        return build()
    now = time.monotonic()
    kept = _kept.get(key)
    if kept is not None and kept[0] == current and now - kept[1] < MAX_AGE_SECONDS:
        _kept.move_to_end(key)
        return kept[2]
    value = build()
    _kept[key] = (current, now, value)
    _kept.move_to_end(key)
    while len(_kept) > MAX_ENTRIES:
        _kept.popitem(last=False)  # the one used longest ago
    return value


def forget() -> None:
    _kept.clear()


def site_for(request):
    """``Site.find_for_request``'s answer, from this process when the generation allows."""
    hostname = split_domain_port(request._get_raw_host())[0]
    return remember(
        request, ("site", hostname, request.get_port()), lambda: Site._find_for_request(request)
    )


def fresh_copy(instance):
    """A copy of a kept model instance for one request: its own attributes, state and cache
    of related rows, so nothing one request sets on it is seen by the next."""
    copied = copy.copy(instance)
    copied._state = copy.copy(instance._state)
    copied._state.fields_cache = dict(instance._state.fields_cache)
    return copied


def settings_for(request, model):
    """A per-site setting as ``model.for_request`` gives it: a copy of the kept row (and of
    its cache of the rows it links to, read with it through ``select_related``) for this
    request, so nothing one request sets on it is seen by the next."""
    attr = model.get_cache_attr_name()
    if hasattr(request, attr):
        return getattr(request, attr)
    site = Site.find_for_request(request)
    if site is None:
        raise model.DoesNotExist(f"{model} does not exist for site None.")
    kept = remember(request, ("setting", model._meta.label, site.pk), lambda: model.for_site(site))
    instance = fresh_copy(kept)
    instance._request = request
    setattr(request, attr, instance)
    return instance


def root_paths_for(request) -> list:
    """``Site.get_site_root_paths()``, from this process when the generation allows: a new
    list for each request, of the kept (immutable) root paths."""
    return list(remember(request, ("root-paths",), lambda: tuple(Site.get_site_root_paths())))


class SiteMiddleware:
    """Gives the request its Wagtail site from :func:`site_for` and its sites' root paths
    from :func:`root_paths_for` before anything asks for them (Wagtail keeps them on
    ``request._wagtail_site`` and ``request._wagtail_cached_site_root_paths``, and reads a
    page's address from the latter whenever it is given the request). Probes are left
    alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path not in PROBE_PATHS:
            request._wagtail_site = site_for(request)
            request._wagtail_cached_site_root_paths = root_paths_for(request)
        return self.get_response(request)
