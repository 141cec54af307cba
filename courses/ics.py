"""Calendar (.ics) files for training sessions, built with the ``icalendar`` library.

One event per session. Its UID stays the same for the life of the session and SEQUENCE is
the session's own counter, which ``services.session_save`` raises on each change of time or
place (and ``session_cancel`` on cancellation), so a calendar replaces or removes the event it
already holds instead of adding another.
"""

import datetime
import re

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

_LINK = re.compile(r"https?://[^\s<>\"']+")


def joining_link(joining_details: str) -> str | None:
    """The first web address in a session's joining details, if it has one."""
    found = _LINK.search(joining_details or "")
    return found.group(0).rstrip(".,;)") if found else None


def session_uid(session) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"training-session-{session.pk}@{domain}"


def _organiser(session) -> icalendar.vCalAddress:
    # The course's contact when it names one; otherwise the address the site writes from.
    address = session.course.contact_email or settings.DEFAULT_FROM_EMAIL
    organiser = icalendar.vCalAddress(f"mailto:{address}")
    organiser.params["CN"] = icalendar.vText(settings.SITE_NAME)
    return organiser


def _description(session, include_joining_details: bool) -> str:
    # The joining details (and so the link) only go in a file for someone entitled to them.
    parts = [session.course.summary]
    if include_joining_details and session.joining_details:
        parts.append(_("Joining details:") + "\n" + session.joining_details)
    return "\n\n".join(p for p in parts if p)


def session_calendar(
    session,
    *,
    include_joining_details: bool,
    cancelled: bool = False,
    attendee=None,
    now: datetime.datetime | None = None,
) -> bytes:
    """The session as an iTIP message: METHOD:REQUEST (add or update the event) or, when
    ``cancelled``, METHOD:CANCEL (remove it).

    ``include_joining_details`` is only ever true for someone entitled to the joining link
    (see ``permissions.can_see_joining_details``): the link then goes in the event's URL and
    its description. ``attendee`` is the person the file is for, named on the event so their
    calendar treats it as an invitation they hold."""
    now = now or timezone.now()
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Training//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")

    link = joining_link(session.joining_details) if include_joining_details else None
    event = icalendar.Event()
    event.add("uid", session_uid(session))
    event.add("sequence", session.sequence)
    event.add("dtstamp", now.astimezone(datetime.UTC))
    event.add("dtstart", session.starts_at.astimezone(datetime.UTC))
    event.add("dtend", session.ends_at.astimezone(datetime.UTC))
    event.add("summary", session.course.title)
    event.add("location", session.venue.one_line if session.venue_id else _("Online"))
    event.add("description", _description(session, include_joining_details))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("organizer", _organiser(session))
    if link:
        event.add("url", link)
    if attendee is not None:
        address = icalendar.vCalAddress(f"mailto:{attendee.email}")
        address.params["CN"] = icalendar.vText(attendee.get_full_name() or attendee.email)
        address.params["ROLE"] = icalendar.vText("REQ-PARTICIPANT")
        address.params["PARTSTAT"] = icalendar.vText("ACCEPTED")
        event.add("attendee", address)
    calendar.add_component(event)
    return calendar.to_ical()


def session_ics(session, *, include_joining_details: bool, cancelled: bool = False, **kw) -> str:
    """The same file as text, for e-mail attachments."""
    return session_calendar(
        session, include_joining_details=include_joining_details, cancelled=cancelled, **kw
    ).decode()
