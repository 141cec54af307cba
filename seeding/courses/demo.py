"""Demo courses and training: a blended neglect course with four quarterly sessions, an
e-learning course built from the library's pages, a learner part-way through and one with a
certificate."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from courses import services
from courses.models import (
    Attendance,
    Booking,
    BookingStatus,
    CourseAudience,
    CourseIndexPage,
    CoursePage,
    CourseStep,
    DeliveryMode,
    Enrolment,
    TrainingSession,
)
from elearning.accounts.models import Sector
from elearning.library.models import HomePage, OneMinuteGuidePage, SevenMinuteBriefingPage
from quizzes.models import QuizPage
from seeding.courses.impact import seed_impact_demo
from seeding.courses.parts import seed_two_part_session
from seeding.courses.people_places import people_places_ensure, people_places_seed
from seeding.courses.team import seed_team_demo
from seeding.quizzes.demo import attempt_pass

BLENDED_TITLE = "Recognising and working with child neglect"
FATHERS_TITLE = "Seeing the men in a child's life"
ONLINE_JOINING = (
    "Video meeting: https://meet.example.org/nscp-neglect-training\nMeeting code: NSCP-TRAINING"
)
# Demo learners waiting for a date on the course with no sessions, first registered first:
# three agencies, so the demand page has something to count.
INTEREST_LIST = [
    "social.worker@demo.example",
    "teacher@demo.example",
    "team.manager@demo.example",
    "supervisor@demo.example",
]
ELEARNING_TITLE = "Neglect: the essentials"

BLENDED_OUTCOMES = """<ul>
<li>recognise the signs of neglect at different ages, from pregnancy to adolescence;</li>
<li>judge the impact of neglect on a child's health and development over time, not incident
by incident;</li>
<li>notice when familiarity with a family is lowering your level of concern;</li>
<li>share information and escalate a concern when help is not making enough difference for
the child.</li>
</ul>"""

ELEARNING_OUTCOMES = """<ul>
<li>explain what neglect is, using the statutory definition;</li>
<li>describe how cumulative harm builds up and why it is easy to miss;</li>
<li>know what to do and who to tell when you are worried about a child.</li>
</ul>"""

# Demo learners who went to last quarter's session (the demo has seven accounts in all).
PAST_ATTENDEES = [
    ("practitioner@demo.example", Attendance.ATTENDED),
    ("teacher@demo.example", Attendance.ATTENDED),
    ("social.worker@demo.example", Attendance.ATTENDED),
    ("supervisor@demo.example", Attendance.PARTLY),
    ("moderator@demo.example", Attendance.NO_SHOW),
]


def _user(email):
    return get_user_model().objects.filter(email=email).first()


def _index(home) -> CourseIndexPage:
    index = CourseIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=CourseIndexPage(
                title="Training and courses",
                slug="training",
                intro=(
                    "E-learning you can do at your own pace and multi-agency sessions run by "
                    "the partnership every quarter."
                ),
            )
        )
        index.save_revision().publish()
    return index


def _course(index, title, slug, **fields) -> CoursePage:
    course = CoursePage.objects.filter(slug=slug).first()
    if course is None:
        steps = fields.pop("step_pages", [])
        sectors = fields.pop("sectors", [])
        course = CoursePage(title=title, slug=slug, **fields)
        for i, page in enumerate(steps):
            course.steps.add(CourseStep(page=page, sort_order=i))
        for i, sector in enumerate(sectors):
            course.audiences.add(CourseAudience(sector=sector, sort_order=i))
        index.add_child(instance=course)
        course.save_revision().publish()
    return course


def _next_quarters(count: int) -> list[datetime.date]:
    """The second Tuesday of the first month of each of the next ``count`` quarters."""
    today = timezone.localdate()
    dates = []
    year, month = today.year, ((today.month - 1) // 3 + 1) * 3 + 1
    while len(dates) < count:
        if month > 12:
            year, month = year + 1, month - 12
        first = datetime.date(year, month, 1)
        tuesday = first + datetime.timedelta(days=(1 - first.weekday()) % 7 + 7)
        dates.append(tuesday)
        month += 3
    return dates


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))


def _session(course, day, *, trainer, online=False, capacity=16) -> TrainingSession:
    starts = _at(day, 9, 30)
    records = people_places_ensure()
    session = TrainingSession(
        course=course,
        starts_at=starts,
        ends_at=_at(day, 16, 0),
        venue=None if online else records["civic"],
        joining_details=ONLINE_JOINING if online else "",
        capacity=capacity,
        booking_deadline=starts - datetime.timedelta(days=7),
        cancellation_cutoff=starts - datetime.timedelta(days=3),
        trainer=records["lead"],
    )
    if trainer is None:
        raise RuntimeError("The demo's partnership staff account is missing.")
    return services.session_save(by=trainer, session=session, now=starts)


def _past_session(course, trainer):
    """A session last quarter, five of six places taken, with its register marked."""
    if course.sessions.filter(starts_at__lt=timezone.now()).exists():
        return
    day = timezone.localdate() - datetime.timedelta(days=70)
    session = _session(course, day, trainer=trainer, capacity=6)
    for i, (email, mark) in enumerate(PAST_ATTENDEES):
        user = _user(email)
        if user is None:
            continue
        Booking.objects.create(
            session=session,
            user=user,
            agency_id=user.agency_id,
            status=BookingStatus.BOOKED,
            created_at=timezone.now() - datetime.timedelta(days=100),
            attendance=mark,
            attendance_marked_by=trainer,
        )
        Enrolment.objects.get_or_create(
            user=user,
            course=course,
            defaults={
                "agency_id": user.agency_id,
                "confidence_before": 2 + i % 2,
                "confidence_after": 4 if i % 3 else 3,
                "usefulness": 4,
                "practice_change": "Keep a running chronology and ask who else lives in the home.",
                "evaluated_at": timezone.now() - datetime.timedelta(days=69),
            },
        )


def _essentials_step_pages(home) -> list:
    """Two one-minute guides, a 7-minute briefing and the home-visit quiz, where they exist;
    otherwise the first published pages under the home page."""
    picks = [
        *OneMinuteGuidePage.objects.live().order_by("series_number", "path")[:2],
        *SevenMinuteBriefingPage.objects.live().order_by("path")[:1],
        *QuizPage.objects.live().filter(slug="quiz-home-visit-baby")[:1],
    ]
    if picks:
        return picks
    return list(
        Page.objects.child_of(home).live().not_type(CourseIndexPage).specific().order_by("path")[:4]
    )


def seed_demo() -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    index = _index(home)
    trainer = _user("staff@demo.example")
    practitioner = _user("practitioner@demo.example")
    supervisor = _user("supervisor@demo.example")
    teacher = _user("teacher@demo.example")

    # "Neglect: the essentials" is built from the demo guides and briefings and a quiz.
    step_pages = _essentials_step_pages(home)
    essentials = _course(
        index,
        ELEARNING_TITLE,
        "neglect-the-essentials",
        summary=(
            "A short e-learning course for anyone who works with children or parents: what "
            "neglect is, how it builds up over time and what to do when you are worried."
        ),
        learning_outcomes=ELEARNING_OUTCOMES,
        delivery_mode=DeliveryMode.ELEARNING,
        cpd_hours=2,
        refresher_months=36,
        step_pages=step_pages,
        sectors=[s for s, _label in Sector.choices if s != Sector.OTHER],
    )
    # Line managers and the team page (see seeding.courses.team).
    seed_team_demo(
        manager=supervisor,
        confirmed=[practitioner, _user("social.worker@demo.example")],
        pending=[teacher],
        renewal_due=practitioner,
        course=essentials,
    )
    blended = _course(
        index,
        BLENDED_TITLE,
        "recognising-and-working-with-child-neglect",
        summary=(
            "The partnership's quarterly multi-agency day on recognising neglect and judging "
            "its impact on children, with e-learning to do beforehand."
        ),
        learning_outcomes=BLENDED_OUTCOMES,
        delivery_mode=DeliveryMode.BLENDED,
        cpd_hours=6,
        refresher_months=36,
        require_session_attended=True,
        step_pages=step_pages[:2],
        sectors=[s for s, _label in Sector.choices if s != Sector.OTHER],
    )
    if not blended.sessions.filter(starts_at__gte=timezone.now()).exists():
        for i, day in enumerate(_next_quarters(4)):
            _session(blended, day, trainer=trainer, online=(i == 2))
    _past_session(blended, trainer)
    people_places_seed(blended)
    _online_joining_link()
    _interest_list(index)
    seed_two_part_session(blended, trainer)

    # The part-way learner also has a place on the next session.
    upcoming = blended.sessions.filter(starts_at__gte=timezone.now()).order_by("starts_at").first()
    if practitioner and upcoming and not upcoming.bookings.filter(user=practitioner).exists():
        services.booking_create(session=upcoming, user=practitioner)

    # A learner part-way through the e-learning course.
    if practitioner and not Enrolment.objects.filter(user=practitioner, course=essentials).exists():
        enrolment = services.enrolment_create(
            user=practitioner, course=essentials, confidence_before=2
        )
        for step in list(essentials.steps.order_by("sort_order"))[:1]:
            services.step_view_record(enrolment=enrolment, step=step)

    # A learner who has finished it and holds a certificate.
    if teacher and not Enrolment.objects.filter(user=teacher, course=essentials).exists():
        enrolment = services.enrolment_create(user=teacher, course=essentials, confidence_before=3)
        for step in essentials.steps.order_by("sort_order"):
            services.step_view_record(enrolment=enrolment, step=step)
            if step.page.specific_class is QuizPage:
                attempt_pass(user=teacher, quiz=step.page.specific)
        services.evaluation_submit(
            enrolment=enrolment,
            confidence_after=5,
            usefulness=5,
            practice_change=(
                "Look at attendance and presentation over a whole term, not day by day."
            ),
        )

    # Certificates to try the public check with: current, expired, revoked and re-issued.
    from seeding.courses.certificates import seed_certificates

    seed_certificates(essentials=essentials, blended=blended)
    # Impact three months on: one follow-up answered and confirmed, one waiting.
    seed_impact_demo(make_course=lambda *a, **f: _course(index, *a, **f), step_pages=step_pages)
    # Every training e-mail in its default wording, for staff to edit (Training e-mails in
    # the admin menu); the teacher has turned session reminders off.
    from courses.models import EmailKind, EmailPreferences
    from courses.notifications.admin import email_templates_ensure

    email_templates_ensure()
    if teacher:
        EmailPreferences.objects.get_or_create(
            user=teacher, defaults={"turned_off": [EmailKind.BOOKING_REMINDER]}
        )


def _interest_list(index) -> None:
    """A face-to-face course with no dates yet and people from several agencies waiting."""
    from courses.models import CourseInterest

    course = _course(
        index,
        FATHERS_TITLE,
        "seeing-the-men-in-a-childs-life",
        summary=(
            "A multi-agency half-day on finding out who the men around a child are, what they "
            "bring to the child's care and what risk they pose, and keeping them in the plan."
        ),
        delivery_mode=DeliveryMode.FACE_TO_FACE,
        cpd_hours=3,
        require_steps_viewed=False,
        require_quizzes_passed=False,
        require_session_attended=True,
        require_evaluation=False,
        sectors=[s for s, _label in Sector.choices if s != Sector.OTHER],
    )
    start = timezone.now() - datetime.timedelta(days=40)
    for i, email in enumerate(INTEREST_LIST):
        user = _user(email)
        if user is None or CourseInterest.objects.filter(user=user, course=course).exists():
            continue
        services.interest_lists.interest_register(
            user=user, course=course, now=start + datetime.timedelta(days=6 * i)
        )


def _online_joining_link() -> None:
    # Demo databases seeded before the online session's details named its link.
    TrainingSession.objects.filter(
        joining_details__contains="from the link in your calendar file"
    ).update(joining_details=ONLINE_JOINING)
