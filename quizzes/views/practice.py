"""Practice mode: a quiz tried without signing in, its state carried signed in the form;
nothing is stored. The rules are in ``quizzes.practice``."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from .. import practice as rules
from ..models import QuizPage
from ..services import StageAnswersInvalid
from .common import bad_request, review_items, stage_context


@never_cache
def practice(request, page: QuizPage):
    """Practice mode: the whole state travels in a signed form field, so nothing is stored."""
    if not page.allow_practice:
        raise Http404
    structure = page.structure()
    action = page.subpage_url(request, "practice_route")
    if request.method != "POST" or "state" not in request.POST:
        started = rules.practice_start(structure)
        return _render_stage(request, page, started, started.current, action)
    try:
        loaded = rules.practice_load(structure, request.POST["state"])
    except rules.PracticeUnreadable as refusal:
        return bad_request(request, page, str(refusal))
    except rules.PracticeQuizChanged as refusal:
        messages.info(request, str(refusal))
        return redirect(action)
    if request.POST.get("continue"):
        return _render_stage(request, page, loaded, loaded.current, action)
    try:
        step = rules.practice_answer(loaded, request.POST.get("stage"), request.POST)
    except rules.PracticeTamperedAnswer as refusal:
        return bad_request(request, page, str(refusal))
    except StageAnswersInvalid as invalid:
        return render(
            request,
            "quizzes/stage.html",
            stage_context(
                page,
                loaded.current,
                errors=invalid.errors,
                posted=request.POST,
                practice=True,
                action=action,
                step=loaded.step,
                state=loaded.signed,
            ),
        )
    feedback = step.feedback(page.review)
    if feedback is not None:
        return render(
            request,
            "quizzes/feedback.html",
            {
                "page": page,
                "self": page,
                "stage": step.answered,
                "items": review_items(structure, feedback),
                "practice": True,
                "action": action,
                "state": step.signed,
                "finished": step.finished,
            },
        )
    if step.finished:
        return _render_result(request, page, step.practice)
    return _render_stage(request, page, step.practice, step.next_stage, action)


def _render_stage(request, page, practice: rules.Practice, stage, action):
    if practice.is_over_at(stage):
        return _render_result(request, page, practice)
    return render(
        request,
        "quizzes/stage.html",
        stage_context(
            page,
            stage,
            practice=True,
            action=action,
            step=practice.step,
            state=practice.sign(),
        ),
    )


def _render_result(request, page, practice: rules.Practice):
    result = rules.practice_result(
        practice, scoring_mode=page.scoring_mode, pass_mark=page.pass_mark, review=page.review
    )
    return render(
        request,
        "quizzes/result.html",
        {
            "page": page,
            "self": page,
            "practice": True,
            "path": result.path,
            "ending": result.ending,
            "score": result.score,
            "passed": result.passed,
            "pass_mark": page.pass_mark,
            "show_review": result.show_review,
            "review_hidden_until_pass": result.review_hidden_until_pass,
            "items": review_items(practice.structure, result.answers),
        },
    )
