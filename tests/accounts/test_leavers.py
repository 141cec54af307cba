"""Leavers: a partnership admin marks a person as having left; their account closes, their
sessions end, their future places go to the people waiting, and their record is kept. Long
after, ``anonymise_leavers`` removes what identifies them but keeps the figures."""

import csv
import datetime
import io

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses import services as course_services
from courses.models import Attendance, Booking, BookingStatus, Certificate, Enrolment
from elearning.accounts.models import ManagerLink, ManagerLinkEnd, User
from elearning.accounts.selectors import confirmed_manager
from elearning.accounts.services import AccountRefusal, leaver_anonymise, person_leave
from elearning.core.forms import date_data
from tests.accounts.test_email_change import signed_in_client
from tests.courses.factories import BookingFactory, EnrolmentFactory, SessionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


def _certificate(user, **fields):
    enrolment = EnrolmentFactory(user=user)
    return Certificate.objects.create(
        enrolment=enrolment,
        agency=enrolment.agency,
        learner_name=user.get_full_name(),
        course_title=enrolment.course.title,
        cpd_hours=fields.pop("cpd_hours", 3),
        completed_on=fields.pop("completed_on", timezone.localdate()),
        **fields,
    )


def test_an_admin_marks_a_leaver_and_everything_follows(login, partnership_admin, mailoutbox):
    leaver, waiting = UserFactory(), UserFactory()
    browser = signed_in_client(leaver)
    assert UserSession.objects.filter(user=leaver).exists()
    full = SessionFactory(capacity=1)
    place = course_services.booking_create(session=full, user=leaver)
    queued = course_services.booking_create(session=full, user=waiting)
    past = SessionFactory(starts_at=timezone.now() - datetime.timedelta(days=30))
    attended = BookingFactory(session=past, user=leaver, attendance=Attendance.ATTENDED)
    certificate = _certificate(leaver)
    mailoutbox.clear()

    url = reverse("leavers:person_leave", args=[leaver.pk])
    admin = login(partnership_admin)
    assert admin.get(url).status_code == 200
    response = admin.post(url, date_data("left_on", timezone.localdate()))
    assert response.status_code == 302

    leaver.refresh_from_db()
    assert not leaver.is_active and leaver.left_on == timezone.localdate()
    # Signed out everywhere, and cannot sign in again.
    assert not UserSession.objects.filter(user=leaver).exists()
    assert browser.get(reverse("dashboard")).status_code == 302
    # The future place went to the person waiting, who is told; the leaver is not e-mailed.
    assert Booking.objects.get(pk=place.pk).status == BookingStatus.CANCELLED
    assert Booking.objects.get(pk=queued.pk).status == BookingStatus.BOOKED
    assert [m.to for m in mailoutbox] == [[waiting.email]]
    # The record is kept.
    assert Booking.objects.get(pk=attended.pk).attendance == Attendance.ATTENDED
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_future_places_are_given_up_even_after_the_cancellation_cut_off(partnership_admin):
    leaver = UserFactory()
    soon = SessionFactory(
        starts_at=timezone.now() + datetime.timedelta(hours=12),
        booking_deadline=timezone.now() - datetime.timedelta(days=1),
        cancellation_cutoff=timezone.now() - datetime.timedelta(hours=1),
    )
    booking = BookingFactory(session=soon, user=leaver)
    person_leave(by=partnership_admin, user=leaver, left_on=timezone.localdate())
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CANCELLED


def test_only_partnership_admins_reach_the_screen(login, staff, supervisor, practitioner):
    person = UserFactory()
    url = reverse("leavers:person_leave", args=[person.pk])
    # Staff reach the admin and are sent back to its home page; the others are refused it.
    for user, status in ((staff, 302), (supervisor, 403), (practitioner, 403)):
        response = login(user).post(url, date_data("left_on", timezone.localdate()))
        assert response.status_code == status
    person.refresh_from_db()
    assert person.is_active and person.left_on is None


def test_nobody_marks_themselves_as_left(login, partnership_admin):
    url = reverse("leavers:person_leave", args=[partnership_admin.pk])
    response = login(partnership_admin).post(url, date_data("left_on", timezone.localdate()))
    assert response.status_code == 200
    assert "cannot mark yourself" in response.content.decode()
    partnership_admin.refresh_from_db()
    assert partnership_admin.is_active and partnership_admin.left_on is None
    with pytest.raises(AccountRefusal):
        person_leave(by=partnership_admin, user=partnership_admin, left_on=timezone.localdate())


