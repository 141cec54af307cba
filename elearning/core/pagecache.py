"""The page cache: public pages kept once and handed to every anonymous visitor.

A page says it may be shared by answering ``Cache-Control: public`` (``mark_shareable``, used
by ``CacheHeadersMixin`` on the library pages, the home page, standard pages, toolkit pages
and search). ``PageCacheMiddleware`` sits ahead of the session and authentication middleware:
for a visitor with no session and no flash messages it answers from the shared cache without
loading a session, a user or a page. It keeps a response only when nothing in it can belong to
one visitor:

- the visitor had no session cookie and no messages cookie, and is not signed in;
- the answer is a complete 200 page that says ``public`` and neither ``private``,
  ``no-cache`` nor ``no-store``;
- it sets no cookie (a page with a form sets the CSRF cookie, so it is never kept) and carries
  no CSRF token;
- its content security policy holds no nonce (base.html's script is allowed by its hash:
  every visitor of a kept page gets the same policy, and no two share a nonce);
- it varies on nothing but the cookie, the language and the encoding (the key covers the
  first by refusing visitors with cookies that matter, and the site has one language and no
  compression of its own).

Kept pages live in the default cache, which production shares between servers (Redis, or the
database cache without it); never in one worker's memory there. Every key carries the current
*generation*, a random value kept in the same cache: publishing, unpublishing, moving or
deleting a page, and saving a snippet, a setting, a site, an image, a document or a page's
privacy, sets a new one (``purge``), so every server stops serving the old pages at once.
Entries also expire after ``PAGE_CACHE_SECONDS`` (default 600; 0 turns the page cache off),
which bounds how long anything that changes with the clock alone (a review date passing) can
be out of date.

Every answer says what happened in ``X-Page-Cache``: ``hit``, ``miss`` (built and kept) or
``skip`` (not eligible). Signed-in answers always leave marked ``private``.

The maintained ``wagtail-cache`` package does the same job but supports Wagtail up to 7 only;
this follows its rules (skip on cookies, Set-Cookie and private answers; clear everything on
publish) with a generation in place of its key ring, so a purge is one write.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers

HEADER = "X-Page-Cache"
HIT, MISS, SKIP = "hit", "miss", "skip"
GENERATION_KEY = "pagecache:generation"
# Request cookies that can make a page differ for one visitor.
PERSONAL_COOKIES = ("messages",)
# What a kept page may vary on (see the module docstring).
HARMLESS_VARY = frozenset({"cookie", "accept-language", "accept-encoding"})
# Addresses that never answer with a shareable page: not worth two cache reads each.
NEVER_KEPT_PREFIXES = (
    "/healthz",
    "/readyz",
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/supervision/",
    "/static/",
    "/media/",
)
# Headers a kept page never carries to the next visitor.
UNKEPT_HEADERS = frozenset({"set-cookie", HEADER.lower()})


def seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 600))


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _has_personal_cookie(request) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or any(c in cookies for c in PERSONAL_COOKIES)


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def response_is_shareable(request, response) -> bool:
    """Whether a shared cache may keep this response and give it to anyone.

    Not when someone is signed in, when the visitor has a session or flash messages (the page
    may show them a message meant for them alone), or when the response sets a cookie.
    """
    if _signed_in(request) or _has_personal_cookie(request):
        return False
    return not response.cookies


def mark_shareable(request, response, max_age: int):
    """``Cache-Control: public`` for an answer anyone may be given; ``private`` otherwise."""
    if response_is_shareable(request, response):
        patch_cache_control(response, public=True, max_age=max_age)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


class CacheHeadersMixin:
    """For page models: anonymous answers may be kept by a shared cache; signed-in ones never."""

    cache_max_age = 300

    def serve(self, request, *args, **kwargs):
        return mark_shareable(request, super().serve(request, *args, **kwargs), self.cache_max_age)


# --- Generations and purging --------------------------------------------------------------


def _generation(cache) -> str | None:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # First use, or the cache lost it: a fresh value, so nothing kept before counts.
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def current_generation() -> str | None:
    """The generation now, or None while the shared cache is away. Anything kept from the
    site's content may be used while this stays the same (see elearning.core.sitecache)."""
    return _generation(_cache())


def _new_generation() -> None:
    _cache().set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def purge() -> None:
    """Stop serving every kept page, on every server: the next visitor gets a fresh one.

    Now, and again once the change is committed: a visitor whose page was built from the
    old rows between the two would otherwise have it kept under the new generation.
    """
    _new_generation()
    transaction.on_commit(_new_generation)


