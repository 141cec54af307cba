"""Who may see what in quizzes. Every view and export asks these functions."""

from elearning.accounts.roles import Role, user_roles

from .models import Attempt, QuizPage

ANALYTICS_ROLES = frozenset({Role.STAFF, Role.ADMIN})


def can_view_quiz_analytics(user, quiz: QuizPage | None = None) -> bool:
    """Partnership staff and admins see attempts, pass rates and item analysis for quizzes.

    Analytics never name learners, so there is no per-quiz restriction beyond the role.
    """
    return bool(user_roles(user) & ANALYTICS_ROLES) or bool(getattr(user, "is_superuser", False))


def can_grant_attempts(user) -> bool:
    """Partnership staff give a learner an extra attempt when they have used all of theirs."""
    return bool(Role.STAFF in user_roles(user)) or bool(getattr(user, "is_superuser", False))


def quizzes_with_analytics_for(user):
    """Quizzes whose analytics ``user`` may see (the queryset twin of the function above)."""
    if can_view_quiz_analytics(user):
        return QuizPage.objects.all()
    return QuizPage.objects.none()


def can_view_attempt(user, attempt: Attempt) -> bool:
    """An attempt, with its answers, belongs to the learner who made it and nobody else."""
    return bool(user and user.is_authenticated and attempt.user_id == user.pk)


def attempts_visible_to(user):
    if not (user and user.is_authenticated):
        return Attempt.objects.none()
    return Attempt.objects.filter(user=user)
