"""A small partnership whose every report figure can be counted by hand.

Three agencies: Health Trust (six people, h[0]..h[5]), Hill School (three, s[0]..s[2]) and
Police Force (one, p). The comments say what each record contributes to the figures.
"""

import copy
import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from courses.models import (
    Attendance,
    BookingStatus,
    Certificate,
    DeliveryMode,
    Enrolment,
)
from elearning.accounts.models import Sector, User
from tests.courses.factories import BookingFactory, SessionFactory, make_course
from tests.factories import AgencyFactory, UserFactory, role_user
from tests.library.factories import briefing, guide, team_use
from tests.quizzes.factories import GOOD_PATH, POOR_PATH, attempt_complete, quiz_create
from tests.supervision.factories import make_agreement, make_record

from .helpers import built_once

DAY = datetime.timedelta(days=1)


@pytest.fixture
def people(db):
    """Six people in a health trust, three in a school, one in the police who joined long ago
    (hand-countable)."""
    health = AgencyFactory(name="Health Trust", sector=Sector.HEALTH)
    school = AgencyFactory(name="Hill School", sector=Sector.EDUCATION)
    police = AgencyFactory(name="Police Force", sector=Sector.POLICE)
    UserFactory.create_batch(6, agency=health)
    UserFactory.create_batch(3, agency=school)
    old = UserFactory(agency=police)
    User.objects.filter(pk=old.pk).update(date_joined=timezone.now() - 800 * DAY)
    return {"health": health, "school": school, "police": police}


def _enrol(user, course, *, before, after=None, evaluated=None, enrolled=None):
    return Enrolment.objects.create(
        user=user,
        course=course,
        agency=user.agency,
        enrolled_at=enrolled or timezone.now(),
        confidence_before=before,
        confidence_after=after,
        evaluated_at=evaluated,
    )


def _certify(enrolment, *, expires, completed=None):
    Certificate.objects.create(
        enrolment=enrolment,
        agency=enrolment.agency,
        learner_name=enrolment.user.get_full_name(),
        course_title=enrolment.course.title,
        cpd_hours=1,
        completed_on=completed or timezone.localdate(),
        expires_on=expires,
    )


