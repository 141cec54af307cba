"""Runs inside Django (``manage.py shell``) to create sessions for the benchmark's roles.

Prints one JSON object: {"sessions": {role: session_key}, "csrf": token, ...}. Apps that add
scenarios needing seeded objects add their ids to ``data`` here.
"""

import json

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.middleware.csrf import _get_new_csrf_string
from django.urls import reverse

from elearning.accounts.models import User

ROLE_EMAILS = {
    "practitioner": "practitioner@demo.example",
    "supervisor": "supervisor@demo.example",
    "staff": "staff@demo.example",
    "admin": "admin@demo.example",
}


def session_for(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


data = {"sessions": {}, "csrf": _get_new_csrf_string()}
for role, email in ROLE_EMAILS.items():
    data["sessions"][role] = session_for(User.objects.get(email=email))

# Library: a one-minute guide and the index filtered by the theme most pages share.
from django.db.models import Count  # noqa: E402

from elearning.library.models import OneMinuteGuidePage, Theme  # noqa: E402

guide = OneMinuteGuidePage.objects.live().order_by("path").first()
data["guide_url"] = guide.url
# Its PDF: made when the page was published and served as the stored file.
data["guide_pdf_url"] = reverse("library:page_pdf", args=[guide.pk])
theme = Theme.objects.annotate(n=Count("pages")).order_by("-n").first()
data["library_filter_url"] = f"/library/?theme={theme.slug}"

# The neglect toolkit (seeding.toolkit.demo) and a case timeline the demo supervisor may see: the
# supervisee's case with the most discussions (Family Oak, four signed records).
from supervision.models import CaseReference  # noqa: E402
from supervision.permissions import cases_visible_to  # noqa: E402
from toolkit.models import ToolkitPage  # noqa: E402

data["toolkit_url"] = ToolkitPage.objects.live().get(slug="neglect-toolkit").url
supervisor = User.objects.get(email=ROLE_EMAILS["supervisor"])
case = (
    cases_visible_to(supervisor, CaseReference.objects.all())
    .annotate(n=Count("discussions"))
    .order_by("-n", "pk")
    .first()
)
data["case_timeline_url"] = f"/supervision/cases/{case.pk}/"

# Form submissions: many learners, each with their own session, so that most requests do real
# work (recording a first answer, taking a place) rather than repeating one already made.
import datetime  # noqa: E402

from django.http import QueryDict  # noqa: E402
from django.utils import timezone  # noqa: E402

from courses.models import Booking, TrainingSession  # noqa: E402
from elearning.accounts.models import Agency, Sector  # noqa: E402
from quizzes import services as quiz_services  # noqa: E402
from quizzes.models import Attempt, QuizPage  # noqa: E402
from seeding.quizzes.demo import attempt_pass  # noqa: E402

LEARNERS = 600
agency, _ = Agency.objects.get_or_create(name="Bench agency", defaults={"sector": Sector.OTHER})
existing = {u.email: u for u in User.objects.filter(email__endswith="@bench.example")}
learners = []
for i in range(LEARNERS):
    email = f"learner{i:04d}@bench.example"
    learners.append(
        existing.get(email)
        or User.objects.create_user(
            email=email, first_name="Bench", last_name=str(i), agency=agency
        )
    )

quiz = QuizPage.objects.live().filter(slug="quiz-home-visit-baby").first()
first_stage = quiz.structure().stages[0]
answers = QueryDict(mutable=True)
for question in first_stage.questions:
    name = f"q-{question.id}"
    if question.is_choice:
        answers.setlist(name, [o.id for o in question.options if o.is_correct][:1])
    elif question.is_worry:
        answers[name] = "6"
    else:
        answers[name] = "Bench answer."
answers["stage"] = first_stage.key
answers["csrfmiddlewaretoken"] = data["csrf"]
body = answers.urlencode()
data["quiz_answers"] = []
# A database kept from an earlier run holds these learners' answers from it: start afresh, or
# they would have used every attempt the quiz allows after a few runs.
Attempt.objects.filter(user__in=learners, quiz=quiz).delete()
for learner in learners:
    attempt = quiz_services.attempt_start(user=learner, quiz=quiz)
    data["quiz_answers"].append(
        {"session": session_for(learner), "path": f"{quiz.url}attempt/{attempt.pk}/", "body": body}
    )

practitioner = User.objects.get(email=ROLE_EMAILS["practitioner"])
# One finished attempt is enough for the result page: reuse an earlier run's.
finished = Attempt.objects.filter(user=practitioner, quiz=quiz, passed=True).first()
finished = finished or attempt_pass(user=practitioner, quiz=quiz)
data["quiz_result_url"] = f"{quiz.url}attempt/{finished.pk}/result/"

session = TrainingSession.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
# As with the answers: a database kept from an earlier run holds these learners' bookings of
# this session, and the run would measure "already booked" answers.
Booking.objects.filter(session=session, user__in=learners).delete()
session.capacity = 100
session.booking_deadline = timezone.now() + datetime.timedelta(days=7)
session.save(update_fields=["capacity", "booking_deadline"])
data["bookings"] = [
    {
        "session": entry["session"],
        "path": f"/learning/sessions/{session.pk}/book/",
        "body": f"csrfmiddlewaretoken={data['csrf']}",
    }
    for entry in data["quiz_answers"]
]
print("BENCH-DATA " + json.dumps(data))
