"""A small partnership whose every report figure can be counted by hand.

Three agencies: Health Trust (six people, h[0]..h[5]), Hill School (three, s[0]..s[2]) and
Police Force (one, p). The comments say what each record contributes to the figures.
"""

import datetime
from types import SimpleNamespace

import pytest
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
from tests.factories import AgencyFactory, UserFactory
from tests.library.factories import briefing, guide, team_use
from tests.quizzes.factories import GOOD_PATH, POOR_PATH, attempt_complete, quiz_create

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


@pytest.fixture
def world(db):
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
