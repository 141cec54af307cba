"""Quiz taking (called from QuizPage routes), "My quizzes" and staff analytics. Thin: the rules
are in services.py, engine.py and analytics.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.images import get_image_model

from elearning.core.exports import csv_response
from elearning.reports.disclosure import method_note, min_people_for_rates
from elearning.reports.permissions import can_view_partnership_reports

from . import analytics, engine, selectors, services
from .models import Answer, Attempt, AttemptGrant, QuizPage, ReviewOption
from .permissions import can_grant_attempts, can_view_attempt, quizzes_with_analytics_for

PRACTICE_SALT = "quizzes.practice"


def _image(stage: engine.Stage | None):
    if stage is None or not stage.image_id:
        return None
    return get_image_model().objects.filter(pk=stage.image_id).first()


def _bad_request(request, page, message: str):
    return render(
        request, "quizzes/bad_request.html", {"page": page, "message": message}, status=400
    )


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


def quiz_start(request, page: QuizPage):
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    if request.method != "POST":
        return redirect(page.url)
    try:
        attempt = services.attempt_start(user=request.user, quiz=page)
    except services.AttemptLimitReached:
        messages.error(request, _("You have used all your attempts at this quiz."))
        return redirect(page.url)
    except services.QuizArchived:
        messages.error(request, _("This quiz has been archived, so it cannot be started again."))
        return redirect(page.url)
    return redirect(page.subpage_url("attempt_route", attempt.pk))


def _own_attempt(request, page: QuizPage, attempt_id: int) -> Attempt:
    attempt = get_object_or_404(Attempt.objects.select_related("version"), pk=attempt_id, quiz=page)
    if not can_view_attempt(request.user, attempt):
        # Someone else's attempt looks exactly like one that does not exist.
        raise Http404
    return attempt


def _stage_context(page, stage, *, errors=(), posted=None, **extra):
    error_map = dict(errors)
    return {
        "page": page,
        "self": page,
        "stage": stage,
        "image": _image(stage),
        "errors": list(errors),
        "error_map": error_map,
        "posted": posted,
        **extra,
    }


@never_cache
def attempt_stage(request, page: QuizPage, attempt_id: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    attempt = _own_attempt(request, page, attempt_id)
    if attempt.is_submitted:
        return redirect(page.subpage_url("result_route", attempt.pk))
    structure = attempt.get_structure()
    stage = structure.stage(attempt.current_stage)
    if request.method == "POST":
        stage_key = request.POST.get("stage", "")
        try:
            attempt = services.answer_record(
                attempt=attempt, stage_key=stage_key, data=request.POST
            )
        except services.TamperedAnswer:
            return _bad_request(
                request, page, _("The answer sent does not match this quiz. Nothing was saved.")
            )
        except services.StageAnswersInvalid as exc:
            return render(
                request,
                "quizzes/stage.html",
                _stage_context(
                    page,
                    stage,
                    errors=exc.errors,
                    posted=request.POST,
                    attempt=attempt,
                    action=page.subpage_url("attempt_route", attempt.pk),
                    step=len(attempt.path),
                ),
            )
        answered_stage = structure.stage(stage_key)
        if (
            attempt.review == ReviewOption.IMMEDIATELY
            and answered_stage
            and any(q.is_choice for q in answered_stage.questions)
        ):
            return redirect(page.subpage_url("feedback_route", attempt.pk, stage_key))
        if attempt.is_submitted:
            return redirect(page.subpage_url("result_route", attempt.pk))
        return redirect(page.subpage_url("attempt_route", attempt.pk))
    return render(
        request,
        "quizzes/stage.html",
        _stage_context(
            page,
            stage,
            attempt=attempt,
            action=page.subpage_url("attempt_route", attempt.pk),
            step=len(attempt.path),
        ),
    )


def _review_items(structure: engine.Structure, answers) -> list[dict]:
    """Pair each stored answer with the feedback from the version of the quiz the attempt
    was taken on."""
    items = []
    for answer in answers:
        stage = structure.stage(answer.stage_key)
        question = stage.question(answer.question_id) if stage else None
        options = []
        for shown in answer.options_shown:
            option = question.option(shown["id"]) if question else None
            options.append(
                {
                    "text": shown["text"],
                    "chosen": shown["id"] in answer.selected_option_ids,
                    "correct": bool(option and option.is_correct),
                    "feedback": option.feedback if option else "",
                }
            )
        items.append(
            {
                "answer": answer,
                "scored": bool(question and question.scored),
                "general_feedback": question.general_feedback if question else "",
                "options": options,
            }
        )
    return items


@never_cache
def attempt_feedback(request, page: QuizPage, attempt_id: int, stage_key: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    attempt = _own_attempt(request, page, attempt_id)
    if attempt.review != ReviewOption.IMMEDIATELY or stage_key not in attempt.path:
        raise Http404
    structure = attempt.get_structure()
    stage = structure.stage(stage_key)
    answers = list(Answer.objects.filter(attempt=attempt, stage_key=stage_key))
    if not answers:
        return redirect(page.subpage_url("attempt_route", attempt.pk))
    next_url = (
        page.subpage_url("result_route", attempt.pk)
        if attempt.is_submitted
        else page.subpage_url("attempt_route", attempt.pk)
    )
    return render(
        request,
        "quizzes/feedback.html",
        {
            "page": page,
            "self": page,
            "stage": stage,
            "items": _review_items(structure, answers),
            "next_url": next_url,
        },
    )


@never_cache
def attempt_result(request, page: QuizPage, attempt_id: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    attempt = _own_attempt(request, page, attempt_id)
    if not attempt.is_submitted:
        return redirect(page.subpage_url("attempt_route", attempt.pk))
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
            "items": _review_items(structure, answers),
            "remaining": services.attempts_remaining(user=request.user, quiz=page),
        },
    )


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
            _stage_context(
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
        return _bad_request(request, page, _("Your practice could not be read. Start again."))
    current = structure.stage(state["path"][-1]) if state.get("path") else None
    if current is None:
        messages.info(request, _("The quiz has changed since you started. Start again."))
        return redirect(action)
    if request.POST.get("continue"):
        return _practice_render_stage(request, page, structure, current, state, action)
    if request.POST.get("stage") != current.key:
        return _bad_request(request, page, _("The answer sent does not match this quiz."))
    answers, errors, tampered = engine.parse_stage_post(current, request.POST)
    if tampered:
        return _bad_request(request, page, _("The answer sent does not match this quiz."))
    if errors:
        return render(
            request,
            "quizzes/stage.html",
            _stage_context(
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
        items = _review_items(
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
        _stage_context(
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
            "items": _review_items(structure, practice_answers) if show_review else [],
        },
    )


# --- Non-page routes ----------------------------------------------------------------------


@login_required
@never_cache
def my_quizzes(request):
    attempts = list(selectors.user_attempts(request.user))
    return render(request, "quizzes/my_quizzes.html", {"attempts": attempts})


def _analytics_quiz(request, page_id: int) -> QuizPage:
    if not can_view_partnership_reports(request.user):
        raise PermissionDenied
    return get_object_or_404(quizzes_with_analytics_for(request.user), pk=page_id)


@login_required
@never_cache
def analytics_index(request):
    if not can_view_partnership_reports(request.user):
        raise PermissionDenied
    quizzes = list(
        quizzes_with_analytics_for(request.user).order_by("title").only("id", "title", "live")
    )
    stats = selectors.quiz_attempt_stats([q.pk for q in quizzes])
    rows = [{"quiz": q, "stats": analytics.published_stats(stats.get(q.pk))} for q in quizzes]
    return render(
        request, "quizzes/analytics_index.html", {"rows": rows, "method_note": method_note()}
    )


@login_required
@never_cache
def analytics_detail(request, page_id: int):
    quiz = _analytics_quiz(request, page_id)
    analysis = analytics.published(analytics.quiz_analysis(quiz))
    return render(
        request,
        "quizzes/analytics.html",
        {
            "quiz": quiz,
            "analysis": analysis,
            "method_note": method_note(),
            "min_people": min_people_for_rates(),
        },
    )


@login_required
@never_cache
def analytics_csv(request, page_id: int):
    quiz = _analytics_quiz(request, page_id)
    published = analytics.published(analytics.quiz_analysis(quiz))
    header, *rows = analytics.analysis_csv_rows(published)
    return csv_response(f"quiz-{slugify(quiz.title)}-item-analysis.csv", header, rows)


@login_required
@never_cache
def attempt_grants(request):
    """Partnership staff: learners who have used all their attempts at a quiz without passing,
    each with a form to give one more attempt (recorded with the reason)."""
    if not can_grant_attempts(request.user):
        raise PermissionDenied
    if request.method == "POST":
        quiz = QuizPage.objects.filter(pk=_int(request.POST.get("quiz"))).first()
        learner = get_user_model().objects.filter(pk=_int(request.POST.get("user"))).first()
        reason = request.POST.get("reason", "").strip()
        if quiz is None or learner is None:
            messages.error(request, _("That learner or quiz was not found. Reload the page."))
        elif not reason:
            messages.error(request, _("Say why you are giving an extra attempt."))
        else:
            try:
                services.attempt_grant(by=request.user, user=learner, quiz=quiz, reason=reason)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    _("%(name)s can now have one more attempt at %(quiz)s.")
                    % {"name": learner, "quiz": quiz.title},
                )
        return redirect("quizzes:attempt_grants")
    return render(
        request,
        "quizzes/attempt_grants.html",
        {
            "stuck": selectors.learners_out_of_attempts(),
            "recent": AttemptGrant.objects.select_related("quiz", "user")[:20],
        },
    )


def _int(value) -> int:
    return int(value) if str(value or "").isdigit() else 0
