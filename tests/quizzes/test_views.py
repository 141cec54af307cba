"""Taking a quiz over HTTP, per role, including the refusals."""

import re

import pytest

from quizzes.models import Answer, Attempt, QuizPage
from tests.quizzes.factories import attempt_complete, quiz_create

pytestmark = pytest.mark.django_db


def _state(response) -> str:
    return re.search(r'name="state" value="([^"]+)"', response.content.decode()).group(1)


def _start(client, quiz) -> Attempt:
    response = client.post(quiz.url + "start/")
    assert response.status_code == 302
    return Attempt.objects.latest("id")


def test_learner_takes_the_quiz_step_by_step_with_immediate_feedback(practitioner, login):
    quiz = quiz_create()
    client = login(practitioner)
    page = client.get(quiz.url)
    assert b"Start quiz" in page.content
    attempt = _start(client, quiz)
    url = f"{quiz.url}attempt/{attempt.pk}/"
    first = client.get(url)
    assert b"First visit" in first.content and b"What do you do first?" in first.content

    response = client.post(url, {"stage": "start", "q-q-first": "o-act", "q-q-worry": "6"})
    assert response.url == f"{url}feedback/start/"
    feedback = client.get(response.url).content.decode()
    assert "Feedback on Talk to the child and record what you see" in feedback
    assert "Correct" in feedback

    client.post(url, {"stage": "check-in", "q-q-signs": ["o-teeth", "o-missed"]})
    result = client.get(f"{url}result/").content.decode()
    assert "You passed" in result
    assert "Your score: 5 points" in result
    assert "Early action helped." in result
    path = re.search(
        r'<ol class="govuk-list govuk-list--number app-quiz-path">(.*?)</ol>', result, re.S
    )
    assert re.findall(r"<li>(.*?)</li>", path.group(1)) == [
        "First visit",
        "Three months later",
        "The child is helped",
    ]


