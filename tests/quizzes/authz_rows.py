"""Authorisation rows for the quizzes app's own routes.

Taking a quiz happens on the quiz page's own routes (Wagtail's routable pages), whose
ownership refusals are tested in tests/quizzes/test_views.py.
"""

from tests.security.matrix import ADMIN, STAFF, Row, only, public, signed_in


def setup(ctx):
    from tests.quizzes.factories import quiz_create

    ctx.objects["quiz"] = quiz_create()


def quiz_args(ctx):
    return {"page_id": ctx.objects["quiz"].pk}


STAFF_ONLY = only({STAFF, ADMIN})

ROWS = [
    Row("quizzes:index", public(200), note="the list of published quizzes; anyone may browse it"),
    Row("quizzes:mine", signed_in(200)),
    Row("quizzes:analytics_index", STAFF_ONLY),
    Row("quizzes:analytics", STAFF_ONLY, args=quiz_args),
    Row("quizzes:analytics_csv", STAFF_ONLY, args=quiz_args),
    Row(
        "quizzes:attempt_grants",
        only({STAFF}),
        note="partnership staff give learners who have used every attempt one more",
    ),
]
