import logging
import secrets

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, F, When
from django.db.models.functions import Greatest
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django_tasks_db.models import DBTaskResult, get_date_max

from elearning.accounts.roles import role_labels

from .registry import dashboard_panels

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """Liveness: 200 only when this process and the database answer. Deliberately cheap (one
    query); ``readyz`` checks everything this server needs before it takes traffic."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


class _Failing(Exception):
    """A check that ran but found something wrong; the message is safe to show."""


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    # A fresh key and value each time, so an answer left over from an earlier probe (or from
    # another server sharing the cache) cannot pass for a working cache.
    key = f"readyz:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    read_back = cache.get(key)
    cache.delete(key)
    if read_back != value:
        raise _Failing("read back a different value")
    return "ok"


def _check_tasks() -> str:
    # A task waits from when it was queued or, when it was delayed, from when it became due.
    # django_tasks_db stores "no delay" as the far-future get_date_max().
    waiting_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=Greatest("enqueued_at", "run_after"),
    )
    oldest = (
        DBTaskResult.objects.ready()
        .annotate(waiting_since=waiting_since)
        .order_by("waiting_since")
        .values_list("waiting_since", flat=True)
        .first()
    )
    if oldest is None:
        return "ok (none waiting)"
    waited = max(0, int((timezone.now() - oldest).total_seconds()))
    limit = settings.TASK_QUEUE_MAX_AGE_SECONDS
    if waited > limit:
        raise _Failing(f"oldest waiting {waited} s (limit {limit} s)")
    return f"ok (oldest waiting {waited} s)"


READINESS_CHECKS = (("database", _check_database), ("cache", _check_cache), ("tasks", _check_tasks))


@never_cache
def readyz(request):
    """Load balancer readiness: 200 when the database, the cache and the task queue are all
    working, 503 naming what is not. Each check runs even when another has failed, so one
    answer shows everything that is wrong.

    A failure is reported by the exception's class name only: messages from database and
    cache drivers can carry host names, user names or passwords, and this answer is public.
    """
    lines, ready = [], True
    for name, check in READINESS_CHECKS:
        try:
            lines.append(f"{name} {check()}")
        except _Failing as failing:
            ready = False
            lines.append(f"{name} failing: {failing}")
        except Exception as error:  # any error at all means "not ready"
            ready = False
            lines.append(f"{name} failing: {type(error).__name__}")
            # The details go to the server's log only.
            logger.warning("Readiness check %r failed", name, exc_info=True)
    return HttpResponse(
        "\n".join(lines) + "\n",
        content_type="text/plain; charset=utf-8",
        status=200 if ready else 503,
    )


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