def _key(request, generation: str) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"pagecache:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"


# --- What may be kept ---------------------------------------------------------------------


def _request_is_eligible(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not _has_personal_cookie(request)
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path_info.startswith(NEVER_KEPT_PREFIXES)
    )


def _directives(response) -> set[str]:
    value = response.get("Cache-Control", "")
    return {part.split("=")[0].strip().lower() for part in cc_delim_re.split(value) if part}


def _response_is_keepable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    directives = _directives(response)
    if "public" not in directives or directives & {"private", "no-cache", "no-store"}:
        return False
    if response.cookies or _signed_in(request):
        return False
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if vary - HARMLESS_VARY:
        return False
    # Belt and braces: a CSRF token in a page would hand one visitor's token to the next.
    return b"csrfmiddlewaretoken" not in response.content


def _freeze(response) -> tuple:
    headers = [(k, v) for k, v in response.items() if k.lower() not in UNKEPT_HEADERS]
    return (response.status_code, headers, response.content)


def _thaw(kept: tuple) -> HttpResponse:
    status, headers, content = kept
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def _never_shared(request, response) -> None:
    """A signed-in answer is never kept by any cache, whatever the view said."""
    directives = _directives(response)
    if "public" in directives:
        del response["Cache-Control"]
        patch_cache_control(response, private=True, no_cache=True)
    elif not directives & {"private", "no-store"}:
        patch_cache_control(response, private=True)
    patch_vary_headers(response, ["Cookie"])


class PageCacheMiddleware:
    """Answers anonymous visitors from the shared page cache; see the module docstring.

    Goes after the security and static-file middleware and before everything else, so a
    kept page costs two cache reads and no session, user, database or template.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = seconds()
        if timeout <= 0 or not _request_is_eligible(request):
            return self._built(request, self.get_response(request), SKIP)

        cache = _cache()
        generation = request._content_generation = _generation(cache)
        key = _key(request, generation) if generation else None
        kept = cache.get(key) if key else None
        if kept is not None:
            response = _thaw(kept)
            response[HEADER] = HIT
            return response

        response = self.get_response(request)
        if key and _response_is_keepable(request, response):
            cache.set(key, _freeze(response), timeout)
            response[HEADER] = MISS
            return response
        return self._built(request, response, SKIP)

    def _built(self, request, response, status: str):
        if _signed_in(request) or settings.SESSION_COOKIE_NAME in request.COOKIES:
            _never_shared(request, response)
        response[HEADER] = status
        return response


# --- What purges --------------------------------------------------------------------------


def _purge_on_signal(sender=None, **kwargs) -> None:
    purge()


def _content_types() -> tuple[type, ...]:
    """Models whose rows public pages show besides the pages themselves."""
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    return (
        Page,
        # Wagtail's privacy setting saves one of these and not the page: a page made private
        # must not go on being served from the cache.
        PageViewRestriction,
        CollectionViewRestriction,
        Site,
        get_image_model(),
        get_document_model(),
        *get_snippet_models(),
        *settings_registry,
    )


def _purge_on_save(sender, instance, created=False, **kwargs) -> None:
    global _PURGING_TYPES, _SETTINGS_TYPES
    if _PURGING_TYPES is None:
        from wagtail.contrib.settings.registry import registry as settings_registry

        _PURGING_TYPES, _SETTINGS_TYPES = _content_types(), tuple(settings_registry)
    if not isinstance(instance, _PURGING_TYPES):
        return
    if created and isinstance(instance, _SETTINGS_TYPES):
        # Wagtail makes a settings row with its defaults the first time a page reads it:
        # the pages showed those defaults already.
        return
    purge()


_PURGING_TYPES: tuple[type, ...] | None = None
_SETTINGS_TYPES: tuple[type, ...] = ()


def connect_purges() -> None:
    """Publishing, unpublishing, moving or deleting a page, and saving or deleting a snippet,
    a setting, a site, an image, a document or a privacy setting, purges the page cache (from
    CoreConfig.ready).

    Saving a page row covers drafts too: a kept page is rebuilt sooner than it need be, which
    costs one render and is never wrong."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_purge_on_signal, dispatch_uid=f"pagecache-{id(signal)}")
    post_save.connect(_purge_on_save, dispatch_uid="pagecache-post-save")
    post_delete.connect(_purge_on_save, dispatch_uid="pagecache-post-delete")
