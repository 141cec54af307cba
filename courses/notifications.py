"""E-mails about bookings and certificates. Each is queued through ``core.emails.email_send``;
booking e-mails carry the session as a calendar file."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from elearning.core.emails import email_send

from .ics import session_ics
from .people import manager_of


def _span(starts_at, ends_at) -> str:
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    return f"{date_format(start, 'l j F Y')}, {start:%H:%M} to {end:%H:%M}"


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
    return session.venue.replace("\n", ", ") if session.venue else _("Online")


def _url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(*, booking, subject: str, opening: str, cancelled: bool = False, ics: bool = True):
    session = booking.session
    user = booking.user
    confirmed = booking.status == "booked"
    lines = [
        _("Hello %(name)s,") % {"name": user.first_name or user.email},
        "",
        opening,
        "",
        _("Course: %(title)s") % {"title": session.course.title},
        _("When: %(when)s") % {"when": _when(session)},
        _("Where: %(where)s") % {"where": _where(session)},
    ]
    if confirmed and session.joining_details and not cancelled:
        lines += ["", _("Joining details:"), session.joining_details]
    lines += [
        "",
        _("See or change your booking: %(url)s")
        % {"url": _url(reverse("courses:session_detail", args=[session.pk]))},
    ]
    attachments = None
    if ics:
        attachments = [
            {
                "filename": "training-session.ics",
                "content": session_ics(
                    session, include_joining_details=confirmed, cancelled=cancelled
                ),
                "mimetype": "text/calendar",
            }
        ]
    email_send(subject=subject, body="\n".join(lines), to=[user.email], attachments=attachments)


def booking_confirmed(booking):
    _send(
        booking=booking,
        subject=_("Your place is confirmed: %(title)s") % {"title": booking.session.course.title},
        opening=_("Your place on this training session is confirmed."),
    )


def booking_promoted(booking):
    _send(
        booking=booking,
        subject=_("A place has come up: %(title)s") % {"title": booking.session.course.title},
        opening=_(
            "Someone cancelled, so you have moved off the waiting list and now have a place."
        ),
    )


def booking_promoted_new_places(booking):
    _send(
        booking=booking,
        subject=_("A place has come up: %(title)s") % {"title": booking.session.course.title},
        opening=_(
            "More places have been added to this session, so you have moved off the waiting "
            "list and now have a place."
        ),
    )


def session_changed(booking):
    """The time or place changed. People with a place get the calendar file again (same UID,
    higher SEQUENCE) so their calendar moves the event; others only had an e-mail."""
    _send(
        booking=booking,
        subject=_("Training session changed: %(title)s") % {"title": booking.session.course.title},
        opening=_(
            "The time or place of this training session has changed. The new details are below."
        ),
        ics=booking.status == "booked",
    )


def session_cancelled(booking):
    """The partnership cancelled the session; a place holder's calendar removes the event."""
    _send(
        booking=booking,
        subject=_("Training session cancelled: %(title)s")
        % {"title": booking.session.course.title},
        opening=_(
            "We are sorry: this training session has been cancelled, so your booking has been "
            "cancelled too. Look at the course page for other dates."
        ),
        cancelled=True,
        ics=booking.status == "booked",
    )


def booking_waiting(booking):
    _send(
        booking=booking,
        subject=_("You are on the waiting list: %(title)s")
        % {"title": booking.session.course.title},
        opening=_(
            "This session is full, so you are on the waiting list. If a place comes up you "
            "will get it automatically and we will e-mail you."
        ),
        ics=False,
    )


def booking_awaiting_approval(booking):
    _send(
        booking=booking,
        subject=_("Booking waiting for approval: %(title)s")
        % {"title": booking.session.course.title},
        opening=_(
            "We are holding a place for you. Your line manager needs to approve the booking "
            "before it is confirmed."
        ),
        ics=False,
    )
    approver = manager_of(booking.user)
    if approver is not None:
        email_send(
            subject=_("Please approve a training booking"),
            body=_("%(name)s has booked %(title)s (%(when)s). Approve or decline it here: %(url)s")
            % {
                "name": booking.user,
                "title": booking.session.course.title,
                "when": _when(booking.session),
                "url": _url(reverse("courses:approvals")),
            },
            to=[approver.email],
        )


def booking_declined(booking):
    _send(
        booking=booking,
        subject=_("Booking not approved: %(title)s") % {"title": booking.session.course.title},
        opening=_("Your booking was not approved, so the place has been released."),
        ics=False,
    )


def booking_cancelled(booking):
    _send(
        booking=booking,
        subject=_("Booking cancelled: %(title)s") % {"title": booking.session.course.title},
        opening=_("Your booking has been cancelled."),
        cancelled=True,
    )


def booking_reminder(booking):
    _send(
        booking=booking,
        subject=_("Reminder: %(title)s") % {"title": booking.session.course.title},
        opening=_("This is a reminder of your training session."),
    )


def certificate_expiry_reminder(certificate, *, days: int):
    user = certificate.enrolment.user
    expires = date_format(certificate.expires_on, "j F Y")
    body = _(
        "The certificate for %(title)s held by %(name)s expires on %(date)s (in %(days)s "
        "days). Refresher training keeps it current: %(url)s"
    ) % {
        "title": certificate.course_title,
        "name": certificate.learner_name,
        "date": expires,
        "days": days,
        "url": certificate.enrolment.course.full_url or _url("/"),
    }
    recipients = [user.email]
    manager = manager_of(user)
    if manager is not None and manager.email not in recipients:
        recipients.append(manager.email)
    for address in recipients:
        email_send(
            subject=_("Certificate expires on %(date)s: %(title)s")
            % {"date": expires, "title": certificate.course_title},
            body=body,
            to=[address],
        )
