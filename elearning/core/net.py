"""Where a request came from, as every part of the site must agree on it."""

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address: the one allauth's rate limits and session list use.

    Behind a load balancer this comes from the trusted proxy settings
    (``ALLAUTH_TRUSTED_PROXY_COUNT`` / ``ALLAUTH_TRUSTED_CLIENT_IP_HEADER``, set from the
    ``TRUSTED_PROXY_COUNT`` and ``TRUSTED_CLIENT_IP_HEADER`` environment variables). With no
    trusted proxy an ``X-Forwarded-For`` header is ignored, because anyone can send one, and
    the socket's address is used. ``None`` when no valid address can be found.
    """
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None
