"""Who may see what in quizzes. Every view and export asks these functions.

Quiz analytics are partnership reports: ``elearning.reports.permissions`` decides who sees them.
"""

from elearning.accounts.roles import Role, user_roles
from elearning.reports.permissions import can_view_partnership_reports

from .models import Attempt, QuizPage


def can_grant_attempts(user) -> bool:
    """Partnership staff give a learner an extra attempt when they have used all of theirs."""
    return bool(Role.STAFF in user_roles(user)) or bool(getattr(user, "is_superuser", False))


def quizzes_with_analytics_for(user):
    """Quizzes whose analytics ``user`` may see: all of them for those who see partnership
    reports (``can_view_partnership_reports``; analytics never name learners), else none."""
    if can_view_partnership_reports(user):
        return QuizPage.objects.all()
    return QuizPage.objects.none()


def can_view_attempt(user, attempt: Attempt) -> bool:
    """An attempt, with its answers, belongs to the learner who made it and nobody else."""
    return bool(user and user.is_authenticated and attempt.user_id == user.pk)


def attempts_visible_to(user):
    if not (user and user.is_authenticated):
        return Attempt.objects.none()
    return Attempt.objects.filter(user=user)