def build_world():
    now, today = timezone.now(), timezone.localdate()
    long_ago = now - 800 * DAY
    health = AgencyFactory(name="Health Trust", sector=Sector.HEALTH)
    school = AgencyFactory(name="Hill School", sector=Sector.EDUCATION)
    police = AgencyFactory(name="Police Force", sector=Sector.POLICE)
    h = [UserFactory(agency=health) for _ in range(6)]
    s = [UserFactory(agency=school) for _ in range(3)]
    p = UserFactory(agency=police)

    # Training reach and confidence. Essentials: everyone but p enrolled now; h[0..4] and
    # s[0..1] finished (certificates today, h[0..1]'s expiring in 30 days) and rated their
    # confidence 2 -> 4 (health) and 3 -> 3 (school). Chronology: p finished long ago; the
    # certificate expires in 10 days.
    essentials = make_course(title="Neglect essentials", refresher_months=36)
    chronology = make_course(title="Keeping a chronology")
    for i, user in enumerate(h):
        done = i < 5
        enrolment = _enrol(
            user,
            essentials,
            before=2 if done else 3,
            after=4 if done else None,
            evaluated=now if done else None,
        )
        if done:
            _certify(enrolment, expires=today + (30 if i < 2 else 1000) * DAY)
    for i, user in enumerate(s):
        done = i < 2
        enrolment = _enrol(
            user, essentials, before=3, after=3 if done else None, evaluated=now if done else None
        )
        if done:
            _certify(enrolment, expires=today + 1000 * DAY)
    enrolment = _enrol(p, chronology, before=1, after=5, evaluated=long_ago, enrolled=long_ago)
    _certify(enrolment, completed=long_ago.date(), expires=today + 10 * DAY)

    # Sessions. Ten days ago, 10 places: h[0..2] attended, h[3] partly, h[4] and s[0] did
    # not come, s[1] waited, s[2] cancelled. Twenty days ago, 4 places: p attended, h[5]
    # awaits approval. In 20 days: h[0] booked (outside the default dates).
    workshop = make_course(
        title="Multi-agency workshop", delivery_mode=DeliveryMode.FACE_TO_FACE, steps=0
    )
    recent = SessionFactory(course=workshop, starts_at=now - 10 * DAY, capacity=10)
    marks = [Attendance.ATTENDED] * 3 + [Attendance.PARTLY, Attendance.NO_SHOW]
    for user, mark in zip(h[:5], marks, strict=True):
        BookingFactory(session=recent, user=user, attendance=mark)
    BookingFactory(session=recent, user=s[0], attendance=Attendance.NO_SHOW)
    BookingFactory(session=recent, user=s[1], status=BookingStatus.WAITING)
    BookingFactory(session=recent, user=s[2], status=BookingStatus.CANCELLED)
    earlier = SessionFactory(course=workshop, starts_at=now - 20 * DAY, capacity=4)
    BookingFactory(session=earlier, user=p, attendance=Attendance.ATTENDED)
    BookingFactory(session=earlier, user=h[5], status=BookingStatus.AWAITING_APPROVAL)
    upcoming = SessionFactory(course=workshop, starts_at=now + 20 * DAY, capacity=8)
    BookingFactory(session=upcoming, user=h[0])

    # Quizzes. h[0..4] and s[0] take the good path (5 points, pass); h[5], s[1] and p the
    # poor one (0 points, fail). Everyone who reached the check-in ticked the right signs.
    quiz = quiz_create(title="Sam's story")
    for user in [*h[:5], s[0]]:
        attempt_complete(user, quiz, GOOD_PATH)
    for user in [h[5], s[1], p]:
        attempt_complete(user, quiz, POOR_PATH)

    # Briefings and content. Team uses: h[0] 6 people and h[1] 4 people (health), s[0] 3
    # people (school), p 8 people long ago. Olive owns three guides: one past review, one due
    # in 10 days, one fresh, and a draft past review (not published, so not counted).
    not_brought = briefing(title="Was not brought", review_by=today + 20 * DAY)
    drift = briefing(title="Case drift")
    team_use(briefing_page=not_brought, user=h[0], attendees=6)
    team_use(briefing_page=drift, user=h[1], attendees=4)
    team_use(briefing_page=not_brought, user=s[0], attendees=3)
    team_use(briefing_page=not_brought, user=p, attendees=8, date_discussed=today - 800 * DAY)
    owner = UserFactory(agency=health, first_name="Olive", last_name="Owner")
    guide(
        title="Overdue guide",
        content_owner=owner,
        last_reviewed=today - 400 * DAY,
        review_by=today - 5 * DAY,
    )
    guide(title="Due guide", content_owner=owner, review_by=today + 10 * DAY)
    guide(title="Fresh guide", content_owner=owner)
    guide(
        title="Draft guide",
        content_owner=owner,
        live=False,
        last_reviewed=today - 400 * DAY,
        review_by=today - 50 * DAY,
    )
    return SimpleNamespace(
        health=health,
        school=school,
        police=police,
        h=h,
        s=s,
        p=p,
        essentials=essentials,
        chronology=chronology,
        quiz=quiz,
    )


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, build_world)


@pytest.fixture
def world(_world, db):
    """The hand-countable partnership above, built once per test module (see ``built_once``)."""
    return copy.deepcopy(_world)


@pytest.fixture
def reports(login, staff):
    """``reports(**params)`` opens the reports page as partnership staff."""

    def _open(**params):
        response = login(staff).get(reverse("reports:index"), params)
        assert response.status_code == 200
        return response

    return _open


# --- A partnership with a sector of one large and one small agency ---------------------------
# In the health sector, City Hospital (22 people) and Riverside Clinic (3 people); in education,
# Hill School (7 people). Staff and supervisors work for the Partnership Office (other sector)
# and have no learning records of their own.


