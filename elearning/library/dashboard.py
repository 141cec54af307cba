"""The library's panel on the dashboard, for partnership staff and admins."""

import datetime

from django.utils import timezone

from elearning.reports.permissions import can_view_partnership_reports

from .constants import REVIEW_WARNING_DAYS
from .models import LibraryPage


def library_staff_panel(request) -> dict | None:
    """Pages the person owns that are due or overdue for review, and links to the reports."""
    if not can_view_partnership_reports(request.user):
        return None
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=REVIEW_WARNING_DAYS)
    owned = LibraryPage.objects.filter(content_owner=request.user).due_for_review(
        on_or_before=horizon
    )
    return {
        "template": "library/dashboard_panel.html",
        "due": list(owned.order_by("review_by").only("pk", "title", "review_by")[:10]),
        "today": today,
    }
