"""A quiz answer makes a fixed number of queries: the steps along the path do not check the
person, quiz and agency again (quizzes.services.answer_record)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes import services
from quizzes.models import Attempt
from tests.factories import UserFactory
from tests.quizzes.factories import branching_stages, quiz_create, stage_data

pytestmark = pytest.mark.django_db

FIRST = stage_data({"q-q-first": "o-act", "q-q-worry": "4"})

# Inside the transaction (savepoints aside): the attempt read again and locked, the answers so
# far counted, the answers inserted and the attempt's stage and path updated. Before the step
# stopped re-checking the attempt's person, quiz, agency and constraints it was eight.
STEP_QUERIES = 4


def _step(extra_questions: int):
    quiz = quiz_create(
        branching_stages(extra_questions=extra_questions),
        title=f"Budget {extra_questions}",
        slug=f"budget-{extra_questions}",
    )
    attempt = services.attempt_start(user=UserFactory(), quiz=quiz)
    with CaptureQueriesContext(connection) as ctx:
        services.answer_record(attempt=attempt, stage_key="start", data=FIRST)
    return attempt, list(ctx.captured_queries)


def test_a_step_makes_a_fixed_number_of_queries_whatever_the_quiz_size():
    counts = []
    for size in (2, 60):
        attempt, queries = _step(size)
        sql = [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
        counts.append(len(sql))
        assert Attempt.objects.get(pk=attempt.pk).path[0] == "start"
        assert len(Attempt.objects.get(pk=attempt.pk).path) == 2
    assert counts == [STEP_QUERIES, STEP_QUERIES]


def test_a_step_does_not_check_the_person_quiz_or_agency_again():
    _, queries = _step(2)
    touched = " ".join(q["sql"] for q in queries)
    for table in ("accounts_user", "accounts_agency", "quizzes_quizpage"):
        assert f'FROM "{table}"' not in touched


def test_a_step_still_validates_what_it_changes(monkeypatch):
    """The stage and path are still checked before saving: a stage key too long for its
    column is refused, and nothing is stored."""
    from django.core.exceptions import ValidationError

    from quizzes import engine

    quiz = quiz_create(branching_stages(), title="Checked", slug="checked")
    attempt = services.attempt_start(user=UserFactory(), quiz=quiz)
    too_long = "x" * (Attempt._meta.get_field("current_stage").max_length + 1)
    monkeypatch.setattr(engine.Structure, "next_key", lambda self, stage, chosen: too_long)
    with pytest.raises(ValidationError) as error:
        services.answer_record(attempt=attempt, stage_key="start", data=FIRST)
    assert "current_stage" in error.value.message_dict
    fresh = Attempt.objects.get(pk=attempt.pk)
    assert fresh.current_stage == "start"
    assert not fresh.answers.exists()


def test_an_answer_through_the_site_does_not_read_the_sites_root_paths_again(
    login, site_cache_reads
):
    """The redirect after an answer is worked out from the root paths the request holds
    (elearning.core.sitecache), not read from the shared cache on each answer."""
    quiz = quiz_create(branching_stages(), title="Routed", slug="routed")
    user = UserFactory()
    client = login(user)
    attempts = [services.attempt_start(user=user, quiz=quiz) for _ in range(2)]
    address = f"{quiz.url}attempt/{attempts[0].pk}/"
    client.post(address, {"stage": "start", "q-q-first": "o-act", "q-q-worry": "4"})
    read = site_cache_reads()
    response = client.post(
        f"{quiz.url}attempt/{attempts[1].pk}/",
        {"stage": "start", "q-q-first": "o-act", "q-q-worry": "4"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(f"{quiz.url}attempt/{attempts[1].pk}/")
    assert Attempt.objects.get(pk=attempts[1].pk).answers.exists()
    assert "wagtail_site_root_paths" not in read
