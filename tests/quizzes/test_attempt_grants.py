"""Extra attempts given by partnership staff: recorded (who, for whom, when, why), counted by
attempts_remaining and attempt_start, and refused when not needed or not allowed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from quizzes import services
from quizzes.models import AttemptGrant

from .factories import POOR_PATH, attempt_complete, quiz_create

pytestmark = pytest.mark.django_db


def _used_up(user, **fields):
    quiz = quiz_create(max_attempts=1, **fields)
    attempt_complete(user, quiz, POOR_PATH)
    return quiz


def test_grant_gives_one_more_attempt_and_is_recorded(practitioner, staff):
    quiz = _used_up(practitioner)
    assert services.attempts_remaining(user=practitioner, quiz=quiz) == 0
    with pytest.raises(services.AttemptLimitReached):
        services.attempt_start(user=practitioner, quiz=quiz)
    grant = services.attempt_grant(
        by=staff, user=practitioner, quiz=quiz, reason="Connection dropped."
    )
    assert (grant.granted_by, grant.user, grant.reason) == (
        staff,
        practitioner,
        "Connection dropped.",
    )
    assert grant.granted_at is not None and grant.granted_by_name
    assert services.attempts_remaining(user=practitioner, quiz=quiz) == 1
    attempt_complete(practitioner, quiz, POOR_PATH)
    assert services.attempts_remaining(user=practitioner, quiz=quiz) == 0


@pytest.mark.parametrize("case", ["not staff", "self", "attempts left", "no limit", "no reason"])
def test_grant_refusals_store_nothing(case, practitioner, staff):
    by, reason = staff, "Technical problem."
    if case == "attempts left":
        quiz = quiz_create(max_attempts=2)
    elif case == "no limit":
        quiz = quiz_create(max_attempts=0)
    else:
        quiz = _used_up(staff if case == "self" else practitioner)
    user = staff if case == "self" else practitioner
    if case == "not staff":
        by = practitioner
        user = staff
        quiz = _used_up(staff, title="Another", slug="another")
    if case == "no reason":
        reason = "  "
    with pytest.raises(ValidationError):
        services.attempt_grant(by=by, user=user, quiz=quiz, reason=reason)
    assert not AttemptGrant.objects.exists()


def test_staff_page_lists_learners_out_of_attempts_and_grants(login, practitioner, staff):
    quiz = _used_up(practitioner)
    client = login(staff)
    url = reverse("quizzes:attempt_grants")
    html = client.get(url).content.decode()
    assert escape(str(practitioner)) in html and escape(quiz.title) in html
    response = client.post(
        url, {"quiz": quiz.pk, "user": practitioner.pk, "reason": ""}, follow=True
    )
    assert "Say why" in response.content.decode()
    assert not AttemptGrant.objects.exists()
    response = client.post(
        url, {"quiz": quiz.pk, "user": practitioner.pk, "reason": "Fire alarm."}, follow=True
    )
    assert "one more attempt" in response.content.decode()
    assert AttemptGrant.objects.get().granted_by == staff
    assert "nobody-stuck" in response.content.decode()


def test_learners_cannot_use_the_grant_page(login, practitioner):
    quiz = _used_up(practitioner)
    client = login(practitioner)
    url = reverse("quizzes:attempt_grants")
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"quiz": quiz.pk, "user": practitioner.pk, "reason": "x"}).status_code
        == 403
    )
    assert not AttemptGrant.objects.exists()
