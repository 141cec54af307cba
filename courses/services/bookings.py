"""Bookings: a place while there is one, otherwise the waiting list; cancelling, which gives
the freed place to the first person waiting; and managers' approvals of held places."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from elearning.accounts.services import approval_refusal

from .. import notifications
from ..models import ACTIVE, PLACE_HOLDING, Booking, BookingStatus, TrainingSession
from ..permissions import can_decide_booking
from . import interest as interest_lists
from .common import CourseRefusal, _local, _locked_session


def _place_status(session: TrainingSession) -> str:
    if session.course.requires_manager_approval:
        return BookingStatus.AWAITING_APPROVAL
    return BookingStatus.BOOKED


def booking_create(*, session: TrainingSession, user, now: datetime.datetime | None = None):
    """Book ``user`` on ``session``: a place while there is one, otherwise the waiting list."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            session = _locked_session(session)
            if session.is_cancelled:
                raise CourseRefusal(_("This session has been cancelled."))
            if session.is_archived:
                raise CourseRefusal(
                    _("This session has been archived and is no longer taking bookings.")
                )
            if now > session.booking_deadline:
                raise CourseRefusal(
                    _("Booking for this session closed on %(date)s.")
                    % {"date": _local(session.booking_deadline, "j F Y")}
                )
            if Booking.objects.filter(session=session, user=user, status__in=ACTIVE).exists():
                raise CourseRefusal(_("You have already booked this session."))
            taken = Booking.objects.filter(session=session, status__in=PLACE_HOLDING).count()
            # Places held for people offered them from the interest list (not this person's).
            taken += interest_lists.places_held(session, now=now, exclude_user=user)
            status = _place_status(session) if taken < session.capacity else BookingStatus.WAITING
            booking = Booking(
                session=session,
                user=user,
                agency_id=user.agency_id,
                status=status,
                created_at=now,
            )
            booking.full_clean(validate_constraints=False)
            booking.save()
            interest_lists.interest_booked(booking=booking, now=now)
    except IntegrityError as error:
        # Two requests from the same person at once: the database constraint caught it.
        raise CourseRefusal(_("You have already booked this session.")) from error
    {
        BookingStatus.BOOKED: notifications.booking_confirmed,
        BookingStatus.AWAITING_APPROVAL: notifications.booking_awaiting_approval,
        BookingStatus.WAITING: notifications.booking_waiting,
    }[booking.status](booking)
    return booking


def _promote_waiting(session: TrainingSession) -> list[Booking]:
    """Fill free places from the front of the waiting list (session row already locked)."""
    promoted = []
    taken = Booking.objects.filter(session=session, status__in=PLACE_HOLDING).count()
    taken += interest_lists.places_held(session, now=timezone.now())
    for booking in (
        Booking.objects.filter(session=session)
        .waiting()
        .select_related("user")[: max(session.capacity - taken, 0)]
    ):
        booking.status = _place_status(session)
        booking.save(update_fields=["status"])
        promoted.append(booking)
    return promoted


def booking_cancel(
    *, booking: Booking, user, now: datetime.datetime | None = None, leaving: bool = False
) -> Booking:
    """The learner cancels their own booking (or leaves the waiting list). A freed place goes
    to the first person waiting, who is told by e-mail.

    ``leaving`` is for ``accounts.services.person_leave``: someone who has left gives up their
    place whatever the cut-off, and is not e-mailed about it."""
    now = now or timezone.now()
    with transaction.atomic():
        session = _locked_session(booking.session)
        booking = Booking.objects.select_related("user").get(pk=booking.pk)
        if booking.user_id != user.pk:
            raise CourseRefusal(_("You can only cancel your own bookings."))
        if booking.status not in ACTIVE:
            raise CourseRefusal(_("This booking has already been cancelled."))
        held_place = booking.holds_place
        if held_place and not leaving and now > session.cancellation_cutoff:
            raise CourseRefusal(
                _(
                    "Bookings for this session could only be cancelled online until %(date)s. "
                    "Contact the partnership team if you cannot attend."
                )
                % {
                    "date": date_format(
                        timezone.localtime(session.cancellation_cutoff), "j F Y H:i"
                    )
                }
            )
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.save(update_fields=["status", "cancelled_at"])
        promoted = _promote_waiting(session) if held_place else []
    booking.session = session
    if not leaving:
        notifications.booking_cancelled(booking)
    for other in promoted:
        other.session = session
        if other.status == BookingStatus.BOOKED:
            notifications.booking_promoted(other)
        else:
            notifications.booking_awaiting_approval(other)
    return booking


def booking_decide(*, booking: Booking, approver, approve: bool) -> Booking:
    """A line manager (or partnership staff) approves or declines a held place."""
    with transaction.atomic():
        session = _locked_session(booking.session)
        booking = Booking.objects.select_related("user").get(pk=booking.pk)
        if not can_decide_booking(approver, booking):
            raise CourseRefusal(approval_refusal(approver, booking.user))
        if booking.status != BookingStatus.AWAITING_APPROVAL:
            raise CourseRefusal(_("This booking is not waiting for approval."))
        booking.status = BookingStatus.BOOKED if approve else BookingStatus.DECLINED
        booking.decided_by = approver
        booking.save(update_fields=["status", "decided_by"])
        promoted = [] if approve else _promote_waiting(session)
    booking.session = session
    (notifications.booking_approved if approve else notifications.booking_declined)(booking)
    for other in promoted:
        other.session = session
        notifications.booking_awaiting_approval(other)
    return booking
