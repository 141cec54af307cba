"""Practice mode: a quiz tried without signing in, its state carried signed in the form;
nothing is stored."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .. import engine
from ..models import QuizPage, ReviewOption
from .common import bad_request, review_items, stage_context

PRACTICE_SALT = "quizzes.practice"


class _PracticeAnswer:
    """Looks enough like an Answer for the review template, without touching the database."""

    def __init__(self, stage: engine.Stage, question: engine.Question, given: dict):
        self.stage_key = stage.key
        self.stage_heading = stage.heading
        self.question_id = question.id
        self.question_kind = question.kind
        self.question_text = question.text
        self.options_shown = [{"id": o.id, "text": o.text} for o in question.options]
        self.selected_option_ids = given.get("options", [])
        self.worry = given.get("worry")
        self.text = given.get("text", "")


@never_cache
def practice(request, page: QuizPage):
    """Practice mode: the whole state travels in a signed form field, so nothing is stored."""
    if not page.allow_practice:
        raise Http404
    structure = page.structure()
    action = page.subpage_url("practice_route")
    if request.method != "POST" or "state" not in request.POST:
        first = structure.first
        state = {"path": [first.key], "answers": []}
        return render(
            request,
            "quizzes/stage.html",
            stage_context(
                page,
                first,
                practice=True,
                action=action,
                step=1,
                state=signing.dumps(state, salt=PRACTICE_SALT, compress=True),
            ),
        )
    try:
        state = signing.loads(request.POST["state"], salt=PRACTICE_SALT, max_age=60 * 60 * 12)
    except signing.BadSignature:
        return bad_request(request, page, _("Your practice could not be read. Start again."))
    current = structure.stage(state["path"][-1]) if state.get("path") else None
    if current is None:
        messages.info(request, _("The quiz has changed since you started. Start again."))
        return redirect(action)
    if request.POST.get("continue"):
        return _practice_render_stage(request, page, structure, current, state, action)
    if request.POST.get("stage") != current.key:
        return bad_request(request, page, _("The answer sent does not match this quiz."))
    answers, errors, tampered = engine.parse_stage_post(current, request.POST)
    if tampered:
        return bad_request(request, page, _("The answer sent does not match this quiz."))
    if errors:
        return render(
            request,
            "quizzes/stage.html",
            stage_context(
                page,
                current,
                errors=errors,
                posted=request.POST,
                practice=True,
                action=action,
                step=len(state["path"]),
                state=request.POST["state"],
            ),
        )
    for qid, given in answers.items():
        state["answers"].append({"stage": current.key, "question": qid, **given})
    next_key = structure.next_key(current, {q: a.get("options", []) for q, a in answers.items()})
    finished = not next_key
    if next_key:
        state["path"].append(next_key)
        nxt = structure.stage(next_key)
        finished = nxt.is_ending and not nxt.questions
    signed = signing.dumps(state, salt=PRACTICE_SALT, compress=True)
    if page.review == ReviewOption.IMMEDIATELY and any(q.is_choice for q in current.questions):
        items = review_items(
            structure,
            [_PracticeAnswer(current, current.question(q), a) for q, a in answers.items()],
        )
        return render(
            request,
            "quizzes/feedback.html",
            {
                "page": page,
                "self": page,
                "stage": current,
                "items": items,
                "practice": True,
                "action": action,
                "state": signed,
                "finished": finished,
            },
        )
    if finished:
        return _practice_result(request, page, structure, state)
    return _practice_render_stage(
        request, page, structure, structure.stage(next_key), state, action
    )


def _practice_render_stage(request, page, structure, stage, state, action):
    if (
        stage.is_ending
        and not stage.questions
        or (stage.key in {a["stage"] for a in state["answers"]} and stage.is_ending)
    ):
        return _practice_result(request, page, structure, state)
    return render(
        request,
        "quizzes/stage.html",
        stage_context(
            page,
            stage,
            practice=True,
            action=action,
            step=len(state["path"]),
            state=signing.dumps(state, salt=PRACTICE_SALT, compress=True),
        ),
    )


def _practice_result(request, page, structure, state):
    practice_answers = []
    points = []
    for given in state["answers"]:
        stage = structure.stage(given["stage"])
        question = stage.question(given["question"]) if stage else None
        if question is None:
            continue
        points.append(engine.question_score(question, given.get("options", []))[0])
        practice_answers.append(_PracticeAnswer(stage, question, given))
    ending = structure.stage(state["path"][-1])
    score = engine.total_score(scoring_mode=page.scoring_mode, answer_points=points, ending=ending)
    passed = score >= page.pass_mark
    show_review = page.review == ReviewOption.IMMEDIATELY or (
        page.review == ReviewOption.AFTER_PASSING and passed
    )
    return render(
        request,
        "quizzes/result.html",
        {
            "page": page,
            "self": page,
            "practice": True,
            "path": [structure.stage(k) for k in state["path"] if structure.stage(k)],
            "ending": ending,
            "score": score,
            "passed": passed,
            "pass_mark": page.pass_mark,
            "show_review": show_review,
            "review_hidden_until_pass": page.review == ReviewOption.AFTER_PASSING and not passed,
            "items": review_items(structure, practice_answers) if show_review else [],
        },
    )
