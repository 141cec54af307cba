"""Each version of a quiz is stored once; attempts point at the version they were taken on."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from quizzes import services
from quizzes.models import Attempt, QuizPage, QuizVersion, structure_digest
from tests.factories import UserFactory
from tests.quizzes.factories import (
    GOOD_PATH,
    attempt_complete,
    branching_stages,
    quiz_create,
)

pytestmark = pytest.mark.django_db

BACKFILL = importlib.import_module("quizzes.migrations.0007_quizversion_backfill")
BEFORE = ("quizzes", "0006_quizversion")
AFTER = ("quizzes", "0008_attempt_version_required")


def _edited_stages():
    """The branching quiz with its first question, an option's feedback and the good
    ending's feedback reworded."""
    stages = branching_stages()
    first = stages[0]["value"]["questions"][0]["value"]
    first["text"] = "What is the very first thing you do?"
    first["options"][0]["value"]["feedback"] = "Reworded feedback on talking to the child."
    good_end = next(s for s in stages if s["value"]["key"] == "good-end")
    good_end["value"]["ending_feedback"] = "<p>Acting early changed things.</p>"
    return stages


def _republish(quiz: QuizPage, stages) -> QuizPage:
    quiz.stages = stages
    quiz.save_revision().publish()
    return QuizPage.objects.get(pk=quiz.pk)


def test_attempts_on_the_same_quiz_share_one_version(practitioner, other_practitioner):
    quiz = quiz_create()
    first = attempt_complete(practitioner, quiz)
    second = attempt_complete(other_practitioner, quiz)
    again = attempt_complete(practitioner, QuizPage.objects.get(pk=quiz.pk))
    assert QuizVersion.objects.filter(quiz=quiz).count() == 1
    assert first.version_id == second.version_id == again.version_id
    version = QuizVersion.objects.get(quiz=quiz)
    assert version.digest == structure_digest(quiz.structure().to_json())
    assert version.structure == quiz.structure().to_json()


def test_the_digest_ignores_the_order_of_keys():
    assert structure_digest([{"a": 1, "b": [2, {"c": 3, "d": 4}]}]) == structure_digest(
        [{"b": [2, {"d": 4, "c": 3}], "a": 1}]
    )
    assert structure_digest([{"a": 1}]) != structure_digest([{"a": 2}])


def test_the_same_structure_in_two_quizzes_is_two_versions(practitioner):
    one = quiz_create(title="One")
    two = quiz_create(title="Two")
    assert attempt_complete(practitioner, one).version_id != (
        attempt_complete(practitioner, two).version_id
    )
    assert QuizVersion.objects.count() == 2


def test_editing_the_quiz_gives_new_attempts_a_new_version_and_leaves_old_ones(practitioner, login):
    quiz = quiz_create()
    old = attempt_complete(practitioner, quiz)
    old_structure = old.get_structure()

    edited = _republish(quiz, _edited_stages())
    new = attempt_complete(practitioner, edited)

    assert new.number == 2
    assert new.version_id != old.version_id
    assert QuizVersion.objects.filter(quiz=quiz).count() == 2
    old = Attempt.objects.get(pk=old.pk)
    assert old.get_structure() == old_structure
    assert old.get_structure().stage("start").questions[0].text == "What do you do first?"
    assert new.get_structure().stage("start").questions[0].text == (
        "What is the very first thing you do?"
    )

    client = login(practitioner)
    old_page = client.get(f"{edited.url}attempt/{old.pk}/result/").content.decode()
    new_page = client.get(f"{edited.url}attempt/{new.pk}/result/").content.decode()
    assert "Early action helped." in old_page
    assert "Feedback on Talk to the child and record what you see" in old_page
    assert "Acting early changed things." not in old_page
    assert "Reworded feedback" not in old_page
    assert "Acting early changed things." in new_page
    assert "Reworded feedback on talking to the child." in new_page
    feedback = client.get(f"{edited.url}attempt/{old.pk}/feedback/start/").content.decode()
    assert "Feedback on Talk to the child and record what you see" in feedback


def test_a_quiz_changed_back_reuses_its_earlier_version(practitioner, other_practitioner):
    quiz = quiz_create()
    first = attempt_complete(practitioner, quiz)
    edited = _republish(quiz, _edited_stages())
    middle = attempt_complete(other_practitioner, edited)
    restored = _republish(edited, branching_stages())
    last = attempt_complete(UserFactory(), restored)
    assert last.version_id == first.version_id != middle.version_id
    assert QuizVersion.objects.filter(quiz=quiz).count() == 2


def test_an_attempt_started_before_an_edit_finishes_on_its_version(practitioner):
    quiz = quiz_create()
    attempt = services.attempt_start(user=practitioner, quiz=quiz)
    _republish(quiz, _edited_stages())
    finished = attempt_complete(practitioner, QuizPage.objects.get(pk=quiz.pk))
    assert finished.pk == attempt.pk
    assert finished.get_structure().stage("start").questions[0].text == "What do you do first?"
    assert QuizVersion.objects.filter(quiz=quiz).count() == 1


def test_listing_a_learners_attempts_costs_the_same_however_many_versions(login):
    def mine_queries(attempts: int) -> tuple[int, int]:
        user = UserFactory()
        quiz = quiz_create(title=f"Versions {attempts}", slug=f"versions-{attempts}")
        for n in range(attempts):
            stages = branching_stages()
            stages[0]["value"]["questions"][0]["value"]["text"] = f"Question, version {n}"
            quiz = _republish(quiz, stages)
            attempt_complete(user, quiz, GOOD_PATH)
        assert QuizVersion.objects.filter(quiz=quiz).count() == attempts
        client = login(user)
        client.get("/quizzes/mine/")  # the first request of a run fills the site caches
        counts = []
        for url in ("/quizzes/mine/", quiz.url, "/dashboard/"):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            counts.append(len(ctx.captured_queries))
        return tuple(counts)

    assert mine_queries(2) == mine_queries(12)


