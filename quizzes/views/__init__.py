"""Quiz taking (called from QuizPage routes), "My quizzes" and staff analytics. Thin: the rules
are in services.py, engine.py and analytics.py."""

from .attempts import attempt_feedback, attempt_result, attempt_stage, quiz_index, quiz_start
from .practice import practice
from .staff import analytics_csv, analytics_detail, analytics_index, attempt_grants, my_quizzes

__all__ = [
    "analytics_csv",
    "analytics_detail",
    "analytics_index",
    "attempt_feedback",
    "attempt_grants",
    "attempt_result",
    "attempt_stage",
    "my_quizzes",
    "practice",
    "quiz_index",
    "quiz_start",
]
