"""Twenty learners submitting at the same moment lose nothing (PostgreSQL, real threads)."""

import threading

import pytest
from django.db import close_old_connections, connection

from quizzes import services
from quizzes.models import Answer, Attempt, AttemptStatus
from tests.factories import UserFactory
from tests.quizzes.factories import GOOD_PATH, quiz_create, stage_data

pytestmark = pytest.mark.django_db(transaction=True)

LEARNERS = 20


def _run_together(target, args_list):
    barrier = threading.Barrier(len(args_list))
    errors: list[BaseException] = []

    def worker(*args):
        try:
            barrier.wait()
            target(*args)
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=args) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write, so it cannot show lost updates; "
    "this runs when DATABASE_URL points at PostgreSQL (as CI does)",
)
def test_twenty_learners_submitting_at_once_lose_nothing():
    from elearning.library.site_setup import site_tree_ensure

    site_tree_ensure()
    quiz = quiz_create()
    learners = [UserFactory() for _ in range(LEARNERS)]
    attempts = [services.attempt_start(user=u, quiz=quiz) for u in learners]
    first = stage_data(GOOD_PATH[0][1])
    last = stage_data(GOOD_PATH[1][1])

    def learner_submits(attempt):
        services.answer_record(attempt=attempt, stage_key="start", data=first)
        # Each learner also double-clicks the final button.
        services.answer_record(attempt=attempt, stage_key="check-in", data=last)
        services.answer_record(attempt=attempt, stage_key="check-in", data=last)

    errors = _run_together(learner_submits, [(a,) for a in attempts])
    assert errors == []
    done = Attempt.objects.filter(quiz=quiz)
    assert done.count() == LEARNERS
    assert set(done.values_list("status", flat=True)) == {AttemptStatus.SUBMITTED}
    assert set(done.values_list("score", flat=True)) == {5}
    assert Answer.objects.filter(attempt__quiz=quiz).count() == LEARNERS * 4


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL row locks; runs when DATABASE_URL points at PostgreSQL",
)
def test_one_learner_double_submitting_from_two_tabs_records_once():
    from elearning.library.site_setup import site_tree_ensure

    site_tree_ensure()
    quiz = quiz_create()
    user = UserFactory()
    starts = _run_together(lambda: services.attempt_start(user=user, quiz=quiz), [()] * 5)
    assert starts == []
    attempt = Attempt.objects.get(user=user)
    data = stage_data(GOOD_PATH[0][1])
    errors = _run_together(
        lambda: services.answer_record(attempt=attempt, stage_key="start", data=data), [()] * 5
    )
    assert errors == []
    attempt.refresh_from_db()
    assert attempt.path == ["start", "check-in"]
    assert Answer.objects.filter(attempt=attempt).count() == 3