def test_missing_answer_shows_an_error_on_the_page(practitioner, login):
    quiz = quiz_create()
    client = login(practitioner)
    attempt = _start(client, quiz)
    response = client.post(f"{quiz.url}attempt/{attempt.pk}/", {"stage": "start", "q-q-worry": "3"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'href="#q-q-first"' in body
    # What they did answer is kept on the page.
    assert re.search(r'value="3" checked', body)
    assert not Answer.objects.exists()


def test_tampered_option_is_refused_with_400(practitioner, login):
    quiz = quiz_create()
    client = login(practitioner)
    attempt = _start(client, quiz)
    response = client.post(
        f"{quiz.url}attempt/{attempt.pk}/",
        {"stage": "start", "q-q-first": "o-forged", "q-q-worry": "3"},
    )
    assert response.status_code == 400
    assert b"Nothing was saved" in response.content
    attempt.refresh_from_db()
    assert attempt.path == ["start"] and not Answer.objects.exists()


def test_tampered_stage_is_refused_with_400(practitioner, login):
    quiz = quiz_create()
    client = login(practitioner)
    attempt = _start(client, quiz)
    response = client.post(f"{quiz.url}attempt/{attempt.pk}/", {"stage": "good-end"})
    assert response.status_code == 400
    attempt.refresh_from_db()
    assert attempt.status == "in_progress" and attempt.path == ["start"]


def test_double_submission_is_harmless(practitioner, login):
    quiz = quiz_create(review="never")
    client = login(practitioner)
    attempt = _start(client, quiz)
    url = f"{quiz.url}attempt/{attempt.pk}/"
    data = {"stage": "start", "q-q-first": "o-act", "q-q-worry": "6"}
    assert client.post(url, data).url == url
    assert client.post(url, data).url == url
    assert Answer.objects.filter(attempt=attempt).count() == 3


def test_someone_elses_attempt_is_not_found(practitioner, other_practitioner, login):
    quiz = quiz_create()
    attempt = attempt_complete(practitioner, quiz)
    other = login(other_practitioner)
    assert other.get(f"{quiz.url}attempt/{attempt.pk}/result/").status_code == 404
    assert other.get(f"{quiz.url}attempt/{attempt.pk}/").status_code == 404
    assert other.post(f"{quiz.url}attempt/{attempt.pk}/", {"stage": "start"}).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in_to_take_or_see_attempts(client, practitioner):
    quiz = quiz_create()
    attempt = attempt_complete(practitioner, quiz)
    assert "/accounts/login/" in client.post(quiz.url + "start/").url
    assert "/accounts/login/" in client.get(f"{quiz.url}attempt/{attempt.pk}/result/").url
    assert Attempt.objects.count() == 1


def test_sign_in_brings_an_anonymous_visitor_back_to_the_page_they_asked_for(client, practitioner):
    from urllib.parse import parse_qs, urlsplit

    quiz = quiz_create()
    attempt = attempt_complete(practitioner, quiz)
    for path in (
        f"{quiz.url}attempt/{attempt.pk}/",
        f"{quiz.url}attempt/{attempt.pk}/feedback/start/",
        f"{quiz.url}attempt/{attempt.pk}/result/",
    ):
        response = client.get(path)
        assert response.status_code == 302
        sent_to = urlsplit(response.url)
        assert sent_to.path == "/accounts/login/"
        assert parse_qs(sent_to.query)["next"] == [path]
    start = urlsplit(client.post(quiz.url + "start/").url)
    assert start.path == "/accounts/login/" and parse_qs(start.query)["next"]


def test_review_after_passing_hides_answers_until_passed(practitioner, login):
    quiz = quiz_create(review="after_passing")
    client = login(practitioner)
    attempt = _start(client, quiz)
    url = f"{quiz.url}attempt/{attempt.pk}/"
    response = client.post(url, {"stage": "start", "q-q-first": "o-wait", "q-q-worry": "1"})
    assert response.url == url  # no per-stage feedback
    assert client.get(f"{url}feedback/start/").status_code == 404
    client.post(url, {"stage": "drift", "q-q-drift": "o-close"})
    result = client.get(f"{url}result/").content.decode()
    assert "You did not pass this time" in result
    assert "Correct answers and feedback are shown once you pass." in result
    assert "Feedback on Close the case" not in result

    attempt2 = _start(client, quiz)
    url2 = f"{quiz.url}attempt/{attempt2.pk}/"
    client.post(url2, {"stage": "start", "q-q-first": "o-act", "q-q-worry": "8"})
    client.post(url2, {"stage": "check-in", "q-q-signs": ["o-teeth", "o-missed"]})
    result = client.get(f"{url2}result/").content.decode()
    assert "You passed" in result and "Feedback on Untreated tooth decay" in result


def test_review_never_shows_no_option_feedback(practitioner, login):
    quiz = quiz_create(review="never")
    client = login(practitioner)
    attempt = attempt_complete(practitioner, quiz)
    result = client.get(f"{quiz.url}attempt/{attempt.pk}/result/").content.decode()
    assert "You passed" in result and "Feedback on" not in result


def test_attempt_limit_message(practitioner, login):
    quiz = quiz_create(max_attempts=1)
    attempt_complete(practitioner, quiz)
    client = login(practitioner)
    assert b"You have used all your attempts" in client.get(quiz.url).content
    response = client.post(quiz.url + "start/", follow=True)
    assert b"You have used all your attempts" in response.content
    assert Attempt.objects.count() == 1


def test_practice_mode_stores_nothing_and_reaches_an_ending(client):
    quiz = quiz_create()
    counts = (Attempt.objects.count(), Answer.objects.count())
    first = client.get(quiz.url + "practice/")
    assert b"Practice mode" in first.content
    fb = client.post(
        quiz.url + "practice/",
        {"state": _state(first), "stage": "start", "q-q-first": "o-wait", "q-q-worry": "2"},
    )
    assert b"Feedback on Wait and see" in fb.content
    drift = client.post(quiz.url + "practice/", {"state": _state(fb), "continue": "1"})
    assert b"Eighteen months later" in drift.content
    fb2 = client.post(
        quiz.url + "practice/", {"state": _state(drift), "stage": "drift", "q-q-drift": "o-close"}
    )
    result = client.post(quiz.url + "practice/", {"state": _state(fb2), "continue": "1"})
    body = result.content.decode()
    assert "The child waited too long" in body and "You did not pass this time" in body
    assert (Attempt.objects.count(), Answer.objects.count()) == counts


def test_practice_refuses_forged_state_and_options(client):
    quiz = quiz_create()
    first = client.get(quiz.url + "practice/")
    forged = client.post(quiz.url + "practice/", {"state": "not-signed", "stage": "start"})
    assert forged.status_code == 400
    bad_option = client.post(
        quiz.url + "practice/",
        {"state": _state(first), "stage": "start", "q-q-first": "o-forged", "q-q-worry": "2"},
    )
    assert bad_option.status_code == 400
    wrong_stage = client.post(quiz.url + "practice/", {"state": _state(first), "stage": "drift"})
    assert wrong_stage.status_code == 400


def test_practice_can_be_switched_off(client):
    quiz = quiz_create(allow_practice=False)
    assert client.get(quiz.url + "practice/").status_code == 404
    assert b"practice mode" not in client.get(quiz.url).content


def test_my_quizzes_lists_only_my_attempts(practitioner, other_practitioner, login):
    quiz = quiz_create()
    mine = attempt_complete(practitioner, quiz)
    other_quiz = quiz_create(title="Another story", slug="another")
    attempt_complete(other_practitioner, other_quiz)
    body = login(practitioner).get("/quizzes/mine/").content.decode()
    assert f"attempt/{mine.pk}/result/" in body
    assert "Another story" not in body
    dashboard = login(practitioner).get("/dashboard/").content.decode()
    assert "Sam&#x27;s story" in dashboard or "Sam's story" in dashboard
    assert 'href="/quizzes/mine/"' in dashboard


def test_my_quizzes_needs_sign_in(client):
    assert "/accounts/login/" in client.get("/quizzes/mine/").url


def test_navigation_shows_my_quizzes_to_signed_in_people_and_analytics_to_staff(
    practitioner, staff, login, client
):
    quiz = quiz_create()
    learner_page = login(practitioner).get(quiz.url).content.decode()
    assert 'href="/quizzes/mine/"' in learner_page
    assert 'href="/quizzes/analytics/"' not in learner_page
    staff_page = login(staff).get(quiz.url).content.decode()
    assert 'href="/quizzes/analytics/"' in staff_page
    assert f'href="/quizzes/analytics/{quiz.pk}/"' in staff_page
    assert 'href="/quizzes/mine/"' not in client.get(quiz.url).content.decode()


def test_wagtail_admin_reports_menu_links_to_quiz_analytics_for_staff_and_moderators(
    staff, moderator, login
):
    assert "/quizzes/analytics/" in login(staff).get("/admin/").content.decode()
    from elearning.accounts.roles import Role, has_role

    assert has_role(moderator, Role.STAFF)
    assert "/quizzes/analytics/" in login(moderator).get("/admin/").content.decode()


def test_stage_image_is_shown_with_its_description(practitioner, login):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from tests.quizzes.factories import branching_stages

    image = Image.objects.create(title="Kitchen", file=get_test_image_file())
    stages = branching_stages()
    stages[0]["value"]["image"] = image.pk
    stages[0]["value"]["image_alt"] = "A kitchen with empty cupboards"
    quiz = quiz_create(stages)
    client = login(practitioner)
    attempt = _start(client, quiz)
    body = client.get(f"{quiz.url}attempt/{attempt.pk}/").content.decode()
    assert 'alt="A kitchen with empty cupboards"' in body


def test_preview_of_an_unsaved_quiz_renders_for_its_author(staff, login):
    from elearning.library.models import HomePage
    from tests.quizzes.factories import branching_stages

    home = HomePage.objects.get()
    client = login(staff)
    response = client.get(f"/admin/pages/add/quizzes/quizpage/{home.pk}/")
    assert response.status_code == 200
    quiz = QuizPage(title="Draft", slug="draft", intro="<p>x</p>", stages=branching_stages())
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = staff
    from quizzes.views import quiz_index

    assert b"Draft" in quiz_index(request, quiz).content
