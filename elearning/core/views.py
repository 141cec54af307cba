from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache

from elearning.accounts.roles import role_labels

from .registry import dashboard_panels


@never_cache
def healthz(request):
    """Load balancer check: 200 only when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


@login_required
@never_cache
def dashboard(request):
    """A signed-in person's starting point. Apps add their own panels as they arrive. Never
    cached: the supervision panel summarises confidential records."""
    return render(
        request,
        "core/dashboard.html",
        {"roles": role_labels(request.user), "panels": dashboard_panels(request)},
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: the database or a setting may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)


def login_redirect(request, default_next: str = "/"):
    """Send Wagtail's own login forms (admin and private pages) to allauth's, keeping a safe
    ``next``, so MFA and rate limits cannot be side-stepped."""
    next_url = request.GET.get("next") or default_next
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = default_next
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
