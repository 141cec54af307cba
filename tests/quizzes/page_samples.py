"""A sample quiz page for the accessibility and XSS sweeps."""

from quizzes.models import QuizPage
from tests.quizzes.factories import quiz_create

SAMPLES = {QuizPage: lambda: quiz_create(title="Sample quiz", slug="sample-quiz")}
