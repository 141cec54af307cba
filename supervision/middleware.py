"""The guard every supervision page passes through: nothing cached, and a fresh sign-in after
a spell away.

Supervision records are the most confidential pages on the site and are often read on shared
or unattended office computers, so two rules apply to every URL under the supervision app:

- every response (pages, redirects, 404s, form errors) says ``Cache-Control: no-store,
  private``, so neither the browser's history nor a proxy keeps a copy;
- after ``SUPERVISION_IDLE_TIMEOUT_MINUTES`` without a supervision request, a signed-in person
  confirms it is them (allauth's reauthentication) before any supervision page opens.

The idle clock starts at the later of the last supervision request and the last time the
person authenticated in this session (allauth records both logins and reauthentications in the
session), so someone who has just signed in, or just reauthenticated, goes straight through.
"""

import time

from allauth.account.adapter import get_adapter
from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.reauthentication import suspend_request
from django.conf import settings
from django.contrib import messages
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

LAST_SEEN_SESSION_KEY = "supervision_last_seen"


def _now() -> float:
    # The same clock allauth stamps its authentication records with.
    return time.time()


def _supervision_prefix() -> str:
    return reverse("supervision:home")


def is_supervision_path(path: str) -> bool:
    prefix = _supervision_prefix()
    return path.startswith(prefix) or path == prefix.rstrip("/")


def idle_timeout_seconds() -> float:
    # At least a minute: with no time at all, every page would ask again straight after
    # reauthenticating.
    return max(1, int(settings.SUPERVISION_IDLE_TIMEOUT_MINUTES)) * 60


def refresh_seconds() -> float:
    """How stale the last-seen time may get before it is written again: a tenth of the idle
    timeout, at most a minute.

    Writing it on every supervision request would save the whole session (a database write)
    on every page. Leaving it a little stale only ever makes the clock start earlier, so the
    timeout can come at most this much sooner than it would, never later.
    """
    return min(60.0, idle_timeout_seconds() / 10)


def clock_started_at(request) -> float | None:
    """When the idle clock last started: the later of the last supervision request and the
    last authentication (login, MFA step or reauthentication) recorded in this session."""
    times = [
        record.get("at")
        for record in get_authentication_records(request, request.user)
        if isinstance(record, dict)
    ]
    times.append(request.session.get(LAST_SEEN_SESSION_KEY))
    times = [t for t in times if isinstance(t, int | float)]
    return max(times, default=None)


class SupervisionPageGuardMiddleware:
    """No caching of supervision responses, and reauthentication after an idle spell.

    Goes after the authentication, allauth and MFA middleware. The idle check runs in
    ``process_view``, after the CSRF check, so only a genuine form submission is held over
    reauthentication; allauth then sends it again once the person has confirmed it is them,
    so nothing they wrote is lost and nothing is saved before they have.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        guarded = is_supervision_path(request.path)
        response = self.get_response(request)
        # A form submission held over reauthentication is replayed by allauth inside the
        # reauthentication request, with this request's path rewritten to the supervision URL,
        # so looking at the path again covers that response too.
        if guarded or is_supervision_path(request.path):
            # Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private
            add_never_cache_headers(response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_supervision_path(request.path):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # the views' own login_required deals with this
        now = _now()
        # None only for a session signed in outside allauth (no records) that has not yet
        # opened a supervision page: the clock starts now.
        started = clock_started_at(request)
        if (
            started is not None
            and now - started > idle_timeout_seconds()
            # Someone with no way to reauthenticate is let through, as allauth does.
            and get_adapter().get_reauthentication_methods(user)
        ):
            if request.method in ("GET", "HEAD", "OPTIONS"):
                text = _(
                    "For your privacy, confirm it is you before opening supervision records again."
                )
            else:
                text = _(
                    "For your privacy, confirm it is you before changing supervision records "
                    "again. Nothing has been saved yet: once you have confirmed, what you "
                    "submitted will be sent again."
                )
            messages.warning(request, text)
            return suspend_request(request, reverse("account_reauthenticate"))
        last_seen = request.session.get(LAST_SEEN_SESSION_KEY)
        if not isinstance(last_seen, int | float) or now - last_seen >= refresh_seconds():
            request.session[LAST_SEEN_SESSION_KEY] = now
        return None
