"""Training reports for partnership staff, their CSV exports and the shared selectors."""

import datetime

import pytest
from django.urls import reverse

from courses import selectors
from courses.models import Attendance, BookingStatus, Enrolment, TrainingSession
from elearning.accounts.models import Sector
from tests.factories import AgencyFactory, UserFactory

from .factories import BookingFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session_with_attendance():
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
    BookingFactory(session=session, status=BookingStatus.WAITING)
    return session


def test_selectors_summarise_places_waiting_and_attendance(session_with_attendance):
    sessions = TrainingSession.objects.all()
    (row,) = selectors.sessions_summary(sessions)
    assert (row["booked"], row["waiting"], row["filled_percent"]) == (3, 1, 75)
    assert selectors.places_filled(sessions)["filled_percent"] == 75
    by_agency = {r["agency"]: r for r in selectors.attendance_by_agency(sessions)}
    assert by_agency["Riverside Academy"]["no_show"] == 1
    assert by_agency["Riverside Academy"]["sector"] == "Education"
    assert by_agency["Community Health"]["partly"] == 1
    by_sector = {r["sector"]: r for r in selectors.attendance_by_sector(sessions)}
    assert by_sector["Education"]["attended"] == 1
    confidence = selectors.session_confidence(session_with_attendance)
    assert (confidence["before"], confidence["after"], confidence["responses"]) == (2, 4, 3)


def test_staff_see_the_reports_and_download_csv(login, staff, session_with_attendance):
    client = login(staff)
    html = client.get(reverse("courses:reports")).content.decode()
    assert "75% of places filled" in html
    html = client.get(
        reverse("courses:report_session", args=[session_with_attendance.pk])
    ).content.decode()
    assert "Riverside Academy" in html
    assert 'id="confidence-after">4.0' in html
    response = client.get(
        reverse("courses:report_course", args=[session_with_attendance.course_id]),
        {"format": "csv"},
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("Agency,Sector,Booked")
    assert "Riverside Academy,Education,2,1,0,1" in lines
    response = client.get(reverse("courses:reports"), {"format": "csv"})
    assert ",75," in response.content.decode()


def test_csv_neutralises_spreadsheet_formulas(login, staff):
    agency = AgencyFactory(name="=HYPERLINK(evil)")
    session = SessionFactory()
    BookingFactory(session=session, user=UserFactory(agency=agency))
    response = login(staff).get(
        reverse("courses:report_session", args=[session.pk]), {"format": "csv"}
    )
    assert "'=HYPERLINK(evil)" in response.content.decode()


@pytest.mark.parametrize("role", ["practitioner", "supervisor"])
def test_reports_are_refused_to_other_roles(login, role, practitioner, supervisor):
    session = SessionFactory()
    client = login({"practitioner": practitioner, "supervisor": supervisor}[role])
    for url in (
        reverse("courses:reports"),
        reverse("courses:report_session", args=[session.pk]),
        reverse("courses:report_course", args=[session.course_id]) + "?format=csv",
    ):
        assert client.get(url).status_code == 403


def test_partnership_admins_see_reports(login, partnership_admin):
    assert login(partnership_admin).get(reverse("courses:reports")).status_code == 200


def test_reports_nav_item_shows_only_to_staff(login, staff, practitioner):
    assert "Training reports" in login(staff).get(reverse("dashboard")).content.decode()
    assert "Training reports" not in login(practitioner).get(reverse("dashboard")).content.decode()


def test_staff_manage_sessions_in_the_admin_and_practitioners_cannot(login, staff, practitioner):
    session = SessionFactory()
    client = login(staff)
    assert client.get("/admin/training_sessions/").status_code == 200
    response = client.get(f"/admin/training_sessions/edit/{session.pk}/")
    assert response.status_code == 200
    assert login(practitioner).get("/admin/training_sessions/").status_code in (302, 403)


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


def test_training_measures_bring_the_partnership_figures_together(session_with_attendance):
    from courses.models import Certificate

    enrolment = Enrolment.objects.filter(agency__name="Riverside Academy").first()
    Certificate.objects.create(
        enrolment=enrolment,
        learner_name="x",
        course_title="y",
        cpd_hours=1,
        completed_on=datetime.date(2026, 1, 1),
    )
    measures = selectors.training_measures()
    assert measures["places"]["filled_percent"] == 75
    completion = {r["agency"]: r for r in measures["completion_by_agency"]}
    assert (
        completion["Riverside Academy"]["enrolled"],
        completion["Riverside Academy"]["completed"],
    ) == (2, 1)
    assert completion["Riverside Academy"]["completed_percent"] == 50
    assert measures["confidence"]["after"] == 4
    later = selectors.training_measures(
        since=session_with_attendance.starts_at + datetime.timedelta(days=1)
    )
    assert later["places"]["filled"] == 0
