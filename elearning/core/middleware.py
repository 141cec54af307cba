"""Site-wide middleware: the content security policy, the MFA requirement, the admin refusal
and the answer when the shared cache is away."""

import logging

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from elearning.accounts.roles import can_access_admin, requires_mfa

from .cache import CacheUnavailable, fail_closed_cache_available

logger = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict nonce-based policy everywhere except the admin screens.

    Wagtail's and Django's admin templates carry inline styles and scripts that we do not
    control, so under /admin/ scripts and styles may be inline too; everything else
    (frames, objects, other origins) stays as strict as on the public site.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.CSP_ADMIN_PATH_PREFIXES):
            parts.replace = {
                **(parts.replace or {}),
                "script-src": [SELF, UNSAFE_INLINE],
                "style-src": [SELF, UNSAFE_INLINE],
                "img-src": [SELF, "data:", "blob:"],
            }
            # A nonce in the policy would make browsers ignore 'unsafe-inline'.
            parts.nonce = None
        return parts


class RequireMFAMiddleware:
    """Supervisors, partnership staff and admins must set up MFA before using the site.

    Until they have, every page sends them to the authenticator set-up screen. The account
    pages (which include MFA set-up, reauthentication and logging out), static files and the
    health check stay reachable.
    """

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/", "/healthz", "/readyz", "/favicon.ico")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path_info.startswith(self.ALLOWED_PREFIXES)
            and requires_mfa(user)
            and not _has_mfa(user)
        ):
            messages.warning(
                request,
                _(
                    "Your role gives you access to confidential records or to publishing, so "
                    "you need to set up an authenticator app before you continue."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def _has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    cached = getattr(user, "_has_mfa_cache", None)
    if cached is None:
        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._has_mfa_cache = cached
    return cached


class AdminAccessMiddleware:
    """Signed-in people without admin access get a plain refusal under /admin/.

    Wagtail would send them back to the login page, which (for someone already signed in)
    sends them straight back to /admin/. A 403 page says what is going on instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path_info.startswith("/admin/")
            and user is not None
            and user.is_authenticated
            and not can_access_admin(user)
        ):
            return render(request, "403.html", status=403)
        return self.get_response(request)


class CacheUnavailableMiddleware:
    """Sign-in answers "unavailable for a moment" (503) while the shared cache is away.

    allauth keeps its rate limits and its record of used one-time codes in the cache, and
    ``elearning.core.cache.ResilientRedisCache`` raises ``CacheUnavailable`` rather than skip
    them. Whatever view or form that happens in, this middleware turns it into the
    sign-in-unavailable page instead of a server error. Nothing is let in: the request stops
    where the check failed, and Django does not save the session of a 5xx response.

    Opening one of the sign-in forms (GET or HEAD) while the cache is away gets the same page
    straight away, so nobody types a password into a form that cannot be submitted. That costs
    one PING to Redis per sign-in form shown, and nothing while the cache is known to be away.
    Reading pages is not affected.
    """

    # Forms that cannot be submitted without the rate limits or the used-code record.
    SIGN_IN_URL_NAMES = frozenset(
        {
            "account_login",
            "account_signup",
            "account_reset_password",
            "account_reset_password_from_key",
            "account_reauthenticate",
            "account_change_password",
            "mfa_authenticate",
            "mfa_reauthenticate",
            "mfa_activate_totp",
        }
    )
    RETRY_AFTER_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            request.method in ("GET", "HEAD")
            and match is not None
            and match.url_name in self.SIGN_IN_URL_NAMES
            and not fail_closed_cache_available()
        ):
            return self.unavailable(request)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, CacheUnavailable):
            # The URL name, not the path: a password-reset path carries its key.
            match = request.resolver_match
            logger.info(
                "Refused %s %s: %s",
                request.method,
                match.view_name if match else "(unresolved)",
                exception,
            )
            return self.unavailable(request)
        return None

    def unavailable(self, request) -> HttpResponse:
        try:
            response = render(request, "core/signin_unavailable.html", status=503)
        except Exception:
            # The page must not turn into a server error itself.
            logger.exception("Could not render the sign-in-unavailable page")
            response = HttpResponse(
                "Sign-in is unavailable for a moment. Try again in a few minutes.",
                content_type="text/plain; charset=utf-8",
                status=503,
            )
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
