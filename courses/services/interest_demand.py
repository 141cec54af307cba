"""What partnership staff see of the interest lists: demand by course and by agency, and the
sessions whose free places could be offered."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from elearning.accounts.models import Agency

from ..models import PLACE_HOLDING, CourseInterest, CoursePage, TrainingSession


def interest_demand(*, now: datetime.datetime | None = None) -> list[dict]:
    """Per course with anyone on its list: how many are on it, how many hold an offer, the
    count by agency (at the time they registered), and the sessions whose free places could
    be offered. A fixed number of queries however many people are listed."""
    now = now or timezone.now()
    holding = Q(offered_session__isnull=False, offer_expires_at__gt=now)
    counts = (
        CourseInterest.objects.live()
        .values("course_id", "agency_id")
        .annotate(people=Count("pk"), offered=Count("pk", filter=holding))
        .order_by()
    )
    by_course: dict[int, dict] = {}
    for row in counts:
        entry = by_course.setdefault(
            row["course_id"], {"total": 0, "offered": 0, "agencies": {}, "sessions": []}
        )
        entry["total"] += row["people"]
        entry["offered"] += row["offered"]
        entry["agencies"][row["agency_id"]] = row["people"]
    courses = CoursePage.objects.filter(pk__in=by_course).in_bulk()
    agencies = Agency.objects.filter(
        pk__in={a for e in by_course.values() for a in e["agencies"] if a}
    ).in_bulk()
    sessions = (
        TrainingSession.objects.filter(
            course_id__in=by_course,
            cancelled_at__isnull=True,
            archived=False,
            starts_at__gt=now,
            booking_deadline__gte=now,
        )
        .annotate(taken=Count("bookings", filter=Q(bookings__status__in=PLACE_HOLDING)))
        .order_by("starts_at")
    )
    held = dict(
        CourseInterest.objects.live()
        .filter(offered_session__in=sessions, offer_expires_at__gt=now)
        .values("offered_session_id")
        .annotate(n=Count("pk"))
        .values_list("offered_session_id", "n")
    )
    for session in sessions:
        session.free = max(session.capacity - session.taken - held.get(session.pk, 0), 0)
        by_course[session.course_id]["sessions"].append(session)
    out = []
    for course_id, entry in by_course.items():
        course = courses.get(course_id)
        if course is None:
            continue
        out.append(
            {
                "course": course,
                "total": entry["total"],
                "offered": entry["offered"],
                "waiting": entry["total"] - entry["offered"],
                "agencies": sorted(
                    (
                        (str(agencies[a]) if a in agencies else _("No agency recorded"), n)
                        for a, n in entry["agencies"].items()
                    ),
                    key=lambda pair: (-pair[1], pair[0]),
                ),
                "sessions": entry["sessions"],
            }
        )
    return sorted(out, key=lambda e: (-e["total"], e["course"].title))
