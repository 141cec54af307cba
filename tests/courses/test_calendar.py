"""Calendar files: built with icalendar, one stable UID, SEQUENCE from the session, REQUEST or
CANCEL, times in UTC, the joining link only for people with a place, none for past sessions.
Every file here is read back with icalendar rather than searched as text."""

import datetime

import icalendar
import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.ics import session_calendar
from courses.models import BookingStatus
from seeding.courses.demo import ONLINE_JOINING
from tests.factories import UserFactory

from .factories import BookingFactory, SessionFactory, make_course

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/neglect-training"


def _attached(message) -> icalendar.Calendar | None:
    found = [a[1] for a in message.attachments if a[2] == "text/calendar"]
    return icalendar.Calendar.from_ical(found[0]) if found else None


def _event(calendar) -> icalendar.Event:
    (event,) = calendar.walk("VEVENT")
    return event


def _online(**fields):
    fields.setdefault("venue", "")
    fields.setdefault("joining_details", f"Video meeting: {LINK}\nMeeting code: 4711")
    return SessionFactory(**fields)


def test_booking_e_mail_carries_an_invitation_in_utc(practitioner, mailoutbox):
    session = SessionFactory(course=make_course(steps=0, contact_email="training@nscp.example"))
    services.booking_create(session=session, user=practitioner)
    calendar = _attached(mailoutbox[-1])
    assert calendar["METHOD"] == "REQUEST"
    event = _event(calendar)
    assert str(event["UID"]) == f"training-session-{session.pk}@localhost"
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == session.starts_at.replace(microsecond=0)
    assert event.decoded("DTSTART").utcoffset() == datetime.timedelta(0)
    assert event["DTSTART"].to_ical().endswith(b"Z")
    assert event["DTEND"].to_ical().endswith(b"Z")
    assert event["DTSTAMP"].to_ical().endswith(b"Z")
    assert str(event["ORGANIZER"]) == "mailto:training@nscp.example"
    assert str(event["ATTENDEE"]) == f"mailto:{practitioner.email}"
    assert str(event["SUMMARY"]) == session.course.title
    assert str(event["LOCATION"]) == session.venue.one_line


@override_settings(DEFAULT_FROM_EMAIL="learning@nscp.example")
def test_without_a_course_contact_the_site_address_organises(practitioner):
    session = SessionFactory()
    event = _event(
        icalendar.Calendar.from_ical(session_calendar(session, include_joining_details=False))
    )
    assert str(event["ORGANIZER"]) == "mailto:learning@nscp.example"
    assert str(event["UID"]).endswith("@nscp.example")


def test_online_session_file_carries_the_link_for_people_with_a_place(practitioner, mailoutbox):
    session = _online()
    services.booking_create(session=session, user=practitioner)
    event = _event(_attached(mailoutbox[-1]))
    assert str(event["URL"]) == LINK
    assert LINK in str(event["DESCRIPTION"]) and "Meeting code: 4711" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "Online"


def test_nobody_without_a_place_gets_the_link(practitioner, other_practitioner, login, mailoutbox):
    session = _online(capacity=1)
    services.booking_create(session=session, user=practitioner)
    waiting = services.booking_create(session=session, user=other_practitioner)
    assert waiting.status == BookingStatus.WAITING
    assert _attached(mailoutbox[-1]) is None
    assert LINK not in mailoutbox[-1].body
    url = reverse("courses:session_ics", args=[session.pk])
    assert login(other_practitioner).get(url).status_code == 404
    # A file made for someone not entitled to the details has neither link nor details.
    event = _event(
        icalendar.Calendar.from_ical(session_calendar(session, include_joining_details=False))
    )
    assert "URL" not in event
    assert LINK not in str(event["DESCRIPTION"]) and "4711" not in str(event["DESCRIPTION"])


def test_awaiting_approval_gets_no_file_and_no_download(login, mailoutbox):
    learner = UserFactory(confirmed_manager=UserFactory())
    session = _online(course=make_course(steps=0, requires_manager_approval=True))
    booking = services.booking_create(session=session, user=learner)
    assert booking.status == BookingStatus.AWAITING_APPROVAL
    mine = [m for m in mailoutbox if m.to == [learner.email]]
    assert all(_attached(m) is None for m in mine)
    assert login(learner).get(reverse("courses:session_ics", args=[session.pk])).status_code == 404


