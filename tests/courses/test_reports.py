"""The old training report addresses, which now send partnership staff to the partnership
reports, and the selectors that give those reports (and the session pages) their figures."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import selectors
from courses.models import (
    Attendance,
    Booking,
    BookingStatus,
    Certificate,
    Enrolment,
    TrainingSession,
)
from elearning.accounts.models import Sector
from tests.factories import AgencyFactory, UserFactory

from .factories import BookingFactory, SessionFactory

pytestmark = pytest.mark.django_db

HUGE_ID = 99999999999999999999  # past 64 bits: must not reach the database


@pytest.fixture
def superuser():
    return UserFactory(is_superuser=True, is_staff=True, totp_secret=True)


@pytest.fixture
def session_with_attendance():
    """Four places: a school's two learners (attended, did not attend), a health trust's
    learner (partly attended), and a health trust learner on the waiting list."""
    session = SessionFactory(capacity=4)
    school = AgencyFactory(name="Riverside Academy", sector=Sector.EDUCATION)
    trust = AgencyFactory(name="Community Health", sector=Sector.HEALTH)
    marks = [
        (school, Attendance.ATTENDED),
        (school, Attendance.NO_SHOW),
        (trust, Attendance.PARTLY),
    ]
    for agency, mark in marks:
        user = UserFactory(agency=agency)
        BookingFactory(session=session, user=user, attendance=mark)
        Enrolment.objects.create(
            user=user,
            course=session.course,
            agency=user.agency,
            confidence_before=2,
            confidence_after=4,
        )
    BookingFactory(session=session, user=UserFactory(agency=trust), status=BookingStatus.WAITING)
    return session


# --- Figures ------------------------------------------------------------------------------


def test_sessions_summary_counts_places_waiting_and_attendance(session_with_attendance):
    (row,) = selectors.sessions_summary(TrainingSession.objects.all())
    assert (row["capacity"], row["booked"], row["waiting"], row["filled_percent"]) == (4, 3, 1, 75)
    assert (row["attended"], row["partly"], row["no_show"]) == (1, 1, 1)


def test_booking_figures_by_agency_are_the_hand_counted_attendance(session_with_attendance):
    bookings = Booking.objects.filter(session=session_with_attendance)
    rows = selectors.booking_figures(bookings, ("agency__name", "agency__sector"))
    by_agency = {r["agency__name"]: r for r in rows}
    assert by_agency["Riverside Academy"] == {
        "agency__name": "Riverside Academy",
        "agency__sector": Sector.EDUCATION,
        "people": 2,
        "filled": 2,
        "waiting": 0,
        "attended": 1,
        "partly": 0,
        "no_show": 1,
    }
    assert by_agency["Community Health"] == {
        "agency__name": "Community Health",
        "agency__sector": Sector.HEALTH,
        "people": 2,
        "filled": 1,
        "waiting": 1,
        "attended": 0,
        "partly": 1,
        "no_show": 0,
    }


def test_booking_figures_by_sector(session_with_attendance):
    rows = selectors.booking_figures(Booking.objects.all(), ("agency__sector",))
    by_sector = {r["agency__sector"]: r for r in rows}
    assert (by_sector[Sector.EDUCATION]["attended"], by_sector[Sector.EDUCATION]["no_show"]) == (
        1,
        1,
    )
    assert (by_sector[Sector.HEALTH]["partly"], by_sector[Sector.HEALTH]["waiting"]) == (1, 1)


def test_cancelled_and_declined_bookings_are_left_out_of_the_figures(session_with_attendance):
    for status in (BookingStatus.CANCELLED, BookingStatus.DECLINED):
        BookingFactory(session=session_with_attendance, status=status)
    rows = selectors.booking_figures(Booking.objects.all(), ("session_id",))
    assert [(r["people"], r["filled"], r["waiting"]) for r in rows] == [(4, 3, 1)]


def test_places_filled_come_from_session_places_and_booking_figures(session_with_attendance):
    (places,) = selectors.session_places(TrainingSession.objects.all(), ("course_id",))
    (booked,) = selectors.booking_figures(Booking.objects.all(), ("session__course_id",))
    assert (places["sessions"], places["places"], booked["filled"]) == (1, 4, 3)
    assert round(100 * booked["filled"] / places["places"]) == 75


def test_confidence_figures_of_the_course(session_with_attendance):
    enrolments = Enrolment.objects.filter(course=session_with_attendance.course)
    (row,) = selectors.confidence_figures(enrolments, ("course_id",))
    assert (row["responses"], row["people"], row["rose"]) == (3, 3, 3)
    assert row["before_total"] / row["responses"] == 2
    assert row["after_total"] / row["responses"] == 4


def test_enrolment_certificate_and_dated_figures_by_agency(session_with_attendance):
    enrolment = Enrolment.objects.filter(agency__name="Riverside Academy").first()
    Certificate.objects.create(
        enrolment=enrolment,
        agency=enrolment.agency,
        learner_name="x",
        course_title="y",
        cpd_hours=1,
        completed_on=datetime.date(2026, 1, 1),
    )
    enrolled = {
        r["agency__name"]: r["enrolled"]
        for r in selectors.enrolment_figures(Enrolment.objects.all(), ("agency__name",))
    }
    assert enrolled == {"Riverside Academy": 2, "Community Health": 1}
    january = (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
    (completed,) = selectors.certificate_figures(
        Certificate.objects.all(),
        ("agency__name",),
        completed_between=january,
        expiring_between=january,
    )
    assert (completed["agency__name"], completed["completed"]) == ("Riverside Academy", 1)
    assert completed["completed"] * 100 // enrolled["Riverside Academy"] == 50
    later = Booking.objects.filter(
        session__starts_at__gte=session_with_attendance.starts_at + datetime.timedelta(days=1)
    )
    assert selectors.booking_figures(later, ("agency__name",)) == []


def test_session_rows_are_in_date_order():
    later = SessionFactory()
    earlier = SessionFactory(
        course=later.course,
        starts_at=later.starts_at - datetime.timedelta(days=90),
        booking_deadline=later.booking_deadline - datetime.timedelta(days=90),
        cancellation_cutoff=later.cancellation_cutoff - datetime.timedelta(days=90),
        ends_at=later.ends_at - datetime.timedelta(days=90),
    )
    rows = selectors.sessions_summary(TrainingSession.objects.filter(course=later.course))
    assert [r["session"] for r in rows] == [earlier, later]


# --- The old addresses ----------------------------------------------------------------------


@pytest.fixture(params=["staff", "partnership_admin", "superuser"])
def reader(request):
    return request.getfixturevalue(request.param)


def test_the_old_reports_page_moves_to_the_training_sessions_section(login, reader):
    response = login(reader).get(reverse("courses:reports"))
    assert response.status_code == 301
    assert response["Location"] == "/reports/#training-sessions"


def test_a_course_report_moves_to_the_course_drill_down(login, reader):
    session = SessionFactory()
    response = login(reader).get(reverse("courses:report_course", args=[session.course_id]))
    assert response.status_code == 301
    assert response["Location"] == f"/reports/?course={session.course_id}#training-sessions"


@pytest.mark.parametrize(
    "starts_at, day",
    [
        # 23:30 UTC in summer is 00:30 the next day in London: the day is the local one.
        (datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC), "2026-07-02"),
        (datetime.datetime(2026, 1, 15, 23, 30, tzinfo=datetime.UTC), "2026-01-15"),
    ],
)
def test_a_session_report_moves_to_its_course_on_the_day_it_ran(login, reader, starts_at, day):
    session = SessionFactory(starts_at=starts_at)
    response = login(reader).get(reverse("courses:report_session", args=[session.pk]))
    assert response.status_code == 301
    assert response["Location"] == (
        f"/reports/?start={day}&end={day}&course={session.course_id}#training-sessions"
    )


def test_the_redirects_land_on_the_filtered_training_sessions_section(login, staff):
    session = SessionFactory()
    day = timezone.localdate(session.starts_at)
    client = login(staff)
    for url, course, dates in (
        (reverse("courses:reports"), None, None),
        (reverse("courses:report_course", args=[session.course_id]), session.course, None),
        (reverse("courses:report_session", args=[session.pk]), session.course, (day, day)),
    ):
        response = client.get(url, follow=True)
        assert response.redirect_chain[0][1] == 301, url
        assert response.status_code == 200, url
        form = response.context["form"]
        assert not form.is_bound or form.is_valid(), (url, form.errors)
        filters = response.context["filters"]
        assert filters.course == course, url
        if dates:
            assert (filters.start, filters.end) == dates, url
        html = response.content.decode()
        assert 'id="training-sessions"' in html, url
        assert 'id="filters-not-used"' not in html, url


def test_old_csv_bookmarks_move_too_and_serve_no_file(login, staff):
    session = SessionFactory()
    client = login(staff)
    for url in (
        reverse("courses:reports"),
        reverse("courses:report_course", args=[session.course_id]),
        reverse("courses:report_session", args=[session.pk]),
    ):
        for fmt in ("csv", "xlsx", "<script>"):
            response = client.get(url, {"format": fmt})
            assert response.status_code == 301, (url, fmt)
            assert response["Location"].startswith("/reports/")
            assert "format" not in response["Location"]
            assert "Content-Disposition" not in response


def _old_urls(session) -> list[str]:
    return [
        reverse("courses:reports"),
        reverse("courses:report_course", args=[session.course_id]),
        reverse("courses:report_session", args=[session.pk]),
    ]


@pytest.mark.parametrize("role", ["practitioner", "supervisor"])
def test_the_old_addresses_are_not_found_for_other_roles(login, role, practitioner, supervisor):
    session = SessionFactory()
    client = login({"practitioner": practitioner, "supervisor": supervisor}[role])
    for url in _old_urls(session):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Location" not in response


def test_the_old_addresses_send_anonymous_people_to_sign_in(client):
    session = SessionFactory()
    for url in _old_urls(session):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url
        assert "next=" in response["Location"]


@pytest.mark.parametrize("name", ["courses:report_session", "courses:report_course"])
@pytest.mark.parametrize("object_id", [HUGE_ID, 10**30, 999999])
def test_unknown_and_huge_ids_are_not_found(login, staff, name, object_id):
    response = login(staff).get(reverse(name, args=[object_id]))
    assert response.status_code == 404


# --- Navigation and the admin ---------------------------------------------------------------


def test_the_nav_has_no_training_reports_item_and_keeps_reports(login, staff, practitioner):
    staff_html = login(staff).get(reverse("dashboard")).content.decode()
    assert "Training reports" not in staff_html
    assert "/learning/reports/" not in staff_html
    assert 'href="/reports/">Reports</a>' in staff_html
    practitioner_html = login(practitioner).get(reverse("dashboard")).content.decode()
    assert "Training reports" not in practitioner_html
    assert 'href="/reports/"' not in practitioner_html


def test_staff_manage_sessions_in_the_admin_and_practitioners_cannot(login, staff, practitioner):
    session = SessionFactory()
    client = login(staff)
    assert client.get("/admin/training_sessions/").status_code == 200
    response = client.get(f"/admin/training_sessions/edit/{session.pk}/")
    assert response.status_code == 200
    assert login(practitioner).get("/admin/training_sessions/").status_code in (302, 403)
