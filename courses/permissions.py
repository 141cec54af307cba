"""Who may do what with courses, sessions, bookings, registers, certificates and reports.

One function per kind of object, with a matching queryset filter where lists need one. Every
view and export calls these; none decides access inline.
"""

from elearning.accounts.roles import Role, has_role

from .people import manager_of


def _is_staff(user) -> bool:
    return has_role(user, Role.STAFF)


def can_manage_sessions(user) -> bool:
    """Partnership staff add, change and cancel training sessions (in the publishing admin)."""
    return getattr(user, "is_authenticated", False) and (
        _is_staff(user) or getattr(user, "is_superuser", False)
    )


def can_mark_register(user, session) -> bool:
    """Partnership staff run every session; a session's named trainer may mark its register."""
    if not getattr(user, "is_authenticated", False):
        return False
    return _is_staff(user) or (session.trainer_id is not None and session.trainer_id == user.pk)


def sessions_markable_by(user, queryset):
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if _is_staff(user):
        return queryset
    return queryset.filter(trainer=user)


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
    """A learner's recorded line manager approves; partnership staff approve when there is
    none (or the manager is away)."""
    if not getattr(user, "is_authenticated", False) or booking.user_id == user.pk:
        return False
    return _is_staff(user) or (
        manager_of(booking.user) is not None and manager_of(booking.user).pk == user.pk
    )


def bookings_decidable_by(user, queryset):
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if _is_staff(user):
        return queryset.exclude(user=user)
    return queryset.filter(user__manager=user)


def can_view_certificate(user, certificate) -> bool:
    """The learner downloads their own certificate; anyone else checks it by its code."""
    return getattr(user, "is_authenticated", False) and (
        certificate.enrolment.user_id == user.pk or _is_staff(user)
    )


def can_answer_interest(user, interest) -> bool:
    """A registration of interest (and the place offered from it) is the learner's own to
    withdraw or decline. Staff see demand and offer places but never answer for someone."""
    return getattr(user, "is_authenticated", False) and interest.user_id == user.pk


def can_view_interest_demand(user) -> bool:
    """Interest lists are demand for sessions, so those who add sessions see them."""
    return can_manage_sessions(user)
