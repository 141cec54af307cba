"""Browser journeys for scenario quizzes, in real Chromium against the live server."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from quizzes.models import Attempt, QuizPage
from tests.factories import PASSWORD, UserFactory, frozen_totp_code
from tests.quizzes.factories import GOOD_PATH, POOR_PATH, attempt_complete, quiz_create

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, user, next_url="/"):
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()


def answer_start(page, choice: str, worry: str):
    page.get_by_label(choice).check()
    page.locator("fieldset", has_text="How worried are you?").get_by_label(
        worry, exact=True
    ).check()
    page.get_by_label("Why?").fill("Because of what I saw.")
    page.get_by_role("button", name="Continue").click()


def test_learner_takes_a_branching_quiz_down_two_paths(page, live_server, axe):
    quiz = quiz_create()
    user = UserFactory()
    sign_in(page, user, quiz.url)
    page.wait_for_url(re.compile(quiz.url))
    axe(page, context_label="quiz introduction")

    # First path: act early, spot the indicators, reach the good ending.
    page.get_by_role("button", name="Start quiz").click()
    expect(page.get_by_role("heading", name="First visit")).to_be_visible()
    axe(page, context_label="quiz stage")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe(page, context_label="quiz stage with errors")
    answer_start(page, "Talk to the child and record what you see", "7")
    expect(page.get_by_role("heading", name="Feedback: First visit")).to_be_visible()
    expect(
        page.get_by_text("Feedback on Talk to the child and record what you see")
    ).to_be_visible()
    axe(page, context_label="stage feedback")
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", name="Three months later")).to_be_visible()
    page.get_by_label("Untreated tooth decay").check()
    page.get_by_label("Missed health appointments").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", name="You passed")).to_be_visible()
    expect(page.get_by_role("heading", name="The child is helped")).to_be_visible()
    expect(page.get_by_text("Early action helped.")).to_be_visible()
    axe(page, context_label="result page")

    # Second path: wait and see, drift, reach the poor ending.
    page.get_by_role("button", name="Try again").click()
    answer_start(page, "Wait and see", "2")
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", name="Eighteen months later")).to_be_visible()
    page.get_by_label("Close the case").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", name="You did not pass this time")).to_be_visible()
    expect(page.get_by_role("heading", name="The child waited too long")).to_be_visible()
    path = page.locator(".app-quiz-path li").all_inner_texts()
    assert path == ["First visit", "Eighteen months later", "The child waited too long"]

    page.goto("/quizzes/mine/")
    axe(page, context_label="my quizzes")
    assert page.locator("tbody tr").count() == 2
    endings = set(Attempt.objects.filter(user=user).values_list("ending_key", flat=True))
    assert endings == {"good-end", "poor-end"}
    assert page.console_errors == []


def test_learner_resumes_after_closing_the_browser(page, browser, live_server):
    quiz = quiz_create()
    user = UserFactory()
    sign_in(page, user, quiz.url)
    page.wait_for_url(re.compile(quiz.url))
    page.get_by_role("button", name="Start quiz").click()
    answer_start(page, "Wait and see", "3")
    page.get_by_role("link", name="Continue").click()
    # Starting to answer and then leaving: the enhancement warns that this page is not saved.
    page.get_by_label("Close the case").check()
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.get_by_role("link", name="Leave and come back later").click()
    page.wait_for_url(re.compile(quiz.url + "$"))
    assert dialogs == ["Your answers on this page have not been saved yet. Leave anyway?"]
    page.context.close()

    context = browser.new_context(base_url=live_server.url)
    again = context.new_page()
    sign_in(again, user, quiz.url)
    again.wait_for_url(re.compile(quiz.url))
    again.get_by_role("button", name="Carry on where you left off").click()
    expect(again.get_by_role("heading", name="Eighteen months later")).to_be_visible()
    again.get_by_label("Review the chronology with your supervisor").check()
    again.get_by_role("button", name="Continue").click()
    again.get_by_role("link", name="Continue").click()
    expect(again.get_by_role("heading", name="The child waited too long")).to_be_visible()
    attempt = Attempt.objects.get(user=user)
    assert attempt.path == ["start", "drift", "poor-end"] and attempt.is_submitted
    context.close()


def test_visitor_practises_without_signing_in(page, live_server, axe):
    quiz = quiz_create()
    page.goto(quiz.url)
    page.get_by_role("link", name="Try it in practice mode").click()
    page.wait_for_url("**practice**")
    axe(page, context_label="practice stage")
    answer_start(page, "Wait and see", "4")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Review the chronology with your supervisor").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="See your result").click()
    expect(page.get_by_role("heading", name="The child waited too long")).to_be_visible()
    axe(page, context_label="practice result")
    assert Attempt.objects.count() == 0


def test_staff_author_creates_a_quiz_in_the_admin_and_sees_analytics(page, live_server, staff, axe):
    from elearning.accounts.roles_setup import roles_sync
    from elearning.library.models import HomePage

    # Browser tests empty the database between tests; the page tree is rebuilt by the ``page``
    # fixture, so grant the staff group its page permissions on it again.
    roles_sync()
    home = HomePage.objects.get()
    sign_in(page, staff, "/admin/")
    # The live server is a thread of this process, so it sees the clock stopped too.
    with frozen_totp_code(staff._totp_secret) as code:
        page.get_by_label(re.compile("code", re.I)).fill(code)
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(re.compile("/admin/"))
    # The test database is SQLite in memory: let the admin's own background requests finish
    # before the next page, so two requests never write at once.
    page.wait_for_load_state("networkidle")

    page.goto(f"/admin/pages/add/quizzes/quizpage/{home.pk}/")
    page.wait_for_load_state("networkidle")
    page.locator("#id_title").fill("A short scenario")
    page.locator("[data-contentpath='intro'] [contenteditable='true']").fill("Who it is for.")
    # Stages is a StreamField with one block type, so "+" adds a stage straight away.
    page.locator("[data-contentpath='stages'] .c-sf-add-button").first.click()
    page.get_by_label("Stage key").fill("the-end")
    page.get_by_label("Heading").fill("The only stage")
    page.locator("[data-contentpath='vignette'] [contenteditable='true']").fill(
        "Something happens."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    # Not an ending and nothing after it: the editor is told why it cannot be saved.
    expect(page.get_by_text("is the last stage but is not an ending").first).to_be_visible()
    assert not QuizPage.objects.filter(title="A short scenario").exists()

    page.get_by_label("This stage is an ending").check()
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    quiz = QuizPage.objects.get(title="A short scenario")
    assert quiz.structure().stages[0].key == "the-end" and quiz.structure().stages[0].is_ending

    # Analytics of a quiz people have taken, with every table filled in.
    taken = quiz_create(title="Taken quiz", slug="taken")
    for path in (GOOD_PATH, GOOD_PATH, POOR_PATH):
        attempt_complete(UserFactory(), taken, path)
    page.goto("/quizzes/analytics/")
    axe(page, context_label="quiz analytics index")
    page.get_by_role("link", name="Taken quiz").click()
    expect(page.get_by_role("heading", name="Item analysis")).to_be_visible()
    expect(page.get_by_text("start → drift → poor-end")).to_be_visible()
    axe(page, context_label="quiz analytics")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download item analysis (CSV)").click()
    assert "What do you do first?" in Path(download.value.path()).read_text()
