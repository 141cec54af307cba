"""Browser journey: a moderator tries to delete a quiz people have taken, is refused with the
reason, and archives it instead; learners keep their results but cannot start it again."""

import re

import pytest
from playwright.sync_api import expect

from quizzes.models import Attempt, QuizPage
from tests.conftest import sign_in_by_session
from tests.factories import role_user
from tests.quizzes.factories import attempt_complete, quiz_create

pytestmark = pytest.mark.django_db(transaction=True)


def test_moderator_is_refused_deleting_a_taken_quiz_and_archives_it(page, live_server, axe):
    quiz = quiz_create(title="Home visit quiz", slug="home-visit-quiz")
    learner = role_user("practitioner")
    attempt_complete(learner, quiz)
    moderator = role_user("moderator")

    sign_in_by_session(page.context, moderator, live_server.url)
    page.goto(f"/admin/pages/{quiz.pk}/delete/")
    page.wait_for_url(re.compile(rf"/admin/pages/{quiz.pk}/edit/"))
    refusal = page.get_by_text(re.compile("cannot be deleted because records that must be kept"))
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("attempts: 1")
    assert QuizPage.objects.filter(pk=quiz.pk).exists()

    # Archive instead: tick "archived" in the settings and publish.
    page.get_by_role("tab", name="Settings").click()
    page.get_by_label("Archived").check()
    page.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text(re.compile("has been published"))).to_be_visible()
    quiz = QuizPage.objects.get(pk=quiz.pk)
    assert quiz.archived and quiz.live
    assert Attempt.objects.filter(quiz=quiz).count() == 1

    # The learner still sees their result but is offered no new attempt.
    page.context.clear_cookies()
    sign_in_by_session(page.context, learner, live_server.url)
    page.goto(quiz.url)
    expect(page.get_by_text("This quiz has been archived")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Start"))).to_have_count(0)
    expect(page.get_by_role("heading", name="Your attempts")).to_be_visible()
    axe(page, context_label="archived quiz")
