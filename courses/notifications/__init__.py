"""E-mails about bookings, certificates and training follow-ups.

Each function sends one kind of e-mail (``catalogue.KINDS``) in the wording partnership staff
saved in Wagtail (Training e-mails), or the default wording. Optional kinds respect the
person's e-mail preferences; the learner's confirmed line manager is copied where the kind
and the partnership's training settings say so. Every message is queued through
``core.emails.email_send``; booking e-mails carry the session as a calendar file.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..ics import session_ics
from ..models.notifications import EmailKind
from ..models.sessions import BookingStatus
from ..people import manager_of
from .delivery import absolute_url, deliver, person


def _span(starts_at, ends_at) -> str:
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    return _("%(day)s, %(start)s to %(end)s") % {
        "day": date_format(start, "l j F Y"),
        "start": date_format(start, "H:i"),
        "end": date_format(end, "H:i"),
    }


def _when(session) -> str:
    """The session's time, or every part of a session in several parts."""
    parts = list(session.parts.all())
    if len(parts) < 2:
        return _span(session.starts_at, session.ends_at)
    return "".join(
        "\n"
        + _("Part %(number)s: %(when)s") % {"number": number, "when": _span(p.starts_at, p.ends_at)}
        + (f" ({p.venue.replace(chr(10), ', ')})" if p.venue else "")
        for number, p in enumerate(parts, start=1)
    )


def _where(session) -> str:
    return session.venue.one_line if session.venue_id else _("Online")


def _session_values(session) -> dict[str, str]:
    return {
        "course_title": session.course.title,
        "session_when": _when(session),
        "session_where": _where(session),
        "booking_url": absolute_url(reverse("courses:session_detail", args=[session.pk])),
    }


def _booking(kind: str, booking, *, cancelled: bool = False, ics: bool = True) -> None:
    session = booking.session
    confirmed = booking.status == BookingStatus.BOOKED
    joining = ""
    if confirmed and session.joining_details and not cancelled:
        joining = _("Joining details:") + "\n" + session.joining_details
    attachments = None
    if ics:
        attachments = [
            {
                "filename": "training-session.ics",
                "content": session_ics(
                    session,
                    include_joining_details=confirmed and not cancelled,
                    cancelled=cancelled,
                    attendee=booking.user,
                ),
                "mimetype": "text/calendar",
            }
        ]
    deliver(
        kind=kind,
        to=booking.user,
        values={**person(booking.user), **_session_values(session), "joining_details": joining},
        attachments=attachments,
        # Joining details are for people with a place, not for their manager's copy.
        copy_values={"joining_details": ""},
    )


def booking_confirmed(booking):
    _booking(EmailKind.BOOKING_CONFIRMED, booking)


def booking_approved(booking):
    _booking(EmailKind.BOOKING_APPROVED, booking)


def booking_promoted(booking):
    _booking(EmailKind.BOOKING_PROMOTED, booking)


def booking_promoted_new_places(booking):
    _booking(EmailKind.BOOKING_PROMOTED_NEW_PLACES, booking)


def session_changed(booking):
    """The time or place changed. People with a place get the calendar file again (same UID,
    higher SEQUENCE) so their calendar moves the event; others only had an e-mail."""
    _booking(EmailKind.SESSION_CHANGED, booking, ics=booking.status == BookingStatus.BOOKED)


def session_cancelled(booking):
    """The partnership cancelled the session; a place holder's calendar removes the event."""
    _booking(
        EmailKind.SESSION_CANCELLED,
        booking,
        cancelled=True,
        ics=booking.status == BookingStatus.BOOKED,
    )


def booking_waiting(booking):
    _booking(EmailKind.BOOKING_WAITING, booking, ics=False)


