"""A quiz people have taken cannot be deleted, only archived; their attempts are kept."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from quizzes import selectors, services
from quizzes.models import Answer, Attempt, QuizPage
from tests.quizzes.factories import attempt_complete, quiz_create

pytestmark = pytest.mark.django_db


def _messages(response) -> str:
    return " ".join(str(m) for m in response.wsgi_request._messages)


def test_the_database_refuses_to_delete_a_quiz_with_attempts(practitioner):
    quiz = quiz_create()
    attempt_complete(practitioner, quiz)
    with pytest.raises(ProtectedError):
        QuizPage.objects.get(pk=quiz.pk).delete()
    assert Attempt.objects.filter(quiz=quiz).count() == 1
    assert Answer.objects.filter(attempt__quiz=quiz).exists()


def test_a_moderator_is_refused_deleting_a_quiz_with_attempts(moderator, practitioner, login):
    quiz = quiz_create()
    attempt_complete(practitioner, quiz)
    answers = Answer.objects.filter(attempt__quiz=quiz).count()
    client = login(moderator)
    url = reverse("wagtailadmin_pages:delete", args=[quiz.pk])

    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_pages:edit", args=[quiz.pk])
    followed = client.post(url, follow=True)
    html = followed.content.decode()
    assert "cannot be deleted because records that must be kept refer to it" in html
    assert "attempts: 1" in html
    assert "Unpublish it" in html and "archived" in html

    assert QuizPage.objects.filter(pk=quiz.pk).exists()
    assert Attempt.objects.filter(quiz=quiz).count() == 1
    assert Answer.objects.filter(attempt__quiz=quiz).count() == answers


def test_a_quiz_nobody_has_taken_can_still_be_deleted(moderator, login):
    quiz = quiz_create()
    response = login(moderator).post(reverse("wagtailadmin_pages:delete", args=[quiz.pk]))
    assert response.status_code == 302
    assert not QuizPage.objects.filter(pk=quiz.pk).exists()


def test_bulk_delete_refuses_the_whole_selection_when_one_quiz_has_attempts(
    moderator, practitioner, login
):
    taken = quiz_create(title="Taken quiz")
    untouched = quiz_create(title="Untouched quiz")
    attempt_complete(practitioner, taken)
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
        + f"?id={taken.pk}&id={untouched.pk}&next=/admin/pages/"
    )
    response = login(moderator).post(url, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was deleted" in html and "Taken quiz" in html
    assert "Untouched quiz" not in _messages(response)
    assert QuizPage.objects.filter(pk__in=[taken.pk, untouched.pk]).count() == 2
    assert Attempt.objects.filter(quiz=taken).count() == 1


def test_deleting_the_parent_of_a_quiz_with_attempts_is_refused(practitioner):
    from elearning.core.protection import pages_protected_records

    quiz = quiz_create()
    attempt_complete(practitioner, quiz)
    home = quiz.get_parent()
    assert pages_protected_records([home])["attempts"] == 1


def test_an_archived_quiz_cannot_be_started_but_results_and_reports_remain(
    practitioner, other_practitioner, login
):
    quiz = quiz_create(title="Home visit quiz")
    done = attempt_complete(practitioner, quiz)
    quiz.archived = True
    quiz.save_revision().publish()

    client = login(practitioner)
    page = client.get(quiz.url).content.decode()
    assert "This quiz has been archived" in page
    assert "Start a new attempt" not in page
    # The learner's result is still there, and on "My quizzes".
    assert client.get(f"{quiz.url}attempt/{done.pk}/result/").status_code == 200
    assert quiz.title in client.get(reverse("quizzes:mine")).content.decode()

    response = login(other_practitioner).post(quiz.url + "start/", follow=True)
    assert "This quiz has been archived, so it cannot be started again." in (
        response.content.decode()
    )
    assert not Attempt.objects.filter(user=other_practitioner).exists()
    with pytest.raises(services.QuizArchived):
        services.attempt_start(user=other_practitioner, quiz=QuizPage.objects.get(pk=quiz.pk))

    # Reports still count the archived quiz's attempts.
    assert selectors.quiz_attempt_stats([quiz.pk])[quiz.pk]["attempts"] == 1


def test_an_unfinished_attempt_at_an_archived_quiz_can_still_be_finished(practitioner):
    quiz = quiz_create()
    attempt = services.attempt_start(user=practitioner, quiz=quiz)
    quiz.archived = True
    quiz.save_revision().publish()
    resumed = services.attempt_start(user=practitioner, quiz=QuizPage.objects.get(pk=quiz.pk))
    assert resumed.pk == attempt.pk
