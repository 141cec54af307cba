"""Figures for the partnership reports' training sections: one aggregate query each, for any
grouping."""

from django.db.models import Count, F, Q, Sum

from ..models import ACTIVE, PLACE_HOLDING, AbsenceReason, Attendance, BookingStatus

# --- Partnership reports: figures for any grouping, one aggregate query each ---------------
# ``by`` names the fields to group on, for example ("agency__name",
# "agency__sector") or ("course_id", "course__title"). Callers narrow the querysets
# (dates, agency or sector) first; nothing here loops over bookings or enrolments.

CONFIDENCE_CHANGES = {
    "fell": Q(change__lt=0),
    "same": Q(change=0),
    "up_1": Q(change=1),
    "up_2": Q(change=2),
    "up_3_or_more": Q(change__gte=3),
}


def session_places(sessions, by) -> list[dict]:
    """Sessions and places offered per group."""
    return list(
        sessions.values(*by).annotate(sessions=Count("pk"), places=Sum("capacity")).order_by(*by)
    )


def booking_figures(bookings, by) -> list[dict]:
    """Per group: people with a place or on a waiting list, places filled (confirmed or
    awaiting approval), waiting list, and attendance of confirmed places. Cancelled and
    declined bookings are left out."""
    booked = Q(status=BookingStatus.BOOKED)
    return list(
        bookings.filter(status__in=ACTIVE)
        .values(*by)
        .annotate(
            people=Count("user", distinct=True),
            filled=Count("pk", filter=Q(status__in=PLACE_HOLDING)),
            waiting=Count("pk", filter=Q(status=BookingStatus.WAITING)),
            attended=Count("pk", filter=booked & Q(attendance=Attendance.ATTENDED)),
            partly=Count("pk", filter=booked & Q(attendance=Attendance.PARTLY)),
            no_show=Count("pk", filter=booked & Q(attendance=Attendance.NO_SHOW)),
        )
        .order_by(*by)
    )


def enrolment_figures(enrolments, by) -> list[dict]:
    """Enrolments and distinct people per group."""
    return list(
        enrolments.values(*by)
        .annotate(enrolled=Count("pk"), people=Count("user", distinct=True))
        .order_by(*by)
    )


def certificate_figures(certificates, by, *, completed_between, expiring_between) -> list[dict]:
    """Per group: certificates issued for completions between two dates (and the distinct
    people holding them), and certificates expiring between two dates (and their people)."""
    completed = Q(completed_on__range=completed_between)
    expiring = Q(expires_on__range=expiring_between)
    return list(
        certificates.filter(completed | expiring)
        .values(*by)
        .annotate(
            completed=Count("pk", filter=completed),
            completed_people=Count("enrolment__user", distinct=True, filter=completed),
            expiring=Count("pk", filter=expiring),
            expiring_people=Count("enrolment__user", distinct=True, filter=expiring),
        )
        .order_by(*by)
    )


def confidence_figures(enrolments, by) -> list[dict]:
    """Per group, over learners who rated their confidence before and after: responses,
    distinct people, the sums of both ratings (for means) and how many rose."""
    return list(
        enrolments.filter(confidence_after__isnull=False)
        .values(*by)
        .annotate(
            responses=Count("pk"),
            people=Count("user", distinct=True),
            before_total=Sum("confidence_before"),
            after_total=Sum("confidence_after"),
            rose=Count("pk", filter=Q(confidence_after__gt=F("confidence_before"))),
        )
        .order_by(*by)
    )


def confidence_distribution(enrolments) -> dict:
    """How many responses (and distinct people) gave each rating before and after, and how
    many changed by how much (keys of ``CONFIDENCE_CHANGES``), in one query."""
    measures = {}
    for rating in range(1, 6):
        for when in ("before", "after"):
            match = Q(**{f"confidence_{when}": rating})
            measures[f"{when}_{rating}"] = Count("pk", filter=match)
            measures[f"{when}_{rating}_people"] = Count("user", distinct=True, filter=match)
    for key, match in CONFIDENCE_CHANGES.items():
        measures[key] = Count("pk", filter=match)
        measures[f"{key}_people"] = Count("user", distinct=True, filter=match)
    counts = (
        enrolments.filter(confidence_after__isnull=False)
        .annotate(change=F("confidence_after") - F("confidence_before"))
        .aggregate(**measures)
    )
    return {
        "ratings": [
            {
                "rating": rating,
                "before": counts[f"before_{rating}"],
                "before_people": counts[f"before_{rating}_people"],
                "after": counts[f"after_{rating}"],
                "after_people": counts[f"after_{rating}_people"],
            }
            for rating in range(1, 6)
        ],
        "changes": [
            {"change": key, "responses": counts[key], "people": counts[f"{key}_people"]}
            for key in CONFIDENCE_CHANGES
        ],
    }


# No-shows by reason, for the training sessions section.

REASON_KEYS = {reason.value: f"reason_{reason.value}" for reason in AbsenceReason}
NOT_RECORDED_KEY = "reason_not_recorded"


def no_show_reason_figures(bookings, by) -> list[dict]:
    """Per group, in one query: no-shows, the distinct people under them, and no-shows by
    reason (``REASON_KEYS`` and ``NOT_RECORDED_KEY``)."""
    measures = {
        "no_shows": Count("pk"),
        "no_show_people": Count("user", distinct=True),
        NOT_RECORDED_KEY: Count("pk", filter=Q(absence_reason="")),
    }
    for value, key in REASON_KEYS.items():
        measures[key] = Count("pk", filter=Q(absence_reason=value))
    return list(
        bookings.filter(status=BookingStatus.BOOKED, attendance=Attendance.NO_SHOW)
        .values(*by)
        .annotate(**measures)
        .order_by(*by)
    )
