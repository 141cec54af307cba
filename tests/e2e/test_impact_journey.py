"""Answering the impact follow-up three months after a course, with the keyboard alone."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from courses.models import ImpactFollowUp
from tests.conftest import sign_in_by_session
from tests.courses.test_impact import _due
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

MAX_TABS = 80


def _tab_to(page, selector: str) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_answer_the_follow_up_with_the_keyboard(page, live_server, axe):
    learner = UserFactory()
    follow_up = _due(learner)
    sign_in_by_session(page.context, learner, live_server.url)
    page.goto(reverse("courses:my_learning"))
    link = page.get_by_role("link", name="What has changed in your practice since")
    expect(link).to_be_visible()
    _tab_to(page, f"a[href='{reverse('courses:impact_follow_up', args=[follow_up.pk])}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('courses:impact_follow_up', args=[follow_up.pk])}")
    expect(page.get_by_text("Do not include names", exact=False).first).to_be_visible()
    axe(page, context_label="impact follow-up")

    _tab_to(page, "textarea[name=practice_change]")
    page.keyboard.type("I read the whole chronology before each review.")
    _tab_to(page, "textarea[name=example]")
    page.keyboard.type("A review where the same worries had run for a year.")
    _tab_to(page, "input[name=confidence_now]")
    # Arrow keys move within the radio group and choose as they go: 1 then 2, 3, 4.
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    _tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    expect(page.locator("#follow-up-answered")).to_be_visible()
    saved = ImpactFollowUp.objects.get(pk=follow_up.pk)
    assert saved.confidence_now == 4
    assert saved.example == "A review where the same worries had run for a year."
