"""Site-wide middleware: the content security policy and the MFA requirement."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from elearning.accounts.roles import requires_mfa


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

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/", "/healthz", "/favicon.ico")

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
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            return render(request, "403.html", status=403)
        return self.get_response(request)
