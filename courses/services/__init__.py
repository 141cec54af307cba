"""Business rules for enrolment, progress facts, certificates, bookings and attendance.

Each service checks its rule, refuses with ``CourseRefusal`` (a ``ValidationError`` with a
message for the page) and leaves stored data unchanged when it does.
"""

import calendar
import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from elearning.accounts.services import approval_refusal
from elearning.core.refusals import Refusal

from .. import notifications
from ..models import (
    ACTIVE,
    PLACE_HOLDING,
    Booking,
    BookingStatus,
    Certificate,
    CoursePage,
    CourseStep,
    Enrolment,
    StepView,
    TrainingSession,
)
from ..permissions import can_decide_booking, can_manage_sessions
from ..selectors import enrolment_progress
from . import no_shows  # noqa: F401  (services.no_shows)
from .parts import parts_prepare
from .people_places import lock_people_places, session_people_places_errors


class CourseRefusal(Refusal):
    """Something the person asked for is not allowed; the message says why."""


def _local(value, fmt: str) -> str:
    return date_format(timezone.localtime(value), fmt)


# --- Enrolment and progress ----------------------------------------------------------------


def _has_certificate(user, course) -> bool:
    return (
        Certificate.objects.not_revoked()
        .filter(enrolment__user=user, enrolment__course=course)
        .exists()
    )


@transaction.atomic
def enrolment_create(*, user, course: CoursePage, confidence_before: int) -> Enrolment:
    """Enrol ``user`` on ``course``, recording how confident they feel before starting."""
    if course.archived:
        raise CourseRefusal(_("This course has been archived, so nobody can enrol on it now."))
    missing = [c.title for c in course.prerequisites.all() if not _has_certificate(user, c)]
    if missing:
        raise CourseRefusal(
            _("Complete %(courses)s before enrolling on this course.")
            % {"courses": ", ".join(missing)}
        )
    if Enrolment.objects.filter(user=user, course=course).exists():
        raise CourseRefusal(_("You are already enrolled on this course."))
    enrolment = Enrolment(
        user=user,
        course=course,
        agency_id=user.agency_id,
        confidence_before=confidence_before,
    )
    enrolment.full_clean()
    enrolment.save()
    return enrolment


@transaction.atomic
def step_view_record(*, enrolment: Enrolment, step: CourseStep) -> StepView:
    """Record that the learner worked through a step; doing it again changes nothing."""
    if step.course_id != enrolment.course_id:
        raise CourseRefusal(_("That step is not part of this course."))
    view, _created = StepView.objects.get_or_create(enrolment=enrolment, step=step)
    certificate_issue_if_complete(enrolment=enrolment)
    return view


@transaction.atomic
def evaluation_submit(
    *, enrolment: Enrolment, confidence_after: int, usefulness: int, practice_change: str
) -> Enrolment:
    """Record the closing evaluation: confidence after, usefulness, what will change."""
    if enrolment.evaluated_at is not None:
        raise CourseRefusal(_("You have already completed the evaluation for this course."))
    progress = enrolment_progress(enrolment)
    if not progress.needs_evaluation:
        raise CourseRefusal(_("Finish the other parts of the course before the evaluation."))
    enrolment.confidence_after = confidence_after
    enrolment.usefulness = usefulness
    enrolment.practice_change = practice_change
    enrolment.evaluated_at = timezone.now()
    enrolment.full_clean()
    enrolment.save()
    certificate_issue_if_complete(enrolment=enrolment)
    return enrolment


