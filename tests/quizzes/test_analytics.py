"""Item analysis, aggregates for other apps, and who may see them."""

import csv
import io

import pytest

from elearning.reports.disclosure import WITHHELD, method_note
from quizzes import selectors
from quizzes.analytics import quiz_analysis
from quizzes.models import Attempt
from tests.factories import UserFactory
from tests.quizzes.factories import GOOD_PATH, POOR_PATH, attempt_complete, quiz_create

pytestmark = pytest.mark.django_db

WRONG_SIGNS = [GOOD_PATH[0], ("check-in", {"q-q-signs": ["o-teeth", "o-uniform"]})]


def _population(quiz, good=6, poor=4, wrong=2):
    for path, n in ((GOOD_PATH, good), (POOR_PATH, poor), (WRONG_SIGNS, wrong)):
        for _ in range(n):
            attempt_complete(UserFactory(), quiz, path)


def test_analysis_counts_paths_pass_rate_and_options():
    quiz = quiz_create()
    _population(quiz)
    analysis = quiz_analysis(quiz)
    assert analysis["attempts"] == 12
    assert analysis["passed"] == 6  # wrong indicators score 3, below the pass mark of 4
    assert analysis["pass_rate"] == 50
    assert dict(analysis["paths"]) == {
        "start → check-in → good-end": 8,
        "start → drift → poor-end": 4,
    }
    assert dict(analysis["distribution"]) == {0: 4, 3: 2, 5: 6}
    first = next(q for q in analysis["questions"] if q["id"] == "q-first")
    assert first["responses"] == 12
    assert first["facility"] == round(100 * 8 / 12)
    assert {o["id"]: o["count"] for o in first["options"]} == {"o-act": 8, "o-wait": 4}
    signs = next(q for q in analysis["questions"] if q["id"] == "q-signs")
    # Branching: only the 8 attempts that reached the check-in answered it.
    assert signs["responses"] == 8 and signs["facility"] == 75
    worry = next(q for q in analysis["questions"] if q["id"] == "q-worry")
    assert worry["mean_worry"] == round((7 * 8 + 2 * 4) / 12, 1)


def test_discrimination_index_and_flags():
    quiz = quiz_create()
    _population(quiz)
    first = next(q for q in quiz_analysis(quiz)["questions"] if q["id"] == "q-first")
    # Top scorers all chose the right first step; the bottom group did not.
    assert first["discrimination"] == 1.0
    assert first["flags"] == []
    drift = next(q for q in quiz_analysis(quiz)["questions"] if q["id"] == "q-drift")
    # Everyone who reached the drift stage closed the case: facility 0, flagged.
    assert drift["facility"] == 0
    assert drift["discrimination"] is None  # only 4 answers: too few to say
    assert any("Very few answer correctly" in f for f in drift["flags"])
    assert [q["id"] for q in selectors.flagged_questions(quiz)] == ["q-drift"]


def test_a_question_everyone_gets_right_is_flagged_as_too_easy():
    quiz = quiz_create()
    _population(quiz, good=11, poor=0, wrong=0)
    signs = next(q for q in quiz_analysis(quiz)["questions"] if q["id"] == "q-signs")
    assert signs["facility"] == 100
    assert any("Almost everyone" in f for f in signs["flags"])


def test_pass_rates_and_attempt_stats_selectors():
    quiz = quiz_create()
    other = quiz_create(title="Other", slug="other")
    _population(quiz, good=3, poor=1, wrong=0)
    assert selectors.pass_rates([quiz.pk, other.pk]) == {quiz.pk: 75}
    stats = selectors.quiz_attempt_stats()[quiz.pk]
    assert stats == {"attempts": 4, "learners": 4, "passed": 3, "pass_rate": 75}


def test_in_progress_attempts_are_left_out_of_analysis(practitioner):
    from quizzes import services

    quiz = quiz_create()
    services.attempt_start(user=practitioner, quiz=quiz)
    assert quiz_analysis(quiz)["attempts"] == 0
    assert quiz_analysis(quiz)["questions"] == []


def test_user_has_passed_under_best_policy(practitioner):
    quiz = quiz_create(attempt_policy="best")
    attempt_complete(practitioner, quiz)
    attempt_complete(practitioner, quiz, POOR_PATH)
    assert selectors.user_has_passed(practitioner, quiz) is True


def test_user_has_passed_under_last_policy(practitioner):
    quiz = quiz_create(attempt_policy="last")
    attempt_complete(practitioner, quiz)
    assert selectors.user_has_passed(practitioner, quiz) is True
    attempt_complete(practitioner, quiz, POOR_PATH)
    assert selectors.user_has_passed(practitioner, quiz) is False


