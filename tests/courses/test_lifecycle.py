"""Courses and sessions people have used cannot be deleted, only archived; their enrolments,
certificates, bookings and attendance marks are kept and still counted in reports."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from courses import selectors, services
from courses.models import (
    Attendance,
    Booking,
    Certificate,
    CoursePage,
    Enrolment,
    TrainingSession,
)
from tests.factories import AgencyFactory, UserFactory

from .factories import BookingFactory, EnrolmentFactory, SessionFactory, course_index, make_course

pytestmark = pytest.mark.django_db


def _certificate(enrolment) -> Certificate:
    return Certificate.objects.create(
        enrolment=enrolment,
        agency=enrolment.agency,
        learner_name=str(enrolment.user),
        course_title=enrolment.course.title,
        cpd_hours=2,
        completed_on=timezone.localdate(),
    )


@pytest.fixture
def marked_session():
    """One session with two bookings: one attended, one no-show."""
    session = SessionFactory()
    BookingFactory(session=session, attendance=Attendance.ATTENDED)
    BookingFactory(session=session, attendance=Attendance.NO_SHOW)
    return session


def test_the_database_refuses_to_delete_a_session_with_bookings(marked_session):
    with pytest.raises(ProtectedError):
        TrainingSession.objects.get(pk=marked_session.pk).delete()
    assert Booking.objects.filter(session=marked_session).count() == 2


def test_the_database_refuses_to_delete_a_course_with_enrolments():
    enrolment = EnrolmentFactory(course=make_course(steps=0))
    with pytest.raises(ProtectedError):
        CoursePage.objects.get(pk=enrolment.course_id).delete()


def test_staff_are_refused_deleting_a_session_with_bookings(staff, login, marked_session):
    client = login(staff)
    url = f"/admin/training_sessions/delete/{marked_session.pk}/"
    edit_url = f"/admin/training_sessions/edit/{marked_session.pk}/"
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response.url == edit_url
    html = client.post(url, follow=True).content.decode()
    assert "cannot be deleted because records that must be kept refer to it" in html
    assert "bookings: 2" in html
    assert "Tick ‘archived’ on the session instead" in html

    assert TrainingSession.objects.filter(pk=marked_session.pk).exists()
    kept = Booking.objects.filter(session=marked_session)
    assert sorted(kept.values_list("attendance", flat=True)) == ["attended", "no_show"]


def test_a_session_nobody_booked_can_still_be_deleted(staff, login):
    session = SessionFactory()
    response = login(staff).post(f"/admin/training_sessions/delete/{session.pk}/")
    assert response.status_code == 302
    assert not TrainingSession.objects.filter(pk=session.pk).exists()


def test_deleting_a_course_with_sessions_and_certificates_is_refused_not_a_server_error(
    moderator, login, marked_session
):
    course = marked_session.course
    _certificate(EnrolmentFactory(course=course))
    client = login(moderator)
    url = reverse("wagtailadmin_pages:delete", args=[course.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[course.pk])
    html = client.post(url, follow=True).content.decode()
    assert "cannot be deleted" in html
    assert "enrolments: 1" in html and "training sessions: 1" in html
    assert CoursePage.objects.filter(pk=course.pk).exists()
    assert Certificate.objects.filter(enrolment__course=course).count() == 1
    assert Booking.objects.filter(session=marked_session).count() == 2


def test_deleting_the_course_list_counts_the_records_of_the_courses_beneath(marked_session):
    from elearning.core.protection import pages_protected_records

    assert pages_protected_records([course_index()])["training sessions"] == 1


def test_an_archived_course_leaves_the_catalogue_and_refuses_enrolment(login, practitioner):
    make_course(steps=0, title="Kept course")
    archived = make_course(steps=0, title="Old course")
    enrolment = EnrolmentFactory(course=archived)
    archived.archived = True
    archived.save_revision().publish()

    catalogue = login(practitioner).get(course_index().url).content.decode()
    assert "Kept course" in catalogue and "Old course" not in catalogue

    page = login(practitioner).get(archived.url).content.decode()
    assert "This course has been archived" in page
    assert "Enrol on this course" not in page
    response = login(practitioner).post(
        reverse("courses:enrol", args=[archived.pk]), {"confidence_before": 3}, follow=True
    )
    assert "This course has been archived, so nobody can enrol on it now." in (
        response.content.decode()
    )
    assert not archived.enrolments.filter(user=practitioner).exists()
    assert archived.enrolments.filter(pk=enrolment.pk).exists()

    # Reports still count the archived course's enrolment and certificate, with the agency
    # the learner was with at the time, even after they move agency.
    _certificate(enrolment)
    agency = enrolment.agency
    enrolment.user.agency = AgencyFactory()
    enrolment.user.save()
    today = timezone.localdate()
    assert selectors.enrolment_figures(Enrolment.objects.all(), ("agency_id",)) == [
        {"agency_id": agency.pk, "enrolled": 1, "people": 1}
    ]
    (certificates,) = selectors.certificate_figures(
        Certificate.objects.filter(enrolment__course=archived),
        ("agency_id",),
        completed_between=(today, today),
        expiring_between=(today, today),
    )
    assert (certificates["agency_id"], certificates["completed"]) == (agency.pk, 1)


def test_an_archived_session_leaves_the_lists_and_refuses_bookings(
    login, practitioner, marked_session
):
    other = SessionFactory()
    marked_session.archived = True
    marked_session.save()

    listed = list(selectors.upcoming_sessions())
    assert other in listed and marked_session not in listed
    assert str(marked_session.course.title) not in (
        login(practitioner).get(reverse("courses:session_list")).content.decode()
    )

    detail = login(practitioner).get(reverse("courses:session_detail", args=[marked_session.pk]))
    assert "This session has been archived" in detail.content.decode()
    assert "Book a place" not in detail.content.decode()
    response = login(practitioner).post(
        reverse("courses:session_book", args=[marked_session.pk]), follow=True
    )
    assert "no longer taking bookings" in response.content.decode()
    assert not Booking.objects.filter(session=marked_session, user=practitioner).exists()

    # Reports still count it: two booked, one attended, one no-show, each with the agency
    # the learner was with at the time, even after they move agency.
    bookings = Booking.objects.filter(session=marked_session)
    expected = sorted(
        (b.agency.name, b.attendance == Attendance.ATTENDED, b.attendance == Attendance.NO_SHOW)
        for b in bookings.select_related("agency")
    )
    for booking in bookings.select_related("user"):
        booking.user.agency = AgencyFactory()
        booking.user.save()
    rows = selectors.booking_figures(bookings, ("agency__name",))
    assert sum(r["filled"] for r in rows) == 2
    assert sorted((r["agency__name"], r["attended"], r["no_show"]) for r in rows) == expected


def test_sessions_of_an_archived_course_are_archived_too(practitioner):
    session = SessionFactory()
    course = session.course
    course.archived = True
    course.save_revision().publish()
    session = TrainingSession.objects.get(pk=session.pk)
    assert session.is_archived
    assert session not in selectors.upcoming_sessions()
    with pytest.raises(services.CourseRefusal):
        services.booking_create(session=session, user=UserFactory())
