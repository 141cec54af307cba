"""``manage.py seed_volume``: volume data for measuring the reports, in proportion to the
scale, repeatable, real enough that the reports find something in it, and refused outside
DEMO_MODE or for a scale out of range."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from courses.models import Booking, Certificate, StepView, TrainingSession
from elearning.accounts.models import Agency, User
from elearning.library.models import TeamUse
from elearning.reports.filters import default_filters
from elearning.reports.sections import get_section
from quizzes import selectors
from quizzes.analytics import quiz_analysis
from quizzes.models import Answer, Attempt, QuizPage

pytestmark = pytest.mark.django_db


def _seed(scale="0.01"):
    with override_settings(DEMO_MODE=True):
        call_command("seed_volume", "--scale", scale, stdout=io.StringIO())


def test_seed_volume_makes_attempts_progress_sessions_and_team_uses_in_proportion(staff):
    _seed()
    counts = {
        "attempts": Attempt.objects.count(),
        "step views": StepView.objects.count(),
        "sessions": TrainingSession.objects.count(),
        "team uses": TeamUse.objects.count(),
    }
    assert counts == {"attempts": 2_000, "step views": 600, "sessions": 20, "team uses": 30}
    assert Answer.objects.count() >= 2 * counts["attempts"]
    assert Booking.objects.count() >= 20 * 12 * 0.5
    assert Booking.objects.exclude(attendance="").exists()
    assert Certificate.objects.exists()

    _seed()  # a second run tops up to the same volume
    assert Attempt.objects.count() == 2_000
    assert StepView.objects.count() == 600
    assert TrainingSession.objects.count() == 20

    # The easy question of the school attendance quiz is flagged, as the seeder intends,
    # and the partnership figures agree with the quiz's own item analysis.
    quiz = QuizPage.objects.get(slug="volume-quiz-school-attendance")
    own = {q["id"]: q for q in quiz_analysis(quiz)["questions"] if q["flags"]}
    everyone = selectors.flagged_items(Attempt.objects.all())
    mine = {i["question_id"]: i for i in everyone if i["quiz_id"] == quiz.pk}
    assert any("Almost everyone" in flag for q in own.values() for flag in q["flags"])
    assert mine.keys() == own.keys()
    for qid, item in mine.items():
        assert (item["facility"], item["discrimination"]) == (
            own[qid]["facility"],
            own[qid]["discrimination"],
        )
    result = get_section("quizzes").compute(default_filters(), staff)
    assert result.tables[-1].rows


def test_seed_volume_creates_people_in_proportion_and_is_repeatable():
    with override_settings(DEMO_MODE=True):
        call_command("seed_volume", "--scale", "0.005", stdout=io.StringIO())
        first = User.objects.filter(email__endswith="@volume.example").count()
        call_command("seed_volume", "--scale", "0.005", stdout=io.StringIO())
    assert first == 100
    assert User.objects.filter(email__endswith="@volume.example").count() == 100
    assert Agency.objects.filter(name__startswith="Volume agency").count() >= 2


def test_seed_volume_is_refused_outside_demo_mode_and_for_bad_scales():
    with pytest.raises(CommandError):
        call_command("seed_volume", "--scale", "0.01")
    with override_settings(DEMO_MODE=True), pytest.raises(CommandError):
        call_command("seed_volume", "--scale", "3")
    assert not User.objects.exists()


def _planner_rows(table: str) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="planner statistics are PostgreSQL's; runs when DATABASE_URL points at PostgreSQL",
)
def test_seed_volume_leaves_postgresql_with_planner_statistics_for_what_it_loaded():
    """Without them (a server with autovacuum off, or before it comes round) the planner takes
    the new tables for a few rows, and the benchmark measures plans production never uses."""
    _seed()
    attempts = Attempt.objects.count()
    assert attempts > 100
    # ANALYZE reads a sample; with a few thousand rows it reads them all.
    assert _planner_rows("quizzes_attempt") == pytest.approx(attempts, rel=0.05)
    assert _planner_rows("courses_certificate") == pytest.approx(
        Certificate.objects.count(), rel=0.05
    )