def test_downloaded_file_has_the_link_for_the_person_booked(practitioner, login):
    session = _online()
    BookingFactory(session=session, user=practitioner)
    response = login(practitioner).get(reverse("courses:session_ics", args=[session.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar"
    event = _event(icalendar.Calendar.from_ical(response.content))
    assert str(event["URL"]) == LINK
    assert str(event["ATTENDEE"]) == f"mailto:{practitioner.email}"


def test_the_demo_online_session_names_a_link_the_file_really_carries(practitioner, mailoutbox):
    session = SessionFactory(venue="", joining_details=ONLINE_JOINING)
    services.booking_create(session=session, user=practitioner)
    event = _event(_attached(mailoutbox[-1]))
    assert str(event["URL"]).startswith("https://")
    assert str(event["URL"]) in str(event["DESCRIPTION"])
    assert "from the link in your calendar file" not in str(event["DESCRIPTION"])


def test_cancellation_file_has_no_link(practitioner, mailoutbox):
    session = _online()
    booking = services.booking_create(session=session, user=practitioner)
    services.booking_cancel(booking=booking, user=practitioner)
    calendar = _attached(mailoutbox[-1])
    assert calendar["METHOD"] == "CANCEL"
    event = _event(calendar)
    assert str(event["STATUS"]) == "CANCELLED" and "URL" not in event
    assert LINK not in str(event["DESCRIPTION"])


def test_change_and_cancellation_keep_the_uid_and_raise_the_sequence(staff, mailoutbox):
    session = SessionFactory()
    booked = BookingFactory(session=session)
    first = _event(
        icalendar.Calendar.from_ical(session_calendar(session, include_joining_details=True))
    )
    session.starts_at += datetime.timedelta(hours=1)
    session.ends_at += datetime.timedelta(hours=1)
    services.session_save(by=staff, session=session)
    changed = _attached(mailoutbox[-1])
    assert changed["METHOD"] == "REQUEST"
    assert _event(changed)["UID"] == first["UID"]
    assert _event(changed)["SEQUENCE"] == 1
    assert _event(changed).decoded("DTSTART") == session.starts_at.replace(microsecond=0)
    services.session_cancel(by=staff, session=session)
    cancelled = _attached(next(m for m in reversed(mailoutbox) if m.to == [booked.user.email]))
    assert cancelled["METHOD"] == "CANCEL"
    assert _event(cancelled)["UID"] == first["UID"]
    assert _event(cancelled)["SEQUENCE"] == 2


def test_text_is_escaped_and_long_lines_folded():
    session = SessionFactory(venue="Room 1; Floor 2, Town Hall\n" + "x" * 100)
    raw = session_calendar(session, include_joining_details=False)
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    event = _event(icalendar.Calendar.from_ical(raw))
    assert str(event["LOCATION"]).startswith("Room 1; Floor 2, Town Hall, xxx")


# --- Past sessions ---------------------------------------------------------------------------


def test_no_calendar_file_once_the_session_has_ended(practitioner, login):
    running = SessionFactory(
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        booking_deadline=timezone.now() - datetime.timedelta(days=3),
        cancellation_cutoff=timezone.now() - datetime.timedelta(days=3),
    )
    ended = SessionFactory(
        starts_at=timezone.now() - datetime.timedelta(hours=4),
        ends_at=timezone.now() - datetime.timedelta(minutes=1),
        booking_deadline=timezone.now() - datetime.timedelta(days=3),
        cancellation_cutoff=timezone.now() - datetime.timedelta(days=3),
    )
    client = login(practitioner)
    for session, status in ((running, 200), (ended, 410)):
        BookingFactory(session=session, user=practitioner)
        url = reverse("courses:session_ics", args=[session.pk])
        detail = client.get(reverse("courses:session_detail", args=[session.pk]))
        assert client.get(url).status_code == status
        assert (url in detail.content.decode()) is (status == 200)


def test_staff_cannot_download_a_past_session_either(staff, login):
    session = SessionFactory(
        starts_at=timezone.now() - datetime.timedelta(days=2),
        booking_deadline=timezone.now() - datetime.timedelta(days=3),
        cancellation_cutoff=timezone.now() - datetime.timedelta(days=3),
    )
    assert login(staff).get(reverse("courses:session_ics", args=[session.pk])).status_code == 410