# --- Certificates --------------------------------------------------------------------------


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@transaction.atomic
def certificate_issue_if_complete(*, enrolment: Enrolment) -> Certificate | None:
    """Issue the certificate the first time the recorded facts show the course complete."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    if not enrolment_progress(enrolment).complete:
        return None
    course = enrolment.course
    today = timezone.localdate()
    certificate = Certificate(
        enrolment=enrolment,
        # Where the person works when they complete it, not where they enrolled.
        agency_id=enrolment.user.agency_id,
        learner_name=enrolment.user.get_full_name() or enrolment.user.email,
        course_title=course.title,
        cpd_hours=course.cpd_hours,
        completed_on=today,
        expires_on=_add_months(today, course.refresher_months) if course.refresher_months else None,
    )
    certificate.full_clean()
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:
        # Two requests completed the course at the same moment; the first one issued it.
        return Certificate.objects.get(enrolment=enrolment)
    return certificate


# --- Bookings ------------------------------------------------------------------------------


def _locked_session(session: TrainingSession) -> TrainingSession:
    # The row lock serialises bookings for one session on PostgreSQL; SQLite's IMMEDIATE
    # transactions already serialise writers, and select_for_update is a no-op there.
    return TrainingSession.objects.select_for_update().get(pk=session.pk)


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


# --- Sessions ------------------------------------------------------------------------------

# A change to any of these sends everyone booked the new details and calendar file.
_NOTIFIED_FIELDS = ("starts_at", "ends_at", "venue_id", "joining_details")


def session_save(
    *, by, session: TrainingSession, now: datetime.datetime | None = None
) -> TrainingSession:
    """Add a training session or save changes to one (the admin screen calls this).

    More places go to the waiting list, first come first served. A new time or place raises
    the calendar SEQUENCE and e-mails everyone booked. Refuses fewer places than people
    already holding one, changes to a cancelled session, and a trainer or venue already
    booked at the time (``people_places``).
    """
    now = now or timezone.now()
    if not can_manage_sessions(by):
        raise CourseRefusal(_("Only partnership staff can change training sessions."))
    with transaction.atomic():
        previous = _locked_session(session) if session.pk else None
        if previous is not None and previous.is_cancelled:
            raise CourseRefusal(_("This session has been cancelled and cannot be changed."))
        parts_changed = parts_prepare(session=session, previous=previous)
        session.full_clean()
        lock_people_places(session)
        errors = session_people_places_errors(session, previous)
        if errors:
            raise CourseRefusal(errors)
        changed = previous is not None and (
            parts_changed
            or any(getattr(previous, name) != getattr(session, name) for name in _NOTIFIED_FIELDS)
        )
        if previous is not None:
            taken = Booking.objects.filter(session=session, status__in=PLACE_HOLDING).count()
            if session.capacity < taken:
                raise CourseRefusal(
                    {
                        "capacity": _(
                            "%(taken)s people already have a place, so the session needs at "
                            "least %(taken)s places. Cancel bookings first if fewer people can "
                            "attend."
                        )
                        % {"taken": taken}
                    }
                )
            session.sequence = previous.sequence + (1 if changed else 0)
            session.cancelled_at = previous.cancelled_at
        session.save()
        promoted = _promote_waiting(session) if previous is not None else []
        told = []
        if changed:
            promoted_ids = {b.pk for b in promoted}
            told = [
                b
                for b in Booking.objects.filter(session=session, status__in=ACTIVE).select_related(
                    "user"
                )
                if b.pk not in promoted_ids
            ]
    session = TrainingSession.objects.select_related("course").get(pk=session.pk)
    for booking in told:
        booking.session = session
        notifications.session_changed(booking)
    for booking in promoted:
        booking.session = session
        if booking.status == BookingStatus.BOOKED:
            notifications.booking_promoted_new_places(booking)
        else:
            notifications.booking_awaiting_approval(booking)
    return session


def session_cancel(
    *, by, session: TrainingSession, now: datetime.datetime | None = None
) -> TrainingSession:
    """Cancel a session: every booking on it is cancelled (and kept), everyone booked or
    waiting is told, and people with a place get a calendar cancellation."""
    now = now or timezone.now()
    if not can_manage_sessions(by):
        raise CourseRefusal(_("Only partnership staff can cancel training sessions."))
    with transaction.atomic():
        session = _locked_session(session)
        if session.is_cancelled:
            raise CourseRefusal(_("This session has already been cancelled."))
        if now >= session.starts_at:
            raise CourseRefusal(_("This session has already started, so it cannot be cancelled."))
        session.cancelled_at = now
        session.sequence += 1
        session.full_clean()
        session.save(update_fields=["cancelled_at", "sequence"])
        interest_lists.offers_release(session=session)
        # The objects keep their old status so each e-mail says what the person had.
        told = list(
            Booking.objects.filter(session=session, status__in=ACTIVE).select_related("user")
        )
        Booking.objects.filter(pk__in=[b.pk for b in told]).update(
            status=BookingStatus.CANCELLED, cancelled_at=now
        )
    session = TrainingSession.objects.select_related("course").get(pk=session.pk)
    for booking in told:
        booking.session = session
        notifications.session_cancelled(booking)
    return session


from . import interest as interest_lists  # noqa: E402
from .attendance import attendance_record, register_refusal  # noqa: E402, F401
from .certificates import (  # noqa: E402, F401
    certificate_check,
    certificate_code_normalise,
    certificate_reissue,
    certificate_revoke,
)
from .checkin import check_in, check_in_code  # noqa: E402, F401
from .reminders import certificate_reminders_send, session_reminders_send  # noqa: E402, F401
