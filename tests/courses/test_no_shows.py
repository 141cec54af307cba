"""Reasons for not attending, the charge per no-show kept as it was when the register was
marked, the quarterly file per agency, and no-shows by reason in the partnership reports."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import (
    AbsenceReason,
    Attendance,
    Booking,
    PartAttendance,
    SessionPart,
    TrainingSettings,
)
from courses.services.no_shows import ReasonGiven
from elearning.accounts.models import Sector
from tests.factories import AgencyFactory, UserFactory

from .factories import BookingFactory, SessionFactory, make_course, started_session

pytestmark = pytest.mark.django_db


def _charge(amount):
    settings = TrainingSettings.load()
    settings.no_show_charge = amount
    settings.save()


def _two_part_session():
    """A session whose two parts have both started, so one can be ticked and the other not."""
    session = started_session(starts_at=timezone.now() - datetime.timedelta(hours=6))
    first = session.parts.get()
    SessionPart.objects.create(
        session=session,
        sort_order=1,
        starts_at=first.ends_at + datetime.timedelta(minutes=30),
        ends_at=first.ends_at + datetime.timedelta(hours=2),
    )
    return session


def _marks(booking, attendance) -> dict:
    """The register's per-part ticks that give ``booking`` the overall ``attendance``:
    every part for attended, the first of two for partly, none for did not attend, and no
    marks at all for not marked."""
    parts = list(booking.session.parts.order_by("sort_order", "starts_at"))
    if attendance == Attendance.ATTENDED:
        ticked = parts
    elif attendance == Attendance.PARTLY:
        assert len(parts) > 1, "partly attending needs a session with more than one part"
        ticked = parts[:1]
    elif attendance == Attendance.NO_SHOW:
        ticked = []
    else:
        return {}
    return {(booking.pk, part.pk): part in ticked for part in parts}


def _mark(staff, booking, attendance, reason="", note=""):
    count = services.attendance_record(
        session=booking.session,
        marked_by=staff,
        marks=_marks(booking, attendance),
        reasons={booking.pk: ReasonGiven(reason, note)},
    )
    booking.refresh_from_db()
    assert booking.attendance == attendance
    return count


# --- Reasons and charges -------------------------------------------------------------------


def test_a_no_show_is_charged_what_the_setting_was_when_marked(staff):
    _charge(Decimal("50.00"))
    booking = BookingFactory(session=started_session())
    _mark(staff, booking, Attendance.NO_SHOW, AbsenceReason.NO_REASON)
    _charge(Decimal("90.00"))
    # Saving the register again with nothing changed keeps the charge made at the time.
    _mark(staff, booking, Attendance.NO_SHOW, AbsenceReason.NO_REASON)
    booking.refresh_from_db()
    assert booking.absence_reason == AbsenceReason.NO_REASON
    assert booking.no_show_charge == Decimal("50.00")


@pytest.mark.parametrize("reason", [AbsenceReason.ILL, AbsenceReason.WORK_EMERGENCY])
def test_illness_and_work_emergencies_waive_the_charge(staff, reason):
    _charge(Decimal("60.00"))
    booking = BookingFactory(session=started_session())
    _mark(staff, booking, Attendance.NO_SHOW, reason)
    booking.refresh_from_db()
    assert booking.no_show_charge is None and booking.absence_reason == reason


def test_changing_the_reason_to_illness_takes_the_charge_off(staff):
    _charge(Decimal("60.00"))
    booking = BookingFactory(session=started_session())
    _mark(staff, booking, Attendance.NO_SHOW, "")
    booking.refresh_from_db()
    assert booking.no_show_charge == Decimal("60.00")  # no reason recorded yet is charged
    _mark(staff, booking, Attendance.NO_SHOW, AbsenceReason.ILL)
    booking.refresh_from_db()
    assert booking.no_show_charge is None


def test_partly_attending_has_a_reason_but_no_charge(staff):
    _charge(Decimal("60.00"))
    booking = BookingFactory(session=_two_part_session())
    _mark(staff, booking, Attendance.PARTLY, AbsenceReason.OTHER, "Left at lunch for a case")
    booking.refresh_from_db()
    assert (booking.absence_reason, booking.absence_note) == ("other", "Left at lunch for a case")
    assert booking.no_show_charge is None


def test_no_charge_is_recorded_when_the_partnership_charges_nothing(staff):
    booking = BookingFactory(session=started_session())
    _mark(staff, booking, Attendance.NO_SHOW, AbsenceReason.NO_REASON)
    booking.refresh_from_db()
    assert booking.no_show_charge is None


def test_marking_attended_later_clears_the_reason_and_charge(staff):
    _charge(Decimal("60.00"))
    booking = BookingFactory(session=started_session())
    _mark(staff, booking, Attendance.NO_SHOW, AbsenceReason.CANCELLED_LATE)
    services.attendance_record(
        session=booking.session, marked_by=staff, marks=_marks(booking, Attendance.ATTENDED)
    )
    booking.refresh_from_db()
    assert booking.attendance == Attendance.ATTENDED
    assert (booking.absence_reason, booking.no_show_charge) == ("", None)


@pytest.mark.parametrize(
    ("attendance", "reason", "note", "message"),
    [
        (Attendance.ATTENDED, AbsenceReason.ILL, "", "leave their reason and note blank"),
        ("", AbsenceReason.ILL, "", "leave their reason and note blank"),
        (Attendance.NO_SHOW, AbsenceReason.OTHER, "", "Say in the note what the other reason"),
        (Attendance.NO_SHOW, "", "Rang in", "Choose a reason for"),
        (Attendance.NO_SHOW, "bored", "", "Reload it and try again"),
        (Attendance.NO_SHOW, AbsenceReason.OTHER, "x" * 201, "200 characters or fewer"),
    ],
)
def test_reasons_breaking_a_rule_refuse_the_whole_register(
    staff, attendance, reason, note, message
):
    session = started_session()
    fine = BookingFactory(session=session)
    wrong = BookingFactory(session=session)
    with pytest.raises(services.CourseRefusal) as refusal:
        services.attendance_record(
            session=session,
            marked_by=staff,
            marks={**_marks(fine, Attendance.ATTENDED), **_marks(wrong, attendance)},
            reasons={wrong.pk: ReasonGiven(reason, note)},
        )
    assert message in str(refusal.value)
    assert set(Booking.objects.values_list("attendance", "absence_reason")) == {("", "")}
    assert not PartAttendance.objects.exists()


def test_a_reason_for_a_booking_not_on_the_register_is_refused(staff):
    session = started_session()
    elsewhere = BookingFactory()
    with pytest.raises(services.CourseRefusal):
        services.attendance_record(
            session=session,
            marked_by=staff,
            marks={},
            reasons={elsewhere.pk: ReasonGiven(AbsenceReason.ILL, "")},
        )


def test_the_register_page_saves_reasons_and_shows_refusals(login, staff):
    _charge(Decimal("75.00"))
    booking = BookingFactory(session=started_session())
    cell = f"{booking.pk}-{booking.session.parts.get().pk}"
    url = reverse("courses:register", args=[booking.session_id])
    client = login(staff)
    page = client.get(url).content.decode()
    # Each person on the register has a reason select and a note.
    assert (
        f'<select class="govuk-select" id="reason-{booking.pk}" name="reason-{booking.pk}">' in page
    )
    assert f'name="note-{booking.pk}"' in page
    response = client.post(
        url,
        {
            "marked": [cell],  # shown and left unticked: did not attend
            f"reason-{booking.pk}": AbsenceReason.CANCELLED_LATE,
            f"note-{booking.pk}": "E-mailed at 9:00",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Register saved" in page
    assert "Charge to their agency: £75.00" in page
    assert '<option value="cancelled_late" selected>' in page
    assert 'value="E-mailed at 9:00"' in page
    booking.refresh_from_db()
    assert booking.attendance == Attendance.NO_SHOW
    assert (booking.absence_reason, booking.absence_note) == ("cancelled_late", "E-mailed at 9:00")
    assert booking.no_show_charge == Decimal("75.00")

    response = client.post(
        url, {"marked": [cell], "attended": [cell], f"reason-{booking.pk}": "ill"}
    )
    assert "leave their reason and note blank" in response.content.decode()
    booking.refresh_from_db()
    assert booking.attendance == Attendance.NO_SHOW
    assert not PartAttendance.objects.get().attended


# --- The quarterly file --------------------------------------------------------------------


def _held(day: datetime.date, course):
    starts = timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 10))
    return SessionFactory(
        course=course,
        starts_at=starts,
        booking_deadline=starts - datetime.timedelta(days=3),
        cancellation_cutoff=starts - datetime.timedelta(days=2),
    )


@pytest.fixture
def quarter_of_no_shows(staff):
    """In 2026 Q3 the school had two no-shows (one charged £50, one ill) and one attendance;
    a health trust had one no-show; the school had another no-show in Q4."""
    school = AgencyFactory(name="Hill School", sector=Sector.EDUCATION)
    trust = AgencyFactory(name="Health Trust", sector=Sector.HEALTH)
    course = make_course(title="=Neglect day", steps=0)
    july, august = (
        _held(datetime.date(2026, 7, 14), course),
        _held(datetime.date(2026, 8, 4), course),
    )
    october = _held(datetime.date(2026, 10, 6), course)
    _charge(Decimal("50.00"))
    people = {
        "charged": UserFactory(agency=school, first_name="=HYPERLINK(1)", last_name="Ames"),
        "ill": UserFactory(agency=school, first_name="Bea", last_name="Cole"),
        "came": UserFactory(agency=school),
        "trust": UserFactory(agency=trust),
    }
    marks = [
        (july, people["charged"], Attendance.NO_SHOW, AbsenceReason.NO_REASON),
        (august, people["ill"], Attendance.NO_SHOW, AbsenceReason.ILL),
        (august, people["came"], Attendance.ATTENDED, ""),
        (july, people["trust"], Attendance.NO_SHOW, AbsenceReason.NO_REASON),
        (october, people["ill"], Attendance.NO_SHOW, AbsenceReason.NO_REASON),
    ]
    for session, user, attendance, reason in marks:
        booking = BookingFactory(session=session, user=user)
        _mark(staff, booking, attendance, reason)
    return school, trust


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_staff_download_one_agencys_quarter_with_a_total(login, staff, quarter_of_no_shows):
    school, _trust = quarter_of_no_shows
    url = reverse("courses:no_shows_csv", args=[2026, 3, school.pk])
    response = login(staff).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _rows(response)
    assert rows[0] == ["Course", "Session date", "Name", "Reason", "Note", "Charge (£)"]
    assert rows[1:] == [
        ["'=Neglect day", "2026-07-14", "'=HYPERLINK(1) Ames", "No reason given", "", "50.00"],
        ["'=Neglect day", "2026-08-04", "Bea Cole", "Ill", "", "0.00"],
        ["Total", "", "2 did not attend", "", "", "50.00"],
    ]


def test_the_file_page_sends_staff_to_the_file_they_chose(login, staff, quarter_of_no_shows):
    school, _trust = quarter_of_no_shows
    client = login(staff)
    page = client.get(reverse("courses:no_shows"))
    assert page.status_code == 200
    quarter = page.context["form"].fields["quarter"].choices[1][0]
    response = client.get(reverse("courses:no_shows"), {"quarter": quarter, "agency": school.pk})
    year, q = quarter.split("-q")
    assert response["Location"] == reverse(
        "courses:no_shows_csv", args=[int(year), int(q), school.pk]
    )


def test_the_file_page_names_each_field_put_wrong(login, staff):
    response = login(staff).get(reverse("courses:no_shows"), {"quarter": "1999-q9", "agency": "x"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose a quarter from the list." in page
    assert "Choose an agency from the list." in page


@pytest.mark.parametrize(
    ("year", "quarter", "agency", "message"),
    [
        (2026, 5, None, "There is no quarter 2026 Q5"),
        (1850, 1, None, "There is no quarter 1850 Q1"),
        (2026, 3, 999999, "There is no such agency"),
        (2026, 3, 99999999999999999999, "There is no such agency"),
    ],
)
def test_a_tampered_address_is_a_clear_404(login, staff, year, quarter, agency, message):
    agency = agency or AgencyFactory().pk
    url = reverse("courses:no_shows_csv", args=[year, quarter, agency])
    response = login(staff).get(url)
    assert response.status_code == 404
    assert message in response.content.decode()


def test_nobody_but_partnership_staff_gets_the_file(
    login, practitioner, supervisor, partnership_admin, quarter_of_no_shows
):
    school, _trust = quarter_of_no_shows
    url = reverse("courses:no_shows_csv", args=[2026, 3, school.pk])
    for user in (practitioner, supervisor, partnership_admin):
        assert login(user).get(url).status_code == 404
        assert login(user).get(reverse("courses:no_shows")).status_code == 404


# --- The partnership reports ---------------------------------------------------------------


def test_reports_show_no_shows_by_agency_and_reason_through_disclosure(login, staff):
    school = AgencyFactory(name="Hill School", sector=Sector.EDUCATION)
    session = started_session()
    for i in range(8):
        booking = BookingFactory(session=session, user=UserFactory(agency=school))
        _mark(staff, booking, Attendance.NO_SHOW, AbsenceReason.ILL if i < 6 else "")
    response = login(staff).get(reverse("reports:index"))
    result = next(r for s, r in response.context["sections"] if s.slug == "training-sessions")
    table = next(t for t in result.tables if t.id == "no-shows-by-agency")
    row = next(r for r in table.rows if r["agency"] == "Hill School")
    assert row["no_shows"] == 10  # 8, rounded to the nearest 5
    assert row["reason_ill"] == 5  # 6, rounded
    assert str(row["reason_not_recorded"]) == "[c]"  # 2: withheld
    assert row["reason_other"] == 0
