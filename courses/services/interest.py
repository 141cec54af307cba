"""Interest lists: register and withdraw interest in a course, offer a session's places to
the list in the order people registered, decline an offer, and pass on offers nobody took.

An offer holds a place on the session for ``OFFER_HOLDS_FOR`` (three days), or until booking
closes if that is sooner. Booking a place on any of the course's sessions takes the person
off the list. An offer that is declined or runs out ends that registration (the person may
register again, at the back of the list) and its place goes to the next person waiting.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import notifications
from ..models import (
    ACTIVE,
    OFFER_HOLDS_FOR,
    PLACE_HOLDING,
    Booking,
    BookingStatus,
    CourseInterest,
    CoursePage,
    InterestOutcome,
    TrainingSession,
)
from ..permissions import can_manage_sessions


def _refusal(message):
    from .common import CourseRefusal

    return CourseRefusal(message)


def _local(value, fmt: str) -> str:
    return date_format(timezone.localtime(value), fmt)


# --- E-mail ----------------------------------------------------------------------------------


# --- Reads -----------------------------------------------------------------------------------


def places_held(session, *, now: datetime.datetime, exclude_user=None) -> int:
    """Places on ``session`` held by offers to the interest list that have not run out."""
    held = CourseInterest.objects.holding(session, now)
    if exclude_user is not None:
        held = held.exclude(user=exclude_user)
    return held.count()


def free_places(session, *, now: datetime.datetime, exclude_user=None) -> int:
    taken = Booking.objects.filter(session=session, status__in=PLACE_HOLDING).count()
    return session.capacity - taken - places_held(session, now=now, exclude_user=exclude_user)


def live_interest(user, course) -> CourseInterest | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        CourseInterest.objects.live()
        .filter(user=user, course=course)
        .select_related("offered_session")
        .first()
    )


def _bookable_sessions(course, now):
    return TrainingSession.objects.filter(
        course=course,
        cancelled_at__isnull=True,
        archived=False,
        booking_deadline__gte=now,
    )


def course_has_free_dates(course, *, now: datetime.datetime) -> bool:
    """Whether a session of the course is open for booking with a place free (one query)."""
    from django.db.models import Count, F, Q

    return (
        _bookable_sessions(course, now)
        .annotate(
            taken=Count("bookings", filter=Q(bookings__status__in=PLACE_HOLDING), distinct=True),
            held=Count(
                "interest_offers",
                filter=Q(interest_offers__outcome="", interest_offers__offer_expires_at__gt=now),
                distinct=True,
            ),
        )
        .filter(capacity__gt=F("taken") + F("held"))
        .exists()
    )


def session_offers(session, *, now: datetime.datetime) -> list[CourseInterest]:
    """The offers holding places on ``session`` now (never more than its places)."""
    return list(CourseInterest.objects.holding(session, now))


# --- Learners --------------------------------------------------------------------------------


@transaction.atomic
def interest_register(
    *, user, course: CoursePage, now: datetime.datetime | None = None
) -> CourseInterest:
    """Put ``user`` on the interest list of a course that has no date they can book."""
    now = now or timezone.now()
    if course.archived or not course.live:
        raise _refusal(_("This course has been archived, so it has no interest list."))
    if not course.has_sessions:
        raise _refusal(_("This course is e-learning only. You can start it at any time."))
    if CourseInterest.objects.live().filter(user=user, course=course).exists():
        raise _refusal(_("You are already on the interest list for this course."))
    if course_has_free_dates(course, now=now):
        raise _refusal(
            _("This course has dates with places free. Book a place on one of them instead.")
        )
    interest = CourseInterest(user=user, course=course, agency_id=user.agency_id, registered_at=now)
    interest.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            interest.save()
    except IntegrityError as error:
        # Two requests at once from the same person: the database constraint caught it.
        raise _refusal(_("You are already on the interest list for this course.")) from error
    return interest


def _end(interest, outcome, now) -> bool:
    """End a registration with ``outcome``, once: False when it had already ended."""
    return bool(
        CourseInterest.objects.filter(pk=interest.pk, outcome="").update(
            outcome=outcome, closed_at=now
        )
    )


def interest_withdraw(
    *, interest: CourseInterest, user, now: datetime.datetime | None = None
) -> CourseInterest:
    """The learner leaves the interest list; a place an offer held passes on."""
    now = now or timezone.now()
    if interest.user_id != user.pk:
        raise _refusal(_("You can only withdraw your own interest."))
    with transaction.atomic():
        if not _end(interest, InterestOutcome.WITHDRAWN, now):
            raise _refusal(_("You are no longer on the interest list for this course."))
    interest.refresh_from_db()
    if interest.offered_session_id:
        offers_pass_on(session=interest.offered_session, now=now)
    return interest


def interest_offer_decline(
    *, interest: CourseInterest, user, now: datetime.datetime | None = None
) -> CourseInterest:
    """The learner turns down the place held for them; it goes to the next person."""
    now = now or timezone.now()
    interest = CourseInterest.objects.select_related("offered_session").get(pk=interest.pk)
    if interest.user_id != user.pk:
        raise _refusal(_("You can only answer your own offers."))
    if not interest.holds_offer(now):
        raise _refusal(_("There is no place being held for you on this course now."))
    with transaction.atomic():
        if not _end(interest, InterestOutcome.DECLINED, now):
            raise _refusal(_("You are no longer on the interest list for this course."))
    interest.refresh_from_db()
    offers_pass_on(session=interest.offered_session, now=now)
    return interest


def interest_booked(*, booking: Booking, now: datetime.datetime | None = None) -> None:
    """A place on one of the course's sessions takes the person off its interest list.
    ``services.booking_create`` calls this; a place on the waiting list does not count."""
    if booking.status not in PLACE_HOLDING:
        return
    now = now or timezone.now()
    CourseInterest.objects.live().filter(
        user_id=booking.user_id, course_id=booking.session.course_id
    ).update(outcome=InterestOutcome.BOOKED, closed_at=now)


# --- Partnership staff -----------------------------------------------------------------------


def offer_refusal(session: TrainingSession, now: datetime.datetime) -> str | None:
    """Why a session's places cannot be offered to the interest list, or None."""
    if session.is_cancelled:
        return _("This session has been cancelled, so its places cannot be offered.")
    if session.is_archived:
        return _("This session has been archived, so its places cannot be offered.")
    if now >= session.starts_at or now > session.booking_deadline:
        return _("Booking for this session has closed, so its places cannot be offered.")
    return None


