"""Rate limits for the project's own views, on allauth's mechanism: the same rate format as
``ACCOUNT_RATE_LIMITS`` (``"10/m/user,60/h/ip"``: so many hits per period, counted per person,
per client address or overall), the same client address as sign-in, and the same cache keys
(``allauth:rl:...``), which the shared cache fails closed on (``elearning.core.cache``).

Each hit is remembered for the length of its period, so a limit frees up again as the oldest
hits age out of it.
"""

from allauth.core.internal import ratelimit


def hit(request, *, app: str, action: str, rate: str) -> bool:
    """Count one hit of ``action`` (named within ``app``) for this request against ``rate``;
    False, and nothing counted, when the limit is already reached. GET requests count too."""
    usage = ratelimit.consume(
        request, app=app, action=action, config={action: rate}, limit_get=True
    )
    return usage is not None
