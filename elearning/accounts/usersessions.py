"""allauth's "signed-in devices" activity, recorded at most once a minute per session.

allauth's ``UserSessionsMiddleware`` (with ``USERSESSIONS_TRACK_ACTIVITY``) opens a write
transaction on every signed-in request: it reads the session's ``UserSession`` row, reads the
user again and saves the row with a new ``last_seen_at``. On SQLite that takes the database's
one write lock for every page a signed-in person opens, so pages queue behind each other and
behind quiz answers.

``UserSessionActivityMiddleware`` is a drop-in replacement that does the same write, through
allauth's own ``create_from_request`` (so the row, its IP address and user agent, and the
``session_client_changed`` signal behave exactly as before), but skips it while the shared
cache says this session was recorded less than ``USERSESSIONS_ACTIVITY_INTERVAL_SECONDS`` ago
(default 60) for the same person, IP address and user agent. A different person, address or
browser on the same session is recorded at once. The "Last used" column of the devices page
shows times to the minute, so nobody sees the difference.

The cache entry is keyed by a hash of the session key (the key itself is a credential and the
database cache stores keys in a table) and deleted when the ``UserSession`` row is deleted
(signing a device out, a leaver's sessions ended), so a row removed while its session lives on
is written again on the next request.
"""

import hashlib

from allauth.account.adapter import get_adapter
from allauth.usersessions import app_settings
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete
from django.dispatch import receiver

DEFAULT_INTERVAL_SECONDS = 60


def interval_seconds() -> int:
    seconds = getattr(settings, "USERSESSIONS_ACTIVITY_INTERVAL_SECONDS", DEFAULT_INTERVAL_SECONDS)
    return int(seconds)


def _cache_key(session_key: str) -> str:
    digest = hashlib.sha256(session_key.encode()).hexdigest()
    return f"usersessions:seen:{digest}"


def _fingerprint(request) -> list:
    """What a recorded row holds that could change between requests on one session."""
    max_length = UserSession._meta.get_field("user_agent").max_length
    return [
        request.user.pk,
        get_adapter().get_client_ip(request),
        request.META.get("HTTP_USER_AGENT", "")[:max_length],
    ]


def activity_record(request) -> bool:
    """Record the session's activity unless it was recorded moments ago. True if written."""
    key = _cache_key(request.session.session_key)
    fingerprint = _fingerprint(request)
    if cache.get(key) == fingerprint:
        return False
    UserSession.objects.create_from_request(request)
    # The session key may have been created above (it exists already here, but be safe).
    cache.set(_cache_key(request.session.session_key), fingerprint, interval_seconds())
    return True


class UserSessionActivityMiddleware:
    """Goes where ``allauth.usersessions.middleware.UserSessionsMiddleware`` goes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            app_settings.TRACK_ACTIVITY
            and hasattr(request, "session")
            and request.session.session_key
            and hasattr(request, "user")
            and request.user.is_authenticated
        ):
            activity_record(request)
        return self.get_response(request)


@receiver(post_delete, sender=UserSession, dispatch_uid="usersessions_activity_forget")
def _forget_recorded(sender, instance, **kwargs):
    cache.delete(_cache_key(instance.session_key))