def test_reading_an_attempts_structure_makes_no_query_once_loaded(practitioner):
    quiz = quiz_create()
    attempt_complete(practitioner, quiz)
    attempt_complete(practitioner, QuizPage.objects.get(pk=quiz.pk))
    with CaptureQueriesContext(connection) as ctx:
        attempts = list(Attempt.objects.filter(user=practitioner).select_related("version"))
        stages = [a.get_structure().first.key for a in attempts]
    assert stages == ["start", "start"]
    assert len(ctx.captured_queries) == 1


# --- The migration that moved each attempt's own copy into versions ------------------------


def _attempt_values(quiz, user, number, structure):
    return {
        "user_id": user.pk,
        "quiz_id": quiz.pk,
        "number": number,
        "status": "submitted",
        "quiz_title": quiz.title,
        "structure": structure,
        "scoring_mode": "path",
        "pass_mark": 4,
        "review": "immediately",
        "path": ["start", "check-in", "good-end"],
        "ending_key": "good-end",
        "score": 5,
        "passed": True,
    }


@pytest.mark.django_db(transaction=True)
def test_the_backfill_shares_one_version_between_identical_copies_and_can_be_undone():
    from elearning.library.site_setup import site_tree_ensure

    site_tree_ensure()
    quiz = quiz_create()
    other_quiz = quiz_create(title="Another quiz")
    users = UserFactory.create_batch(4)
    taken = attempt_complete(users[0], quiz)
    current = quiz.structure().to_json()
    edited = _republish(QuizPage.objects.get(pk=quiz.pk), _edited_stages()).structure().to_json()
    reordered = [dict(reversed(list(stage.items()))) for stage in current]
    assert list(reordered[0]) != list(current[0])
    assert structure_digest(reordered) == structure_digest(current)

    try:
        executor = MigrationExecutor(connection)
        executor.migrate([BEFORE])
        # Undoing gave the attempt made with versions its own copy back.
        old_apps = MigrationExecutor(connection).loader.project_state([BEFORE]).apps
        OldAttempt = old_apps.get_model("quizzes", "Attempt")
        assert OldAttempt.objects.get(pk=taken.pk).structure == current
        OldAttempt.objects.update(version=None)
        old_apps.get_model("quizzes", "QuizVersion").objects.all().delete()

        # Attempts as they were stored before versions: each with its own copy.
        copies = {
            "same": [current, current, reordered],
            "edited": [edited, edited],
            "other": [other_quiz.structure().to_json()],
        }
        made, number = {}, 10
        for name, structures in copies.items():
            target = other_quiz if name == "other" else quiz
            made[name] = []
            for i, structure in enumerate(structures):
                number += 1
                values = _attempt_values(target, users[i + 1], number, structure)
                made[name].append(OldAttempt.objects.create(**values).pk)
        made["same"].append(taken.pk)

        # The batches are smaller than the attempts, so more than one batch is read.
        BACKFILL.BATCH = 3
        MigrationExecutor(connection).migrate([AFTER])
    finally:
        BACKFILL.BATCH = 500
        MigrationExecutor(connection).migrate([AFTER])

    assert QuizVersion.objects.filter(quiz=quiz).count() == 2
    assert QuizVersion.objects.filter(quiz=other_quiz).count() == 1
    for name, pks in made.items():
        versions = set(Attempt.objects.filter(pk__in=pks).values_list("version", flat=True))
        assert len(versions) == 1, name
    same = Attempt.objects.get(pk=made["same"][0]).version
    assert same.digest == structure_digest(current)
    assert Attempt.objects.get(pk=made["edited"][0]).version.structure == edited
    assert Attempt.objects.get(pk=taken.pk).get_structure().stage("start").questions[0].text == (
        "What do you do first?"
    )
    # A new attempt on the quiz as it is now shares the version the backfill made for it.
    newcomer = attempt_complete(UserFactory(), QuizPage.objects.get(pk=quiz.pk))
    assert newcomer.version.structure == edited
    assert newcomer.version_id == Attempt.objects.get(pk=made["edited"][0]).version_id


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write, so it cannot race; "
    "this runs when DATABASE_URL points at PostgreSQL (as CI does)",
)
@pytest.mark.django_db(transaction=True)
def test_learners_starting_a_new_version_at_once_share_one_version_row():
    from elearning.library.site_setup import site_tree_ensure
    from tests.quizzes.test_concurrency import _run_together

    site_tree_ensure()
    quiz = quiz_create()
    learners = UserFactory.create_batch(10)
    errors = _run_together(
        lambda user: services.attempt_start(user=user, quiz=quiz), [(u,) for u in learners]
    )
    assert errors == []
    assert QuizVersion.objects.filter(quiz=quiz).count() == 1
    assert Attempt.objects.filter(quiz=quiz).count() == len(learners)
    assert Attempt.objects.filter(quiz=quiz).values("version").distinct().count() == 1


def test_a_quiz_nobody_attempted_deletes_with_its_versions_and_attempts_protect_it(
    practitioner,
):
    from django.db.models import ProtectedError

    untried = quiz_create(title="Untried")
    QuizVersion.objects.for_structure(untried, untried.structure().to_json())
    untried.delete()
    assert not QuizVersion.objects.filter(quiz_id=untried.pk).exists()

    tried = quiz_create(title="Tried")
    attempt_complete(practitioner, tried, GOOD_PATH)
    with pytest.raises(ProtectedError):
        tried.delete()
    assert QuizVersion.objects.filter(quiz=tried).count() == 1
