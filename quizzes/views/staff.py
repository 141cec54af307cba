"""Routes that are not pages: "My quizzes", quiz analytics and extra attempts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from elearning.core import refusals
from elearning.core.exports import csv_response
from elearning.reports.disclosure import method_note, min_people_for_rates
from elearning.reports.permissions import can_view_partnership_reports

from .. import analytics, selectors, services
from ..models import AttemptGrant, QuizPage
from ..permissions import can_grant_attempts, quizzes_with_analytics_for


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
            except services.QuizRefusal as refusal:
                refusals.show(request, refusal)
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
