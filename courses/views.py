"""Routes for learners, trainers and partnership staff. Thin: rules live in services, access
in permissions, shared reads in selectors."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import permissions, selectors, services
from .forms import EnrolForm, EvaluationForm, VerifyForm
from .ics import session_ics as build_ics
from .models import (
    ACTIVE,
    Attendance,
    Booking,
    BookingStatus,
    Certificate,
    CoursePage,
    CourseStep,
    Enrolment,
    TrainingSession,
)
from .quiz_results import is_quiz_page, quiz_standing


def _refused(request, error: services.CourseRefusal):
    for message in error.messages:
        messages.error(request, message)


# --- Course pages and progress -------------------------------------------------------------


def _course_sessions(course, user):
    sessions = list(selectors.upcoming_sessions().filter(course=course))
    if user.is_authenticated:
        mine = {
            b.session_id: b
            for b in Booking.objects.filter(user=user, session__in=sessions, status__in=ACTIVE)
        }
        for session in sessions:
            session.my_booking = mine.get(session.pk)
    return sessions


def course_page_serve(page: CoursePage, request, *args, **kwargs):
    """A course's page: what it covers, the learner's progress, and its sessions."""
    context = page.get_context(request, *args, **kwargs)
    user = request.user
    enrolment = progress = None
    if user.is_authenticated:
        enrolment = Enrolment.objects.filter(user=user, course=page).first()
        if enrolment:
            progress = selectors.enrolment_progress(enrolment)
    context.update(
        {
            "enrolment": enrolment,
            "progress": progress,
            "certificate": Certificate.objects.filter(enrolment=enrolment).first()
            if enrolment
            else None,
            "steps": page.steps.select_related("page").order_by("sort_order"),
            "sessions": _course_sessions(page, user) if page.has_sessions else [],
            "enrol_form": kwargs.get("enrol_form") or EnrolForm(),
            "audiences": page.audiences.all(),
            "prerequisites": page.prerequisites.live(),
        }
    )
    return TemplateResponse(request, page.get_template(request), context)


def _course(course_id) -> CoursePage:
    return get_object_or_404(CoursePage.objects.live(), pk=course_id)


def _enrolment(request, course) -> Enrolment:
    enrolment = Enrolment.objects.filter(user=request.user, course=course).first()
    if enrolment is None:
        raise Http404
    return enrolment


@login_required
@require_POST
def enrol(request, course_id):
    course = _course(course_id)
    form = EnrolForm(request.POST)
    if not form.is_valid():
        # Show the course page again with the question marked as missing.
        response = course_page_serve(course, request, enrol_form=form)
        response.status_code = 200
        return response
    try:
        services.enrolment_create(
            user=request.user,
            course=course,
            confidence_before=form.cleaned_data["confidence_before"],
        )
    except services.CourseRefusal as error:
        _refused(request, error)
        return redirect(course.url)
    messages.success(request, _("You are enrolled. Start with the first step."))
    return redirect("courses:resume", course_id=course.pk)


@login_required
def resume(request, course_id):
    """Take the learner to the first step they have not done yet."""
    course = _course(course_id)
    progress = selectors.enrolment_progress(_enrolment(request, course))
    if progress.next_step is not None:
        return redirect("courses:step", course_id=course.pk, step_id=progress.next_step.pk)
    if progress.needs_evaluation:
        return redirect("courses:evaluation", course_id=course.pk)
    return redirect(course.url)


@login_required
def step(request, course_id, step_id):
    course = _course(course_id)
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
    course = _course(course_id)
    enrolment = _enrolment(request, course)
    progress = selectors.enrolment_progress(enrolment)
    if request.method == "POST":
        form = EvaluationForm(request.POST)
        if form.is_valid():
            try:
                services.evaluation_submit(enrolment=enrolment, **form.cleaned_data)
            except services.CourseRefusal as error:
                _refused(request, error)
                return redirect(course.url)
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
    certificates = Certificate.objects.filter(enrolment__user=user).select_related(
        "enrolment__course"
    )
    cert_by_enrolment = {c.enrolment_id: c for c in certificates}
    bookings = (
        Booking.objects.filter(user=user, status__in=ACTIVE, session__ends_at__gte=timezone.now())
        .select_related("session__course")
        .order_by("session__starts_at")
    )
    approvals = permissions.bookings_decidable_by(
        user, Booking.objects.filter(status=BookingStatus.AWAITING_APPROVAL)
    ).count()
    trainer_sessions = TrainingSession.objects.filter(
        trainer=user, ends_at__gte=timezone.now()
    ).select_related("course")
    return render(
        request,
        "courses/my_learning.html",
        {
            "in_progress": [p for p in progresses if p.enrolment.pk not in cert_by_enrolment],
            "completed": [p for p in progresses if p.enrolment.pk in cert_by_enrolment],
            "certificates": certificates,
            "bookings": bookings,
            "approvals": approvals,
            "trainer_sessions": trainer_sessions,
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
        "certificates": Certificate.objects.filter(enrolment__user=user).count(),
        "bookings": Booking.objects.filter(
            user=user, status__in=ACTIVE, session__starts_at__gte=timezone.now()
        ).count(),
    }


# --- Sessions and bookings -----------------------------------------------------------------


def session_list(request):
    return render(
        request,
        "courses/session_list.html",
        {"sessions": selectors.upcoming_sessions()},
    )


def _session(session_id) -> TrainingSession:
    return get_object_or_404(
        TrainingSession.objects.select_related("course", "trainer"), pk=session_id
    )


def session_detail(request, session_id):
    session = _session(session_id)
    booking = None
    if request.user.is_authenticated:
        booking = (
            Booking.objects.filter(session=session, user=request.user, status__in=ACTIVE)
            .order_by("-created_at")
            .first()
        )
    counts = selectors.sessions_summary(TrainingSession.objects.filter(pk=session.pk))[0]
    now = timezone.now()
    return render(
        request,
        "courses/session_detail.html",
        {
            "session": session,
            "booking": booking,
            "counts": counts,
            "full": counts["booked"] + counts["pending"] >= session.capacity,
            "booking_open": now <= session.booking_deadline
            and not session.is_cancelled
            and not session.is_archived,
            "can_cancel_place": booking is not None
            and (not booking.holds_place or now <= session.cancellation_cutoff),
            "show_joining": request.user.is_authenticated
            and permissions.can_see_joining_details(request.user, session, booking),
            "can_mark": permissions.can_mark_register(request.user, session),
        },
    )


@login_required
@require_POST
def session_book(request, session_id):
    session = _session(session_id)
    try:
        booking = services.booking_create(session=session, user=request.user)
    except services.CourseRefusal as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            {
                BookingStatus.BOOKED: _(
                    "Your place is confirmed. We have e-mailed you the details."
                ),
                BookingStatus.AWAITING_APPROVAL: _(
                    "We are holding a place for you until your line manager approves the booking."
                ),
                BookingStatus.WAITING: _(
                    "The session is full, so you are on the waiting list. You will get the next "
                    "place that comes up and we will e-mail you."
                ),
            }[booking.status],
        )
    return redirect("courses:session_detail", session_id=session.pk)


@login_required
@require_POST
def booking_cancel(request, booking_id):
    booking = get_object_or_404(Booking.objects.select_related("session"), pk=booking_id)
    if not permissions.can_cancel_booking(request.user, booking):
        raise Http404
    try:
        services.booking_cancel(booking=booking, user=request.user)
    except services.CourseRefusal as error:
        _refused(request, error)
    else:
        messages.success(request, _("Your booking has been cancelled."))
    return redirect("courses:session_detail", session_id=booking.session_id)


@login_required
def session_ics(request, session_id):
    session = _session(session_id)
    booking = Booking.objects.filter(
        session=session, user=request.user, status=BookingStatus.BOOKED
    ).first()
    if booking is None and not permissions.can_mark_register(request.user, session):
        raise Http404
    response = HttpResponse(
        build_ics(session, include_joining_details=True), content_type="text/calendar"
    )
    response["Content-Disposition"] = 'attachment; filename="training-session.ics"'
    return response


@login_required
def approvals(request):
    pending = permissions.bookings_decidable_by(
        request.user,
        Booking.objects.filter(status=BookingStatus.AWAITING_APPROVAL).select_related(
            "user__agency", "session__course"
        ),
    )
    if request.method == "POST":
        booking = (
            pending.filter(pk=request.POST.get("booking") or 0).first()
            if str(request.POST.get("booking", "")).isdigit()
            else None
        )
        if booking is None:
            messages.error(request, _("That booking is no longer waiting for your approval."))
        else:
            approve = request.POST.get("decision") == "approve"
            try:
                services.booking_decide(booking=booking, approver=request.user, approve=approve)
            except services.CourseRefusal as error:
                _refused(request, error)
            else:
                messages.success(
                    request, _("Booking approved.") if approve else _("Booking declined.")
                )
        return redirect("courses:approvals")
    return render(request, "courses/approvals.html", {"pending": pending})


# --- Registers -----------------------------------------------------------------------------


def _register_session(request, session_id) -> TrainingSession:
    session = _session(session_id)
    if not permissions.can_mark_register(request.user, session):
        raise PermissionDenied
    return session


@login_required
def register(request, session_id):
    """The trainer's register: mark each booked person attended, partly or did not attend."""
    session = _register_session(request, session_id)
    bookings = list(
        selectors.session_bookings(session)
        .filter(status=BookingStatus.BOOKED)
        .order_by("user__last_name", "user__first_name")
    )
    if request.method == "POST":
        marks = {}
        for key, value in request.POST.items():
            if key.startswith("attendance-"):
                try:
                    marks[int(key.removeprefix("attendance-"))] = value
                except ValueError:
                    marks[-1] = value
        try:
            count = services.attendance_record(session=session, marked_by=request.user, marks=marks)
        except services.CourseRefusal as error:
            _refused(request, error)
        else:
            messages.success(request, _("Register saved (%(count)s changed).") % {"count": count})
            return redirect("courses:register", session_id=session.pk)
    return render(
        request,
        "courses/register.html",
        {
            "session": session,
            "bookings": bookings,
            "choices": Attendance.choices,
            "not_open": services.register_refusal(session, timezone.now()),
        },
    )


