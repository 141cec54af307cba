"""Who may do what with courses, sessions, bookings, registers, certificates and reports.

One function per kind of object, with a matching queryset filter where lists need one. Every
view and export calls these; none decides access inline.
"""

from elearning.accounts.roles import Role, has_role
from elearning.accounts.selectors import team_of

from .people import manager_of


def _is_staff(user) -> bool:
    return has_role(user, Role.STAFF)


def can_manage_sessions(user) -> bool:
    """Partnership staff add, change and cancel training sessions (in the publishing admin)."""
    return getattr(user, "is_authenticated", False) and (
        _is_staff(user) or getattr(user, "is_superuser", False)
    )


def can_mark_register(user, session) -> bool:
    """Partnership staff run every session; the session's trainer, when their trainer record
    is linked to this person's account, may mark its register."""
    if not getattr(user, "is_authenticated", False):
        return False
    return _is_staff(user) or (
        session.trainer_id is not None and session.trainer.user_id == user.pk
    )


def sessions_markable_by(user, queryset):
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if _is_staff(user):
        return queryset
    return sessions_run_by(user, queryset)


def sessions_run_by(user, queryset):
    """The sessions whose trainer record is linked to ``user``'s account ("Sessions I run")."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(trainer__user=user)


def can_export_no_shows(user) -> bool:
    """The quarterly no-show and charges file names people, so it is for partnership staff
    only (not partnership admins, who see reports' figures)."""
    return getattr(user, "is_authenticated", False) and _is_staff(user)


def can_see_joining_details(user, session, booking=None) -> bool:
    """Venue is public; online joining details are for people with a confirmed place."""
    from .models import BookingStatus

    if can_mark_register(user, session):
        return True
    return (
        booking is not None
        and booking.user_id == user.pk
        and (booking.status == BookingStatus.BOOKED)
    )


def can_cancel_booking(user, booking) -> bool:
    return getattr(user, "is_authenticated", False) and booking.user_id == user.pk


def can_decide_booking(user, booking) -> bool:
    """A learner's confirmed line manager approves; partnership staff approve when there is
    none (or the manager is away). Someone merely named as manager, or a former manager, does
    not."""
    if not getattr(user, "is_authenticated", False) or booking.user_id == user.pk:
        return False
    if _is_staff(user):
        return True
    manager = manager_of(booking.user)
    return manager is not None and manager.pk == user.pk


def bookings_decidable_by(user, queryset):
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if _is_staff(user):
        return queryset.exclude(user=user)
    return queryset.filter(user__in=team_of(user))


def can_view_certificate(user, certificate) -> bool:
    """The learner downloads their own certificate; anyone else checks it by its code."""
    return getattr(user, "is_authenticated", False) and (
        certificate.enrolment.user_id == user.pk or _is_staff(user)
    )


def can_manage_certificates(user) -> bool:
    """Partnership staff find, revoke and re-issue certificates. Partnership admins manage
    people and roles, not training records, so they need the staff role as well; nobody
    else, superusers included, does this."""
    return getattr(user, "is_authenticated", False) and _is_staff(user)


def certificates_manageable_by(user, queryset):
    return queryset if can_manage_certificates(user) else queryset.none()


# --- Impact follow-ups ---------------------------------------------------------------------


def can_answer_follow_up(user, follow_up) -> bool:
    """Only the learner answers (and reads) their own follow-up; for anyone else it does not
    exist."""
    return getattr(user, "is_authenticated", False) and follow_up.enrolment.user_id == user.pk


def follow_ups_answerable_by(user, queryset):
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(enrolment__user=user)


def can_confirm_follow_up(user, follow_up) -> bool:
    """The line manager asked when the learner answered, while they are still the learner's
    confirmed manager, reads the answer and confirms or comments. Nobody else, staff
    included: reports show the answers only as totals."""
    if not getattr(user, "is_authenticated", False) or follow_up.answered_at is None:
        return False
    if follow_up.manager_id is None or follow_up.manager_id != user.pk:
        return False
    current = manager_of(follow_up.enrolment.user)
    return current is not None and current.pk == user.pk


def follow_ups_confirmable_by(user, queryset):
    """Follow-ups this person was asked about as manager. Callers keep only those that
    ``can_confirm_follow_up`` allows, so a relationship that has ended shows nothing."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(manager=user, answered_at__isnull=False)


# --- Interest lists ----------------------------------------------------------------------


def can_answer_interest(user, interest) -> bool:
    """A registration of interest (and the place offered from it) is the learner's own to
    withdraw or decline. Staff see demand and offer places but never answer for someone."""
    return getattr(user, "is_authenticated", False) and interest.user_id == user.pk


def can_view_interest_demand(user) -> bool:
    """Interest lists are demand for sessions, so those who add sessions see them."""
    return can_manage_sessions(user)
