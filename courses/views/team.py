"""A line manager's view of their confirmed team's training."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from elearning.accounts.selectors import requests_waiting_for

from ..team import EXPIRY_WINDOW_DAYS, team_training


@login_required
def team(request):
    """Everyone sees only their own confirmed team; with none, the page says so."""
    members = team_training(request.user)
    return render(
        request,
        "courses/team.html",
        {
            "members": members,
            "upcoming": [(m.person, b) for m in members for b in m.upcoming],
            "expiring": [(m.person, c) for m in members for c in m.expiring],
            "past": [
                (m.person, b)
                for m in members
                for b in sorted(m.attended + m.no_shows, key=lambda b: b.session.starts_at)
            ],
            "completed": [(m.person, c) for m in members for c in m.completed],
            "waiting_count": requests_waiting_for(request.user).count(),
            "expiry_days": EXPIRY_WINDOW_DAYS,
        },
    )
