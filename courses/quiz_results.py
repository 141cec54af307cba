"""The one place courses ask the quizzes app whether quizzes were passed."""

from django.contrib.contenttypes.models import ContentType

from quizzes.selectors import passed_quiz_ids as quizzes_passed


def is_quiz_page(page) -> bool:
    """A step's page is a quiz when it is one of the quizzes app's page types."""
    # get_for_id is cached per process, so this costs no query per step.
    return ContentType.objects.get_for_id(page.content_type_id).app_label == "quizzes"


def passed_quiz_ids(user, quiz_ids) -> set:
    """Ids of the given quiz pages ``user`` has passed (one query)."""
    quiz_ids = set(quiz_ids)
    if not quiz_ids:
        return set()
    return set(quizzes_passed(user, quiz_ids))


def quiz_standing(user, page) -> dict:
    """For a quiz step: has ``user`` passed, the pass mark, and attempts left (None when the
    quiz has no limit). Extra attempts given by partnership staff are counted."""
    from quizzes.services import attempts_remaining

    quiz = page.specific
    return {
        "passed": bool(quizzes_passed(user, [quiz.pk])),
        "pass_mark": quiz.pass_mark,
        "remaining": attempts_remaining(user=user, quiz=quiz),
        "url": quiz.url,
    }
