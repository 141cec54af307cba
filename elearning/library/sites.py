"""Which Wagtail site answers a request, without Wagtail's per-request query.

``Site.find_for_request`` builds a four-way ``CASE`` query on every request; on the demo
machine building and running it costs about 3.7 ms, a quarter of a library page's render.
The sites themselves change a few times in a site's life, so their rows are kept in the
shared cache (one read) and the same choice is made from them in Python, following
``wagtail.models.sites.get_site_for_hostname`` rule for rule.

What invalidates it: saving or deleting a ``Site`` (``post_save``/``post_delete``, connected
in ``LibraryConfig.ready``), with ``TIMEOUT`` as a bound for a change made without a signal.
The rows are public configuration (host names and root page ids), the same for everyone.

``site_for_request`` sets ``request._wagtail_site``, which ``Site.find_for_request`` (and so
every Wagtail helper) reads first: call it before anything else looks the site up.
"""

from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site

CACHE_KEY = "library:wagtail-sites:v1"
TIMEOUT = 10 * 60
FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")

# As in wagtail.models.sites.
MATCH_HOSTNAME_PORT = 0
MATCH_HOSTNAME_DEFAULT = 1
MATCH_DEFAULT = 2
MATCH_HOSTNAME = 3


def _site_rows() -> tuple[dict, ...]:
    rows = cache.get(CACHE_KEY)
    if rows is None:
        rows = tuple(Site.objects.order_by().values(*FIELDS))
        cache.set(CACHE_KEY, rows, TIMEOUT)
    return rows


def _match(row: dict, hostname: str, port: int | None) -> int:
    if row["hostname"] == hostname and row["port"] == port:
        return MATCH_HOSTNAME_PORT
    if row["hostname"] == hostname and row["is_default_site"]:
        return MATCH_HOSTNAME_DEFAULT
    if row["is_default_site"]:
        return MATCH_DEFAULT
    return MATCH_HOSTNAME


def site_row_for(hostname: str, port: int | None, rows) -> dict | None:
    """The row ``get_site_for_hostname`` would choose, or None where it raises."""
    candidates = sorted(
        (
            (_match(row, hostname, port), row)
            for row in rows
            if row["hostname"] == hostname or row["is_default_site"]
        ),
        key=lambda pair: pair[0],
    )
    if not candidates:
        return None
    if len(candidates) == 1 or candidates[0][0] in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return candidates[0][1]
    if candidates[0][0] == MATCH_DEFAULT:
        # The default and exactly one site with this host name: that one; otherwise the default.
        return candidates[len(candidates) == 2][1]
    return None


def _site(row: dict) -> Site:
    site = Site(**row)
    site._state.adding = False
    site._state.db = "default"
    return site


def site_for_request(request) -> Site | None:
    """The request's site, as ``Site.find_for_request`` would give it, from the cache."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    # As Wagtail does: the raw host, so ALLOWED_HOSTS is left to Django's own check.
    hostname = split_domain_port(request._get_raw_host())[0]
    try:
        port = int(request.get_port())
    except ValueError:
        port = None  # matches no site's port, only its host name or the default
    row = site_row_for(hostname, port, _site_rows())
    request._wagtail_site = _site(row) if row else None
    return request._wagtail_site


def sites_forget(**kwargs) -> None:
    """Signal receiver: a site changed, so the next request reads the rows again."""
    cache.delete(CACHE_KEY)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    post_save.connect(sites_forget, sender=Site, dispatch_uid="library-sites-cache-save")
    post_delete.connect(sites_forget, sender=Site, dispatch_uid="library-sites-cache-delete")
