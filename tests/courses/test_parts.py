"""Sessions in several parts: the parts' rules, the session's span, attendance per part and
completion that needs every part."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from courses import notifications, services
from courses.models import (
    Attendance,
    Booking,
    Certificate,
    PartAttendance,
    SessionPart,
    TrainingSession,
)
from tests.factories import UserFactory

from .factories import BookingFactory, SessionFactory, VenueFactory, blended_course, make_course

pytestmark = pytest.mark.django_db

H = datetime.timedelta(hours=1)


def _new_session(course=None, **fields) -> TrainingSession:
    starts = fields.pop("starts", timezone.now() + datetime.timedelta(days=20))
    return TrainingSession(
        course=course or make_course(),
        starts_at=starts,
        ends_at=starts + 3 * H,
        venue=VenueFactory(name="Civic Centre"),
        capacity=10,
        booking_deadline=starts - datetime.timedelta(days=3),
        cancellation_cutoff=starts - datetime.timedelta(days=2),
        **fields,
    )


def _two_halves(starts) -> list[SessionPart]:
    return [
        # Given out of order: the service sorts them.
        SessionPart(starts_at=starts + datetime.timedelta(days=1), ends_at=starts + 27 * H),
        SessionPart(starts_at=starts, ends_at=starts + 3 * H),
    ]


def test_a_session_saved_without_parts_gets_one_spanning_it(staff):
    session = services.session_save(by=staff, session=_new_session())
    part = session.parts.get()
    assert (part.starts_at, part.ends_at) == (session.starts_at, session.ends_at)


def test_the_session_spans_its_parts_in_order(staff):
    session = _new_session()
    starts = session.starts_at
    session.parts = _two_halves(starts)
    session = services.session_save(by=staff, session=session)
    parts = list(session.parts.all())
    assert [p.starts_at for p in parts] == [starts, starts + datetime.timedelta(days=1)]
    assert [p.sort_order for p in parts] == [0, 1]
    assert (session.starts_at, session.ends_at) == (starts, starts + 27 * H)


@pytest.mark.parametrize(
    "shape, message",
    [
        ("overlap", "Two parts overlap"),
        ("backwards", "Each part must end after it starts"),
    ],
)
def test_overlapping_or_backwards_parts_are_refused_and_nothing_is_stored(staff, shape, message):
    session = _new_session()
    starts = session.starts_at
    if shape == "overlap":
        session.parts = [
            SessionPart(starts_at=starts, ends_at=starts + 3 * H),
            SessionPart(starts_at=starts + 2 * H, ends_at=starts + 5 * H),
        ]
    else:
        session.parts = [SessionPart(starts_at=starts, ends_at=starts - H)]
    with pytest.raises(services.CourseRefusal, match=message):
        services.session_save(by=staff, session=session)
    assert not TrainingSession.objects.exists()
    assert not SessionPart.objects.exists()


def test_a_part_with_attendance_cannot_be_removed(staff):
    session = _new_session(starts=timezone.now() - H)
    session.booking_deadline = session.starts_at - H
    session.cancellation_cutoff = session.starts_at - H
    session.parts = _two_halves(session.starts_at)
    session = services.session_save(by=staff, session=session)
    booking = BookingFactory(session=session)
    first = session.parts.first()
    services.attendance_record(
        session=session, marked_by=staff, marks={(booking.pk, first.pk): True}
    )
    session.parts = [session.parts.last()]
    with pytest.raises(services.CourseRefusal, match="cannot be removed"):
        services.session_save(by=staff, session=session)
    assert SessionPart.objects.filter(session=session).count() == 2


def test_moving_a_one_part_session_moves_its_part(staff):
    session = SessionFactory()
    session.starts_at += datetime.timedelta(days=1)
    session.ends_at += datetime.timedelta(days=1)
    services.session_save(by=staff, session=session)
    part = SessionPart.objects.get(session=session)
    assert (part.starts_at, part.ends_at) == (session.starts_at, session.ends_at)


def test_changing_the_second_part_tells_everyone_booked(staff, mailoutbox):
    session = _new_session()
    session.parts = _two_halves(session.starts_at)
    session = services.session_save(by=staff, session=session)
    BookingFactory(session=session)
    mail.outbox.clear()
    session = TrainingSession.objects.get(pk=session.pk)
    parts = list(session.parts.all())
    parts[1].venue = "Library meeting room"
    session.parts = parts
    session = services.session_save(by=staff, session=session)
    assert session.sequence == 1
    assert len(mail.outbox) == 1
    assert "Part 2:" in mail.outbox[0].body
    assert "Library meeting room" in mail.outbox[0].body


def test_e_mails_and_the_session_page_list_every_part(client, staff):
    session = _new_session()
    session.parts = _two_halves(session.starts_at)
    session = services.session_save(by=staff, session=session)
    when = notifications._when(session)
    assert "Part 1:" in when and "Part 2:" in when
    html = client.get(reverse("courses:session_detail", args=[session.pk])).content.decode()
    assert html.count("<li>") >= 2 and "app-session-parts" in html


def _started_two_part(course, staff):
    starts = timezone.now() - datetime.timedelta(days=1, hours=1)
    session = _new_session(course, starts=starts)
    session.booking_deadline = session.cancellation_cutoff = starts - H
    session.parts = _two_halves(starts)  # the second part began an hour ago
    return services.session_save(by=staff, session=session)


@pytest.mark.parametrize(
    "ticks, overall",
    [
        ((True, True), Attendance.ATTENDED),
        ((True, False), Attendance.PARTLY),
        ((False, True), Attendance.PARTLY),
        ((False, False), Attendance.NO_SHOW),
    ],
)
def test_overall_attendance_is_worked_out_from_the_parts(staff, ticks, overall):
    session = _started_two_part(make_course(), staff)
    booking = BookingFactory(session=session)
    parts = list(session.parts.all())
    marks = {(booking.pk, p.pk): tick for p, tick in zip(parts, ticks, strict=True)}
    services.attendance_record(session=session, marked_by=staff, marks=marks)
    booking.refresh_from_db()
    assert booking.attendance == overall


def test_a_part_that_has_not_started_cannot_be_marked(staff):
    session = _new_session(starts=timezone.now() - H)
    session.booking_deadline = session.cancellation_cutoff = session.starts_at - H
    session.parts = _two_halves(session.starts_at)
    session = services.session_save(by=staff, session=session)
    booking = BookingFactory(session=session)
    first, second = session.parts.all()
    with pytest.raises(services.CourseRefusal, match="can be marked once it starts"):
        services.attendance_record(
            session=session,
            marked_by=staff,
            marks={(booking.pk, first.pk): True, (booking.pk, second.pk): True},
        )
    assert not PartAttendance.objects.exists()
    # The next day, both can be marked.
    services.attendance_record(
        session=session,
        marked_by=staff,
        marks={(booking.pk, first.pk): True, (booking.pk, second.pk): True},
        now=second.starts_at + H,
    )
    assert Booking.objects.get(pk=booking.pk).attendance == Attendance.ATTENDED


def test_completion_needs_every_part(staff, practitioner):
    course = blended_course(steps=0, require_evaluation=False)
    services.enrolment_create(user=practitioner, course=course, confidence_before=2)
    session = _started_two_part(course, staff)
    booking = BookingFactory(session=session, user=practitioner)
    first, second = session.parts.all()
    services.attendance_record(
        session=session,
        marked_by=staff,
        marks={(booking.pk, first.pk): True, (booking.pk, second.pk): False},
    )
    assert not Certificate.objects.exists()
    services.attendance_record(
        session=session, marked_by=staff, marks={(booking.pk, second.pk): True}
    )
    assert Certificate.objects.filter(enrolment__user=practitioner).exists()


def test_the_data_migration_gives_each_session_one_part_with_its_marks():
    migration = importlib.import_module("courses.migrations.0017_session_parts_data")
    session = SessionFactory()
    SessionPart.objects.filter(session=session).delete()
    marked = BookingFactory(
        session=session, attendance=Attendance.PARTLY, attendance_marked_by=UserFactory()
    )
    BookingFactory(session=session)  # not marked: no record
    migration.forwards(apps, None)
    part = SessionPart.objects.get(session=session)
    assert (part.starts_at, part.ends_at) == (session.starts_at, session.ends_at)
    record = PartAttendance.objects.get()
    assert (record.booking_id, record.part_id, record.attended) == (marked.pk, part.pk, True)
    assert record.marked_by_id == marked.attendance_marked_by_id
