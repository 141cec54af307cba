"""A trainer's own sessions: "Sessions I run", with their registers and sign-in sheets."""

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from .. import permissions
from ..models import BookingStatus, TrainingSession

# Sessions that ended this long ago or less still show, so late registers get marked.
RECENT_DAYS = 90


@login_required
def sessions_i_run(request):
    now = timezone.now()
    sessions = (
        permissions.sessions_run_by(
            request.user,
            TrainingSession.objects.filter(ends_at__gte=now - datetime.timedelta(days=RECENT_DAYS)),
        )
        .select_related("course", "venue")
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
            unmarked=Count(
                "bookings",
                filter=Q(bookings__status=BookingStatus.BOOKED, bookings__attendance=""),
            ),
        )
        .order_by("starts_at", "pk")
    )
    upcoming, recent = [], []
    for session in sessions:
        (upcoming if session.ends_at >= now else recent).append(session)
    recent.reverse()
    return render(
        request,
        "courses/sessions_i_run.html",
        {
            "is_trainer": hasattr(request.user, "trainer_record"),
            "upcoming": upcoming,
            "recent": recent,
            "recent_days": RECENT_DAYS,
            "now": now,
        },
    )