def _offer(session, now) -> list[CourseInterest]:
    """Hold each free place for the next person waiting (session row locked by the caller).
    Each registration is claimed with a conditional update, so a second run offers nothing
    the first already offered."""
    free = free_places(session, now=now)
    if free <= 0:
        return []
    expires = min(now + OFFER_HOLDS_FOR, session.booking_deadline)
    already_booked = Booking.objects.filter(session=session, status__in=ACTIVE).values("user")
    offered = []
    candidates = (
        CourseInterest.objects.waiting()
        .filter(course_id=session.course_id)
        .exclude(user__in=already_booked)
        .filter(user__is_active=True)
        .select_related("user")
    )
    for interest in candidates[:free]:
        claimed = CourseInterest.objects.filter(
            pk=interest.pk, outcome="", offered_session__isnull=True
        ).update(offered_session=session, offered_at=now, offer_expires_at=expires)
        if claimed:
            interest.offered_session, interest.offered_at = session, now
            interest.offer_expires_at = expires
            offered.append(interest)
    return offered


def _send_offers(session, offered) -> None:
    for interest in offered:
        notifications.interest_offered(
            user=interest.user, session=session, expires_at=interest.offer_expires_at
        )


def interest_offers_make(
    *, by, session: TrainingSession, now: datetime.datetime | None = None
) -> int:
    """Offer a session's free places to its course's interest list, first registered first,
    by e-mail. Returns how many places were offered."""
    from .common import _locked_session

    now = now or timezone.now()
    if not can_manage_sessions(by):
        raise _refusal(_("Only partnership staff can offer places to the interest list."))
    with transaction.atomic():
        session = _locked_session(session)
        refusal = offer_refusal(session, now)
        if refusal:
            raise _refusal(refusal)
        if free_places(session, now=now) <= 0:
            raise _refusal(
                _("Every place on this session is taken or held, so there is none to offer.")
            )
        offered = _offer(session, now)
        if not offered:
            raise _refusal(_("Nobody on the interest list for this course is waiting for a place."))
    session = TrainingSession.objects.select_related("course").get(pk=session.pk)
    _send_offers(session, offered)
    return len(offered)


def offers_pass_on(*, session: TrainingSession, now: datetime.datetime | None = None) -> int:
    """Offer places freed by declined, withdrawn or expired offers to the next people on the
    list, while the session can still take bookings."""
    from .. import notifications
    from .bookings import _promote_waiting
    from .common import _locked_session

    now = now or timezone.now()
    with transaction.atomic():
        session = _locked_session(session)
        if offer_refusal(session, now):
            return 0
        # People on the session's own waiting list asked for this date: they come first.
        promoted = _promote_waiting(session)
        offered = _offer(session, now)
    session = TrainingSession.objects.select_related("course").get(pk=session.pk)
    for booking in promoted:
        booking.session = session
        interest_booked(booking=booking, now=now)
        if booking.status == BookingStatus.BOOKED:
            notifications.booking_promoted(booking)
        else:
            notifications.booking_awaiting_approval(booking)
    _send_offers(session, offered)
    return len(offered)


def interest_offers_expire(*, now: datetime.datetime | None = None) -> int:
    """End offers that ran out and pass their places on. Run by the daily reminders task;
    safe to run again: each offer ends once and each new offer is made once."""
    now = now or timezone.now()
    expired = CourseInterest.objects.live().filter(
        offered_session__isnull=False, offer_expires_at__lte=now
    )
    sessions = set()
    count = 0
    for interest in expired:
        if _end(interest, InterestOutcome.EXPIRED, now):
            count += 1
            sessions.add(interest.offered_session_id)
    for session in TrainingSession.objects.filter(pk__in=sessions):
        offers_pass_on(session=session, now=now)
    return count


@transaction.atomic
def offers_release(*, session: TrainingSession) -> int:
    """A cancelled session's open offers: the people go back on the list where they were.
    ``services.session_cancel`` calls this."""
    return (
        CourseInterest.objects.live()
        .filter(offered_session=session)
        .update(offered_session=None, offered_at=None, offer_expires_at=None)
    )


from .interest_demand import interest_demand  # noqa: E402, F401