def _enrol_and_certify(user, course, *, completed_days_ago):
    now = timezone.now()
    enrolment = Enrolment.objects.create(
        user=user,
        course=course,
        agency=user.agency,
        enrolled_at=now - 40 * DAY,
        confidence_before=2,
        confidence_after=4,
        evaluated_at=now - completed_days_ago * DAY,
    )
    Certificate.objects.create(
        enrolment=enrolment,
        agency=user.agency,
        learner_name=user.get_full_name(),
        course_title=course.title,
        cpd_hours=1,
        completed_on=timezone.localdate() - completed_days_ago * DAY,
        expires_on=timezone.localdate() + 1000 * DAY,
    )


def build_sector_world():
    hospital = AgencyFactory(name="City Hospital", sector=Sector.HEALTH)
    clinic = AgencyFactory(name="Riverside Clinic", sector=Sector.HEALTH)
    school = AgencyFactory(name="Hill School", sector=Sector.EDUCATION)
    office = AgencyFactory(name="Partnership Office", sector=Sector.OTHER)
    h = [UserFactory(agency=hospital) for _ in range(22)]
    c = [UserFactory(agency=clinic) for _ in range(3)]
    s = [UserFactory(agency=school) for _ in range(7)]
    learners = [*h, *c, *s]
    staff = role_user("staff", agency=office)
    team_lead = role_user("supervisor", agency=office)  # supervises the hospital's 21
    small_team = role_user("supervisor", agency=office)  # supervises the clinic and school

    # Everyone finished the essentials ten days ago, except h[21], who finished today.
    course = make_course(title="Neglect essentials")
    for user in learners:
        _enrol_and_certify(user, course, completed_days_ago=0 if user is h[21] else 10)

    # A workshop five days ago: everyone booked; the clinic and two at the school did not come.
    workshop = make_course(
        title="Multi-agency workshop", delivery_mode=DeliveryMode.FACE_TO_FACE, steps=0
    )
    session = SessionFactory(course=workshop, starts_at=timezone.now() - 5 * DAY, capacity=40)
    for user in learners:
        missed = user in c or user in s[:2]
        BookingFactory(
            session=session,
            user=user,
            attendance=Attendance.NO_SHOW if missed else Attendance.ATTENDED,
        )

    # A quiz: the hospital passes, the clinic and school fail.
    quiz = quiz_create(title="Sam's story")
    for user in learners:
        attempt_complete(user, quiz, GOOD_PATH if user in h else POOR_PATH)

    # Team uses of a briefing: four at the hospital (6 people each), one at the clinic (3
    # people), two at the school (4 each).
    page = briefing(title="Was not brought")
    for user in h[:4]:
        team_use(briefing_page=page, user=user, attendees=6)
    team_use(briefing_page=page, user=c[0], attendees=3)
    for user in s[:2]:
        team_use(briefing_page=page, user=user, attendees=4)

    # Supervision: 21 at the hospital with the team lead; the clinic's 3 and the school's 7
    # with the small team. Each has one record, held 5 days ago (c[0]'s 6 days ago).
    for user in h[:21]:
        make_record(make_agreement(user, team_lead), days_ago=5)
    for user in [*c, *s]:
        make_record(make_agreement(user, small_team), days_ago=6 if user is c[0] else 5)
    cache.clear()
    return SimpleNamespace(
        hospital=hospital,
        clinic=clinic,
        school=school,
        staff=staff,
        team_lead=team_lead,
        small_team=small_team,
        course=course,
        workshop=workshop,
        h=h,
        c=c,
        s=s,
    )


@pytest.fixture(scope="module")
def _sector_world(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, build_sector_world)


@pytest.fixture
def sector_world(_sector_world, db):
    """The partnership of one large and one small health agency, built once per test module."""
    return copy.deepcopy(_sector_world)
