"""A person who moves agency keeps last year's figures under the agency they were with."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import services as course_services
from courses.models import Attendance, Booking
from elearning.accounts.models import Sector
from elearning.accounts.services import profile_update
from tests.courses.factories import SessionFactory, make_course
from tests.factories import AgencyFactory, UserFactory
from tests.quizzes.factories import GOOD_PATH, attempt_complete, quiz_create
from tests.reports.helpers import figures_of, rows_by, section

pytestmark = pytest.mark.django_db


def test_movers_keep_their_figures_under_the_old_agency(login, staff):
    old = AgencyFactory(name="Old Trust", sector=Sector.HEALTH)
    new = AgencyFactory(name="New School", sector=Sector.EDUCATION)
    # Five people, so the figures are not hidden as small numbers.
    people = [UserFactory(agency=old) for _ in range(5)]
    course = make_course(title="Neglect essentials", steps=0, require_evaluation=False)
    quiz = quiz_create(title="Sam's story")
    session = SessionFactory(starts_at=timezone.now() + datetime.timedelta(days=5), capacity=10)
    for person in people:
        enrolment = course_services.enrolment_create(
            user=person, course=course, confidence_before=2
        )
        course_services.certificate_issue_if_complete(enrolment=enrolment)
        attempt_complete(person, quiz, GOOD_PATH)
        course_services.booking_create(session=session, user=person)
    # The session happened; everyone attended.
    Booking.objects.filter(session=session).update(attendance=Attendance.ATTENDED)
    type(session).objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=1),
        ends_at=timezone.now() - datetime.timedelta(hours=20),
        booking_deadline=timezone.now() - datetime.timedelta(days=3),
        cancellation_cutoff=timezone.now() - datetime.timedelta(days=2),
    )

    # Everyone moves to the school afterwards.
    for person in people:
        profile_update(
            user=person,
            first_name=person.first_name,
            last_name=person.last_name,
            agency=new,
            job_title="Teacher",
        )

    response = login(staff).get(reverse("reports:index"))
    reach = rows_by(section(response, "training-reach"), "completions-by-agency", "agency")
    assert reach["Old Trust"]["completed_people"] == 5
    assert "New School" not in reach
    quizzes = rows_by(section(response, "quizzes"), "attempts-by-agency", "agency")
    assert quizzes["Old Trust"]["people"] == 5 and "New School" not in quizzes
    sessions = rows_by(section(response, "training-sessions"), "attendance-by-agency", "agency")
    assert "Old Trust" in sessions and "New School" not in sessions

    # Narrowed to the new agency (five people) no figures are shown at all.
    response = login(staff).get(reverse("reports:index"), {"agency": new.pk})
    result = section(response, "training-reach")
    assert result.withheld.startswith("Fewer than 20 people are counted")
    assert result.tables == []


def test_movers_figures_are_not_counted_under_the_new_agency(login, staff, settings):
    """With the threshold at 5 the new agency (five people) is shown: none of the training
    they did before they moved is counted there."""
    old = AgencyFactory(name="Old Trust", sector=Sector.HEALTH)
    new = AgencyFactory(name="New School", sector=Sector.EDUCATION)
    people = [UserFactory(agency=old) for _ in range(5)]
    course = make_course(title="Neglect essentials", steps=0, require_evaluation=False)
    for person in people:
        enrolment = course_services.enrolment_create(
            user=person, course=course, confidence_before=2
        )
        course_services.certificate_issue_if_complete(enrolment=enrolment)
        profile_update(
            user=person,
            first_name=person.first_name,
            last_name=person.last_name,
            agency=new,
            job_title="Teacher",
        )
    settings.REPORTS_MIN_PEOPLE_FOR_RATES = 5
    response = login(staff).get(reverse("reports:index"), {"agency": new.pk})
    result = section(response, "training-reach")
    assert result.withheld == ""
    assert not rows_by(result, "completions-by-agency", "agency")
    assert figures_of(result)["People who completed a course"] == 0


def test_the_services_store_the_agency_at_the_time():
    person = UserFactory()
    course = make_course(steps=0, require_evaluation=False)
    enrolment = course_services.enrolment_create(user=person, course=course, confidence_before=2)
    certificate = course_services.certificate_issue_if_complete(enrolment=enrolment)
    booking = course_services.booking_create(session=SessionFactory(), user=person)
    attempt = attempt_complete(person, quiz_create(), GOOD_PATH)
    assert {enrolment.agency, certificate.agency, booking.agency, attempt.agency} == {person.agency}