def booking_awaiting_approval(booking):
    """The learner hears their place is held; their line manager is asked to decide."""
    _booking(EmailKind.BOOKING_AWAITING_APPROVAL, booking, ics=False)
    approver = manager_of(booking.user)
    if approver is not None:
        deliver(
            kind=EmailKind.APPROVAL_ASKED,
            to=approver,
            values={
                "first_name": approver.first_name or approver.email,
                "learner_name": booking.user.get_full_name() or booking.user.email,
                **_session_values(booking.session),
                "approvals_url": absolute_url(reverse("courses:approvals")),
            },
        )


def booking_declined(booking):
    _booking(EmailKind.BOOKING_DECLINED, booking, ics=False)


def booking_cancelled(booking):
    _booking(EmailKind.BOOKING_CANCELLED, booking, cancelled=True)


def booking_reminder(booking):
    _booking(EmailKind.BOOKING_REMINDER, booking)


def interest_offered(*, user, session, expires_at):
    """A place on a new session is offered to someone on the course's interest list."""
    deliver(
        kind=EmailKind.INTEREST_OFFERED,
        to=user,
        values={
            **person(user),
            **_session_values(session),
            "offer_expires": date_format(timezone.localtime(expires_at), "l j F Y, H:i"),
        },
        key=f"courses:interest-offer:{user.pk}:{session.pk}:{expires_at.isoformat()}",
    )


# --- Line managers and the impact follow-up ------------------------------------------------


def manager_confirmation_asked(*, manager, learner, confirm_url):
    """A learner named ``manager`` as their line manager; the manager is asked to confirm."""
    deliver(
        kind=EmailKind.MANAGER_CONFIRMATION_ASKED,
        to=manager,
        values={
            "first_name": manager.first_name or manager.email,
            "learner_name": learner.get_full_name() or learner.email,
            "confirm_url": absolute_url(confirm_url),
        },
    )


def impact_follow_up_due(*, enrolment, url):
    """Some weeks after completing, the learner is asked what they now do differently."""
    deliver(
        kind=EmailKind.IMPACT_FOLLOW_UP_DUE,
        to=enrolment.user,
        values={
            **person(enrolment.user),
            "course_title": enrolment.course.title,
            "follow_up_url": absolute_url(url),
        },
    )


def impact_manager_asked(*, enrolment, manager, url):
    """The learner's line manager is asked to confirm or comment on the change in practice."""
    deliver(
        kind=EmailKind.IMPACT_MANAGER_ASKED,
        to=manager,
        values={
            "first_name": manager.first_name or manager.email,
            "learner_name": enrolment.user.get_full_name() or enrolment.user.email,
            "course_title": enrolment.course.title,
            "follow_up_url": absolute_url(url),
        },
    )


# --- Certificates --------------------------------------------------------------------------


def _certificate_values(certificate) -> dict[str, str]:
    return {
        **person(certificate.enrolment.user),
        "learner_name": certificate.learner_name,
        "course_title": certificate.course_title,
        "certificate_code": certificate.code,
    }


def certificate_expiry_reminder(certificate, *, days: int):
    """Sent 60 and 14 days before expiry; the line manager is copied."""
    deliver(
        kind=EmailKind.CERTIFICATE_EXPIRY,
        to=certificate.enrolment.user,
        values={
            **_certificate_values(certificate),
            "expiry_date": date_format(certificate.expires_on, "j F Y"),
            "days_left": str(days),
            "course_url": certificate.enrolment.course.full_url or absolute_url("/"),
        },
    )


def certificate_revoked(*, certificate, reason):
    deliver(
        kind=EmailKind.CERTIFICATE_REVOKED,
        to=certificate.enrolment.user,
        values={
            **_certificate_values(certificate),
            "reason": reason,
            "verify_url": absolute_url(reverse("courses:verify")),
        },
    )


def certificate_reissued(*, certificate):
    deliver(
        kind=EmailKind.CERTIFICATE_REISSUED,
        to=certificate.enrolment.user,
        values={
            **_certificate_values(certificate),
            "certificate_url": absolute_url(
                reverse("courses:certificate_pdf", args=[certificate.code])
            ),
        },
    )