def test_the_service_refuses_non_admins_and_future_dates(staff, partnership_admin):
    person = UserFactory()
    with pytest.raises(AccountRefusal):
        person_leave(by=staff, user=person, left_on=timezone.localdate())
    with pytest.raises(AccountRefusal):
        person_leave(
            by=partnership_admin,
            user=person,
            left_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    person.refresh_from_db()
    assert person.is_active and person.left_on is None


def _leaver(partnership_admin, *, years_ago: float):
    person = UserFactory(job_title="Health visitor", confirmed_manager=UserFactory())
    person_leave(
        by=partnership_admin,
        user=person,
        left_on=timezone.localdate() - datetime.timedelta(days=round(365.25 * years_ago)),
    )
    return person


def test_dry_run_lists_and_changes_nothing(partnership_admin):
    old = _leaver(partnership_admin, years_ago=7)
    before = User.objects.get(pk=old.pk)
    out = io.StringIO()
    call_command("anonymise_leavers", stdout=out)
    assert f"Person {old.pk} left on" in out.getvalue()
    assert "Dry run" in out.getvalue()
    after = User.objects.get(pk=old.pk)
    assert (after.email, after.first_name, after.anonymised_at) == (
        before.email,
        before.first_name,
        None,
    )


def test_apply_anonymises_only_people_past_the_period_and_keeps_the_figures(
    partnership_admin, settings
):
    settings.LEAVER_RETENTION_YEARS = 6
    old = _leaver(partnership_admin, years_ago=7)
    recent = _leaver(partnership_admin, years_ago=2)
    EmailAddress.objects.get_or_create(user=old, email=old.email, defaults={"verified": True})
    assert EmailAddress.objects.filter(user=recent).exists() or EmailAddress.objects.create(
        user=recent, email=recent.email, verified=True
    )
    certificate = _certificate(old)
    agency = old.agency
    enrolments = Enrolment.objects.filter(agency=agency).count()

    call_command("anonymise_leavers", "--apply", stdout=io.StringIO())

    old.refresh_from_db()
    assert old.first_name == old.last_name == old.job_title == ""
    assert old.email == f"left-{old.pk}@anonymised.invalid"
    assert confirmed_manager(old) is None and old.anonymised_at is not None
    assert not old.has_usable_password()
    assert not EmailAddress.objects.filter(user=old).exists()
    # Learning records and the agency they count under stay; the name on them goes.
    certificate.refresh_from_db()
    assert certificate.code and certificate.agency == agency
    assert certificate.learner_name != ""
    assert Enrolment.objects.filter(agency=agency).count() == enrolments
    # Someone who left two years ago is untouched.
    recent.refresh_from_db()
    assert recent.first_name and recent.job_title
    # Leaving ended the relationship; its history stays.
    assert ManagerLink.objects.filter(
        learner=recent, end_reason=ManagerLinkEnd.ACCOUNT_CLOSED
    ).exists()
    assert EmailAddress.objects.filter(user=recent).exists()
    # Running again changes nothing more.
    out = io.StringIO()
    call_command("anonymise_leavers", "--apply", stdout=out)
    assert "Anonymised 0 person(s)" in out.getvalue()


def test_only_leavers_are_anonymised(practitioner):
    with pytest.raises(AccountRefusal):
        leaver_anonymise(user=practitioner)


# --- Own learning record ---------------------------------------------------------------------


def test_own_learning_record_as_csv_never_includes_anyone_else(login, practitioner):
    mine = _certificate(
        practitioner, cpd_hours=3, expires_on=timezone.localdate() + datetime.timedelta(days=90)
    )
    past = SessionFactory(starts_at=timezone.now() - datetime.timedelta(days=10))
    BookingFactory(session=past, user=practitioner, attendance=Attendance.ATTENDED)
    someone = UserFactory()
    theirs = _certificate(someone)
    BookingFactory(session=past, user=someone, attendance=Attendance.ATTENDED)

    response = login(practitioner).get(reverse("courses:learning_record", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["What", "Course", "Date", "Certificate code"]
    completed = [r for r in rows if r[0] == "Course completed"]
    assert completed == [
        [
            "Course completed",
            mine.course_title,
            mine.completed_on.isoformat(),
            mine.code,
            mine.expires_on.isoformat(),
            "Current",
            "3.0",
        ]
    ]
    assert [r[0] for r in rows[1:]].count("Session attended") == 1
    assert theirs.code not in response.content.decode()


def test_own_learning_record_as_pdf(login, practitioner):
    _certificate(practitioner)
    response = login(practitioner).get(reverse("courses:learning_record", args=["pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_learning_record_needs_signing_in_and_a_known_format(login, practitioner):
    url = reverse("courses:learning_record", args=["csv"])
    assert Client().get(url).status_code == 302
    assert login(practitioner).get(url.replace(".csv", ".xls")).status_code == 404