def test_passed_quiz_ids_is_one_query(practitioner, other_practitioner, django_assert_num_queries):
    passed = quiz_create(title="A", slug="a")
    failed = quiz_create(title="B", slug="b")
    untouched = quiz_create(title="C", slug="c")
    last = quiz_create(title="D", slug="d", attempt_policy="last")
    attempt_complete(practitioner, passed)
    attempt_complete(practitioner, failed, POOR_PATH)
    attempt_complete(practitioner, last)
    attempt_complete(practitioner, last, POOR_PATH)
    attempt_complete(other_practitioner, untouched)
    ids = [passed.pk, failed.pk, untouched.pk, last.pk]
    with django_assert_num_queries(1):
        result = selectors.passed_quiz_ids(practitioner, ids)
    assert result == {passed.pk}


def test_analytics_pages_for_staff_and_admin(staff, partnership_admin, login):
    quiz = quiz_create()
    _population(quiz, good=2, poor=1, wrong=0)
    for user in (staff, partnership_admin):
        client = login(user)
        index = client.get("/quizzes/analytics/").content.decode()
        # Three people: their pass rate and counts are withheld, as in the reports.
        assert "Sam&#x27;s story" in index and "67%" not in index and "[c]" in index
        detail = client.get(f"/quizzes/analytics/{quiz.pk}/").content.decode()
        assert "Item analysis" in detail and "start → drift → poor-end" in detail
        assert "[c] marks a figure withheld" in detail


def test_analytics_publish_figures_through_the_disclosure_control(staff, login):
    quiz = quiz_create()
    # 16 good, 5 poor, 1 wrong: 22 people.
    _population(quiz, good=16, poor=5, wrong=1)
    client = login(staff)
    index = client.get("/quizzes/analytics/").content.decode()
    assert "73%" in index  # 16 of 22 passed, from the unrounded figures
    detail = client.get(f"/quizzes/analytics/{quiz.pk}/")
    analysis = detail.context["analysis"]
    assert analysis["attempts"] == 20  # 22, rounded
    assert analysis["pass_rate"] == 73
    first = next(q for q in analysis["questions"] if q["id"] == "q-first")
    assert first["responses"] == 20 and first["facility"] == 77  # 17 of 22 acted first
    options = {o["id"]: o["count"] for o in first["options"]}
    assert options == {"o-act": 15, "o-wait": 5}  # 17 and 5, rounded
    # The drift stage was reached by 5 people: fewer than 20, so no share and no flags.
    drift = next(q for q in analysis["questions"] if q["id"] == "q-drift")
    assert drift["facility"] is WITHHELD and drift["flags"] == []
    # One wrong path: withheld in the paths table.
    assert {path: count for path, count, _bar in analysis["paths"]}[
        "start → check-in → good-end"
    ] == 15  # 17 reached the good ending


@pytest.mark.parametrize("role", ["practitioner", "supervisor"])
def test_analytics_refused_to_learners_and_supervisors(role, request, login):
    quiz = quiz_create()
    client = login(request.getfixturevalue(role))
    assert client.get("/quizzes/analytics/").status_code == 403
    assert client.get(f"/quizzes/analytics/{quiz.pk}/").status_code == 403
    assert client.get(f"/quizzes/analytics/{quiz.pk}/item-analysis.csv").status_code == 403
    assert "See analytics" not in client.get(quiz.url).content.decode()


def test_analytics_refused_to_anonymous(client):
    quiz = quiz_create()
    assert "/accounts/login/" in client.get(f"/quizzes/analytics/{quiz.pk}/").url


def test_csv_export(staff, login):
    quiz = quiz_create()
    _population(quiz, good=2, poor=1, wrong=0)
    response = login(staff).get(f"/quizzes/analytics/{quiz.pk}/item-analysis.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["stage", "question", "type", "responses", "facility index (%)"]
    act = next(r for r in rows if r[6] == "Talk to the child and record what you see")
    # Two people chose it: withheld, as on the page; the method note ends the file.
    assert act[1] == "What do you do first?" and act[7] == "[c]"
    assert rows[-1] == [method_note()]


def test_csv_neutralises_formulas(staff, login):
    from tests.quizzes.factories import branching_stages

    stages = branching_stages()
    stages[0]["value"]["questions"][0]["value"]["text"] = "=HYPERLINK(1)"
    quiz = quiz_create(stages)
    attempt_complete(UserFactory(), quiz)
    response = login(staff).get(f"/quizzes/analytics/{quiz.pk}/item-analysis.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="quiz-')
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "'=HYPERLINK(1)" in body
    assert Attempt.objects.count() == 1
