"""What a line manager sees of their confirmed team's training (the "My team" page).

A fixed number of queries whatever the size of the team: the team, their bookings, their
certificates. Only people who confirmed-manage relationships put on the team appear (see
``elearning.accounts.selectors.team_of``).
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from elearning.accounts.selectors import team_of

from .models import ACTIVE, Attendance, Booking, Certificate

EXPIRY_WINDOW_DAYS = 90
LOOK_BACK_DAYS = 365


@dataclass
class Member:
    person: object
    link_id: int
    upcoming: list = field(default_factory=list)
    attended: list = field(default_factory=list)
    no_shows: list = field(default_factory=list)
    completed: list = field(default_factory=list)
    expiring: list = field(default_factory=list)


def team_training(manager, *, now: datetime.datetime | None = None) -> list[Member]:
    """Each confirmed team member with their upcoming bookings, attendance and completions in
    the last year, and certificates expiring in the next 90 days."""
    from elearning.accounts.models import ManagerLink  # noqa: PLC0415

    now = now or timezone.now()
    today = timezone.localdate(now)
    since = now - datetime.timedelta(days=LOOK_BACK_DAYS)
    people = list(team_of(manager).select_related("agency").order_by("last_name", "first_name"))
    if not people:
        return []
    link_ids = dict(
        ManagerLink.objects.confirmed()
        .filter(manager=manager, learner__in=people)
        .values_list("learner_id", "pk")
    )
    members = {p.pk: Member(person=p, link_id=link_ids.get(p.pk)) for p in people}
    bookings = (
        Booking.objects.filter(user_id__in=members, session__starts_at__gte=since)
        .select_related("session__course")
        .order_by("session__starts_at", "pk")
    )
    for booking in bookings:
        member = members[booking.user_id]
        if booking.session.starts_at >= now:
            if booking.status in ACTIVE and not booking.session.is_cancelled:
                member.upcoming.append(booking)
        elif booking.attendance in (Attendance.ATTENDED, Attendance.PARTLY):
            member.attended.append(booking)
        elif booking.attendance == Attendance.NO_SHOW:
            member.no_shows.append(booking)
    certificates = Certificate.objects.filter(enrolment__user_id__in=members).select_related(
        "enrolment"
    )
    soon = today + datetime.timedelta(days=EXPIRY_WINDOW_DAYS)
    for certificate in certificates.order_by("expires_on", "-completed_on"):
        member = members[certificate.enrolment.user_id]
        if certificate.completed_on >= timezone.localdate(since):
            member.completed.append(certificate)
        if certificate.expires_on and today <= certificate.expires_on <= soon:
            member.expiring.append(certificate)
    return list(members.values())
