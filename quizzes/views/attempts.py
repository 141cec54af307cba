"""Taking a quiz for the record: start, each stage, feedback and the result (QuizPage routes)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from elearning.core import refusals
from elearning.reports.permissions import can_view_partnership_reports

from .. import selectors, services
from ..models import Answer, Attempt, QuizPage, ReviewOption
from ..permissions import can_view_attempt
from .common import bad_request, review_items, stage_context


@never_cache
def quiz_index(request, page: QuizPage):
    context = {"page": page, "self": page}
    # A quiz being previewed before its first save has no attempts to list.
    if request.user.is_authenticated and page.pk:
        attempts = list(Attempt.objects.filter(user=request.user, quiz=page))
        context.update(
            attempts=attempts,
            open_attempt=next((a for a in attempts if not a.is_submitted), None),
            remaining=services.attempts_remaining(user=request.user, quiz=page)
            if page.max_attempts
            else None,
            counted=selectors.counted_attempt(attempts, page.attempt_policy),
            show_analytics=can_view_partnership_reports(request.user),
        )
    return render(request, "quizzes/quiz_page.html", context)


@login_required
def quiz_start(request, page: QuizPage):
    if request.method != "POST":
        return redirect(page.url)
    try:
        attempt = services.attempt_start(user=request.user, quiz=page)
    except services.QuizRefusal as refusal:
        refusals.show(request, refusal)
        return redirect(page.url)
    return redirect(page.subpage_url(request, "attempt_route", attempt.pk))


def _own_attempt(request, page: QuizPage, attempt_id: int) -> Attempt:
    attempt = get_object_or_404(Attempt.objects.select_related("version"), pk=attempt_id, quiz=page)
    if not can_view_attempt(request.user, attempt):
        # Someone else's attempt looks exactly like one that does not exist.
        raise Http404
    return attempt


@never_cache
@login_required
def attempt_stage(request, page: QuizPage, attempt_id: int):
    attempt = _own_attempt(request, page, attempt_id)
    if attempt.is_submitted:
        return redirect(page.subpage_url(request, "result_route", attempt.pk))
    structure = attempt.get_structure()
    stage = structure.stage(attempt.current_stage)
    if request.method == "POST":
        stage_key = request.POST.get("stage", "")
        try:
            attempt = services.answer_record(
                attempt=attempt, stage_key=stage_key, data=request.POST
            )
        except services.TamperedAnswer as refusal:
            return bad_request(request, page, str(refusal))
        except services.StageAnswersInvalid as exc:
            return render(
                request,
                "quizzes/stage.html",
                stage_context(
                    page,
                    stage,
                    errors=exc.errors,
                    posted=request.POST,
                    attempt=attempt,
                    action=page.subpage_url(request, "attempt_route", attempt.pk),
                    step=len(attempt.path),
                ),
            )
        answered_stage = structure.stage(stage_key)
        if (
            attempt.review == ReviewOption.IMMEDIATELY
            and answered_stage
            and any(q.is_choice for q in answered_stage.questions)
        ):
            return redirect(page.subpage_url(request, "feedback_route", attempt.pk, stage_key))
        if attempt.is_submitted:
            return redirect(page.subpage_url(request, "result_route", attempt.pk))
        return redirect(page.subpage_url(request, "attempt_route", attempt.pk))
    return render(
        request,
        "quizzes/stage.html",
        stage_context(
            page,
            stage,
            attempt=attempt,
            action=page.subpage_url(request, "attempt_route", attempt.pk),
            step=len(attempt.path),
        ),
    )


@never_cache
@login_required
def attempt_feedback(request, page: QuizPage, attempt_id: int, stage_key: str):
    attempt = _own_attempt(request, page, attempt_id)
    if attempt.review != ReviewOption.IMMEDIATELY or stage_key not in attempt.path:
        raise Http404
    structure = attempt.get_structure()
    stage = structure.stage(stage_key)
    answers = list(Answer.objects.filter(attempt=attempt, stage_key=stage_key))
    if not answers:
        return redirect(page.subpage_url(request, "attempt_route", attempt.pk))
    next_url = (
        page.subpage_url(request, "result_route", attempt.pk)
        if attempt.is_submitted
        else page.subpage_url(request, "attempt_route", attempt.pk)
    )
    return render(
        request,
        "quizzes/feedback.html",
        {
            "page": page,
            "self": page,
            "stage": stage,
            "items": review_items(structure, answers),
            "next_url": next_url,
        },
    )


@never_cache
@login_required
def attempt_result(request, page: QuizPage, attempt_id: int):
    attempt = _own_attempt(request, page, attempt_id)
    if not attempt.is_submitted:
        return redirect(page.subpage_url(request, "attempt_route", attempt.pk))
    structure = attempt.get_structure()
    show_review = attempt.review == ReviewOption.IMMEDIATELY or (
        attempt.review == ReviewOption.AFTER_PASSING and attempt.passed
    )
    answers = list(attempt.answers.all()) if show_review else []
    return render(
        request,
        "quizzes/result.html",
        {
            "page": page,
            "self": page,
            "attempt": attempt,
            "path": [structure.stage(k) for k in attempt.path if structure.stage(k)],
            "ending": structure.stage(attempt.ending_key),
            "score": attempt.score,
            "passed": attempt.passed,
            "pass_mark": attempt.pass_mark,
            "show_review": show_review,
            "review_hidden_until_pass": attempt.review == ReviewOption.AFTER_PASSING
            and not attempt.passed,
            "items": review_items(structure, answers),
            "remaining": services.attempts_remaining(user=request.user, quiz=page),
        },
    )
