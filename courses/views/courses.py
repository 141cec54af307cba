"""Course pages, enrolment, steps, evaluation and "My learning"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from elearning.accounts.selectors import confirmed_manager_prefetch
from elearning.core import refusals

from .. import permissions, selectors, services
from ..forms import EnrolForm, EvaluationForm
from ..learning_record import certificates_held
from ..models import (
    ACTIVE,
    Booking,
    BookingStatus,
    Certificate,
    CourseStep,
    Enrolment,
    ImpactFollowUp,
    TrainingSession,
)
from ..quiz_results import is_quiz_page, quiz_standing
from .common import course_or_404

# --- Course pages and progress -------------------------------------------------------------


def _enrolment(request, course) -> Enrolment:
    enrolment = Enrolment.objects.filter(user=request.user, course=course).first()
    if enrolment is None:
        raise Http404
    return enrolment


@login_required
@require_POST
def enrol(request, course_id):
    course = course_or_404(course_id, live=True)
    form = EnrolForm(request.POST)
    if not form.is_valid():
        # Show the course page again with the question marked as missing.
        response = course.index_route(request, enrol_form=form)
        response.status_code = 200
        return response
    try:
        services.enrolment_create(
            user=request.user,
            course=course,
            confidence_before=form.cleaned_data["confidence_before"],
        )
    except services.CourseRefusal as error:
        refusals.show(request, error)
        return redirect(course.url)
    messages.success(request, _("You are enrolled. Start with the first step."))
    return redirect("courses:resume", course_id=course.pk)


@login_required
def resume(request, course_id):
    """Take the learner to the first step they have not done yet."""
    course = course_or_404(course_id, live=True)
    progress = selectors.enrolment_progress(_enrolment(request, course))
    if progress.next_step is not None:
        return redirect("courses:step", course_id=course.pk, step_id=progress.next_step.pk)
    if progress.needs_evaluation:
        return redirect("courses:evaluation", course_id=course.pk)
    return redirect(course.url)


@login_required
def step(request, course_id, step_id):
    course = course_or_404(course_id, live=True)
    enrolment = _enrolment(request, course)
    current = get_object_or_404(
        CourseStep.objects.select_related("page"), pk=step_id, course=course
    )
    is_quiz = course.require_quizzes_passed and is_quiz_page(current.page)
    if request.method == "POST":
        services.step_view_record(enrolment=enrolment, step=current)
        progress = selectors.enrolment_progress(enrolment)
        if progress.complete:
            messages.success(request, _("You have completed this course."))
            return redirect(course.url)
        if is_quiz and current.pk not in progress.done_step_ids:
            # Say why the learner is still on this step rather than silently reloading it.
            messages.error(request, _quiz_needed(course, quiz_standing(request.user, current.page)))
            return redirect("courses:step", course_id=course.pk, step_id=current.pk)
        return redirect("courses:resume", course_id=course.pk)
    progress = selectors.enrolment_progress(enrolment)
    steps = progress.steps
    position = next(i for i, s in enumerate(steps, start=1) if s.pk == current.pk)
    done = current.pk in progress.done_step_ids
    return render(
        request,
        "courses/step.html",
        {
            "course": course,
            "step": current,
            "target": current.page.specific_deferred if current.page.live else None,
            "position": position,
            "progress": progress,
            "done": done,
            "quiz_needed": _quiz_needed(course, quiz_standing(request.user, current.page))
            if is_quiz and not done and current.page.live
            else "",
        },
    )


def _quiz_needed(course, standing: dict) -> str:
    """What a learner must do to get past a quiz step, and how many tries they have left."""
    mark = standing["pass_mark"]
    needed = (
        _("To complete this step you need to pass the quiz (the pass mark is %(mark)s points).")
        % {"mark": mark}
        if mark
        else _("To complete this step you need to finish the quiz.")
    )
    remaining = standing["remaining"]
    if remaining is None:
        return needed + " " + _("You can try it as many times as you need.")
    if remaining:
        return (
            needed
            + " "
            + ngettext(
                "You have %(count)s attempt left.", "You have %(count)s attempts left.", remaining
            )
            % {"count": remaining}
        )
    contact = course.contact_email
    help_text = (
        _("Contact %(contact)s, who can give you another attempt.") % {"contact": contact}
        if contact
        else _("Contact partnership staff, who can give you another attempt.")
    )
    return (
        _(
            "You have used all your attempts at this quiz without passing it, so you cannot finish "
            "this course yet."
        )
        + " "
        + help_text
    )


@login_required
def evaluation(request, course_id):
    course = course_or_404(course_id, live=True)
    enrolment = _enrolment(request, course)
    progress = selectors.enrolment_progress(enrolment)
    if request.method == "POST":
        form = EvaluationForm(request.POST)
        if form.is_valid():
            try:
                services.evaluation_submit(enrolment=enrolment, **form.cleaned_data)
            except services.CourseRefusal as error:
                refusals.show(request, error)
                return redirect(course.url)
            if Certificate.objects.filter(enrolment=enrolment).exists():
                messages.success(
                    request,
                    _("Thank you. Your evaluation has been saved and your certificate is ready."),
                )
            else:
                messages.success(request, _("Thank you. Your evaluation has been saved."))
            return redirect(course.url)
    else:
        form = EvaluationForm()
    return render(
        request,
        "courses/evaluation.html",
        {"course": course, "form": form, "progress": progress},
    )


@login_required
def my_learning(request):
    """Everything a learner has on: courses in progress, completed, certificates, bookings."""
    user = request.user
    progresses = selectors.enrolments_with_progress(Enrolment.objects.for_user(user))
    held = certificates_held(user)
    cert_by_enrolment = {c.enrolment_id: c for c in held["certificates"]}
    bookings = (
        Booking.objects.filter(user=user, status__in=ACTIVE, session__ends_at__gte=timezone.now())
        .select_related("session__course")
        .order_by("session__starts_at")
    )
    approvals = permissions.bookings_decidable_by(
        user, Booking.objects.filter(status=BookingStatus.AWAITING_APPROVAL)
    ).count()
    trainer_sessions = permissions.sessions_run_by(
        user, TrainingSession.objects.filter(ends_at__gte=timezone.now())
    ).select_related("course")
    follow_ups = permissions.follow_ups_answerable_by(
        user, ImpactFollowUp.objects.waiting()
    ).select_related("enrolment__course")
    team_follow_ups = [
        f
        for f in permissions.follow_ups_confirmable_by(
            user, ImpactFollowUp.objects.waiting_for_manager()
        )
        .select_related("enrolment__course", "enrolment__user")
        .prefetch_related(confirmed_manager_prefetch("enrolment__user"))
        if permissions.can_confirm_follow_up(user, f)
    ]
    return render(
        request,
        "courses/my_learning.html",
        {
            "in_progress": [p for p in progresses if p.enrolment.pk not in cert_by_enrolment],
            "completed": [p for p in progresses if p.enrolment.pk in cert_by_enrolment],
            "certificates": held["certificates"],
            "cpd_hours": held["cpd_hours"],
            "bookings": bookings,
            "approvals": approvals,
            "trainer_sessions": trainer_sessions,
            "follow_ups": follow_ups,
            "team_follow_ups": team_follow_ups,
            "today": timezone.localdate(),
        },
    )


def my_learning_panel(request):
    """Dashboard panel: a short summary and a link to "My learning"."""
    user = request.user
    if not user.is_authenticated:
        return None
    enrolments = Enrolment.objects.for_user(user)
    return {
        "template": "courses/panel_my_learning.html",
        "enrolled": enrolments.count(),
        "certificates": Certificate.objects.not_revoked().filter(enrolment__user=user).count(),
        "bookings": Booking.objects.filter(
            user=user, status__in=ACTIVE, session__starts_at__gte=timezone.now()
        ).count(),
    }