@login_required
def sign_in_sheet(request, session_id):
    session = _register_session(request, session_id)
    bookings = (
        selectors.session_bookings(session)
        .filter(status=BookingStatus.BOOKED)
        .order_by("user__last_name", "user__first_name")
    )
    return render(request, "courses/sign_in_sheet.html", {"session": session, "bookings": bookings})


# --- Certificates --------------------------------------------------------------------------


@login_required
def certificate_pdf(request, code):
    certificate = get_object_or_404(
        Certificate.objects.select_related("enrolment__user", "enrolment__course"), code=code
    )
    if not permissions.can_view_certificate(request.user, certificate):
        raise Http404
    from weasyprint import HTML  # noqa: PLC0415 (heavy import, only needed here)

    html = render_to_string(
        "courses/certificate_pdf.html",
        {
            "certificate": certificate,
            "verify_url": request.build_absolute_uri("/learning/verify/"),
        },
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


def verify(request):
    """Public check of a certificate code: valid, expired or unknown, and nothing else."""
    result = None
    certificate = None
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        result, certificate = services.certificate_lookup(form.cleaned_data["code"])
    return render(
        request,
        "courses/verify.html",
        {"form": form, "result": result, "certificate": certificate},
    )


# --- Reports -------------------------------------------------------------------------------


def _reports_allowed(request):
    if not permissions.can_view_course_reports(request.user):
        raise PermissionDenied


def _csv(filename: str, header: list[str], rows: list[list]):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        # Cells starting with formula characters are neutralised for spreadsheet safety.
        writer.writerow(["'" + str(c) if str(c)[:1] in ("=", "+", "-", "@") else c for c in row])
    return response


AGENCY_HEADER = ["Agency", "Sector", "Booked", "Attended", "Partly attended", "Did not attend"]


def _agency_rows(rows):
    return [
        [r["agency"], r["sector"], r["booked"], r["attended"], r["partly"], r["no_show"]]
        for r in rows
    ]


@login_required
def reports(request):
    _reports_allowed(request)
    sessions = TrainingSession.objects.all()
    summary = selectors.sessions_summary(sessions.order_by("-starts_at"))
    if request.GET.get("format") == "csv":
        return _csv(
            "training-sessions.csv",
            [
                "Course",
                "Starts",
                "Places",
                "Booked",
                "Awaiting approval",
                "Filled %",
                "Waiting list",
                "Attended",
                "Partly attended",
                "Did not attend",
            ],
            [
                [
                    r["session"].course.title,
                    timezone.localtime(r["session"].starts_at).isoformat(),
                    r["capacity"],
                    r["booked"],
                    r["pending"],
                    r["filled_percent"],
                    r["waiting"],
                    r["attended"],
                    r["partly"],
                    r["no_show"],
                ]
                for r in summary
            ],
        )
    return render(
        request,
        "courses/reports.html",
        {
            "summary": summary,
            "totals": selectors.places_filled(sessions),
            "courses": CoursePage.objects.live().order_by("title"),
        },
    )


@login_required
def report_session(request, session_id):
    _reports_allowed(request)
    session = _session(session_id)
    sessions = TrainingSession.objects.filter(pk=session.pk)
    by_agency = selectors.attendance_by_agency(sessions)
    if request.GET.get("format") == "csv":
        return _csv(f"session-{session.pk}-attendance.csv", AGENCY_HEADER, _agency_rows(by_agency))
    return render(
        request,
        "courses/report_session.html",
        {
            "session": session,
            "counts": selectors.sessions_summary(sessions)[0],
            "by_agency": by_agency,
            "by_sector": selectors.attendance_by_sector(sessions),
            "confidence": selectors.session_confidence(session),
        },
    )


@login_required
def report_course(request, course_id):
    _reports_allowed(request)
    course = get_object_or_404(CoursePage, pk=course_id)
    sessions = TrainingSession.objects.filter(course=course)
    by_agency = selectors.attendance_by_agency(sessions)
    if request.GET.get("format") == "csv":
        return _csv(f"course-{course.pk}-attendance.csv", AGENCY_HEADER, _agency_rows(by_agency))
    enrolments = Enrolment.objects.filter(course=course)
    return render(
        request,
        "courses/report_course.html",
        {
            "course": course,
            "summary": selectors.sessions_summary(sessions),
            "totals": selectors.places_filled(sessions),
            "by_agency": by_agency,
            "by_sector": selectors.attendance_by_sector(sessions),
            "confidence": selectors.confidence_summary(enrolments),
            "completed": Certificate.objects.filter(enrolment__course=course).count(),
            "completion_by_agency": selectors.completions_by_agency(enrolments),
        },
    )
