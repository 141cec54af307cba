"""Authorisation rows for courses, training sessions, bookings and certificates.

The practitioner is enrolled on the course, booked on the session and holds the certificate;
the other practitioner has none of these.
"""

import datetime

from django.utils import timezone

from tests.security.matrix import (
    ADMIN,
    LOGIN,
    PRACTITIONER,
    REDIRECT,
    STAFF,
    SUPERVISOR,
    Row,
    only,
    outcomes,
    public,
    signed_in,
)


def setup(ctx):
    from courses.models import Certificate
    from tests.courses.factories import (
        BookingFactory,
        EnrolmentFactory,
        SessionFactory,
        make_course,
    )

    course = make_course(steps=1)
    session = SessionFactory(course=course)
    practitioner = ctx.users[PRACTITIONER]
    booking = BookingFactory(session=session, user=practitioner)
    enrolment = EnrolmentFactory(user=practitioner, course=course)
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        learner_name=practitioner.get_full_name(),
        course_title=course.title,
        cpd_hours=course.cpd_hours or 1,
        completed_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    # The practitioner answered the follow-up; their line manager (the supervisor) is asked.
    from courses.models import ImpactFollowUp
    from tests.factories import manager_link_confirmed

    manager_link_confirmed(learner=practitioner, manager=ctx.users[SUPERVISOR])
    follow_up = ImpactFollowUp.objects.create(
        enrolment=enrolment,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
        sent_at=timezone.now() - datetime.timedelta(days=1),
        answered_at=timezone.now(),
        practice_change="I read the chronology before every visit.",
        example="A review where the pattern of missed appointments showed.",
        confidence_now=4,
        manager=ctx.users[SUPERVISOR],
    )
    from elearning.accounts.models import Agency

    agency = practitioner.agency or Agency.objects.create(name="Authz agency", sector="health")
    # The practitioner is on the interest list of a course with no dates.
    from courses.models import CourseInterest, DeliveryMode

    ctx.objects["interest"] = CourseInterest.objects.create(
        user=practitioner,
        course=make_course(steps=0, delivery_mode=DeliveryMode.FACE_TO_FACE),
        agency=practitioner.agency,
    )
    ctx.objects.update(
        follow_up=follow_up,
        agency=agency,
        course=course,
        session=session,
        booking=booking,
        certificate=certificate,
        step=course.steps.first(),
    )


def course_args(ctx):
    return {"course_id": ctx.objects["course"].pk}


def session_args(ctx):
    return {"session_id": ctx.objects["session"].pk}


def interest_args(ctx):
    return {"interest_id": ctx.objects["interest"].pk}


# Only the enrolled learner has anything at a course's own learner URLs.
OWN_ENROLMENT = outcomes(404, anonymous=LOGIN, practitioner=200)
RUNS_SESSIONS = only({STAFF})  # the named trainer may too; tested in tests/courses
# The old training report addresses: partnership staff and admins are sent on (301) to the
# partnership reports; everyone else signed in finds nothing there. The matrix counts any
# redirect other than to sign in as REDIRECT, so the exact status and Location are tested in
# tests/courses/test_reports.py.
NO_SHOW_FILES = only({STAFF}, refused=404)
OLD_REPORTS = only({STAFF, ADMIN}, refused=404, status=REDIRECT)
CERTIFICATE_ADMIN = only({STAFF}) | {ADMIN: REDIRECT}

ROWS = [
    Row("courses:my_learning", signed_in(200)),
    Row(
        "courses:learning_record",
        signed_in(200),
        args=lambda ctx: {"fmt": "csv"},
        note="always the signed-in person's own record: the URL names nobody",
    ),
    Row(
        "courses:email_preferences",
        signed_in(200),
        note="always the signed-in person's own preferences: the URL names nobody",
    ),
    Row(
        "courses:enrol",
        signed_in(200),
        args=course_args,
        method="POST",
        note="an empty form is shown again with its errors",
    ),
    Row(
        "courses:step",
        OWN_ENROLMENT,
        args=lambda ctx: {"course_id": ctx.objects["course"].pk, "step_id": ctx.objects["step"].pk},
    ),
    Row(
        "courses:resume",
        OWN_ENROLMENT | {PRACTITIONER: REDIRECT},
        args=course_args,
        note="the learner is sent on to their next step",
    ),
    Row("courses:evaluation", OWN_ENROLMENT, args=course_args),
    Row(
        "courses:impact_follow_up",
        OWN_ENROLMENT,
        args=lambda ctx: {"follow_up_id": ctx.objects["follow_up"].pk},
        note="only the learner; staff see follow-up answers only as report totals",
    ),
    Row(
        "courses:impact_manager",
        outcomes(404, anonymous=LOGIN, supervisor=200),
        args=lambda ctx: {"follow_up_id": ctx.objects["follow_up"].pk},
        note="only the line manager asked, while still the learner's manager",
    ),
    Row("courses:session_list", public(200)),
    Row("courses:session_detail", public(200), args=session_args),
    Row(
        "courses:session_book",
        signed_in(REDIRECT),
        args=session_args,
        method="POST",
        note="anyone signed in may book; they are sent back to the session with the outcome",
    ),
    Row(
        "courses:session_ics",
        outcomes(404, anonymous=LOGIN, practitioner=200, staff=200),
        args=session_args,
        note="booked people and those who run the session",
    ),
    Row(
        "courses:booking_cancel",
        outcomes(404, anonymous=LOGIN, practitioner=200),
        args=lambda ctx: {"booking_id": ctx.objects["booking"].pk},
        note="the confirmation page; only its POST cancels (tested in tests/courses)",
    ),
    Row(
        "courses:interest_register",
        signed_in(REDIRECT),
        args=course_args,
        method="POST",
        note="anyone signed in may register; they are sent back to the course with the outcome",
    ),
    Row(
        "courses:interest_withdraw",
        outcomes(404, anonymous=LOGIN, practitioner=REDIRECT),
        args=interest_args,
        method="POST",
        note="only the person registered can withdraw",
    ),
    Row(
        "courses:interest_decline",
        outcomes(404, anonymous=LOGIN, practitioner=REDIRECT),
        args=interest_args,
        method="POST",
        note="only the person offered a place can decline it",
    ),
    Row("courses:interest_demand", only({STAFF}), note="partnership staff who add sessions"),
    Row(
        "courses:session_offer_interest",
        only({STAFF}, status=REDIRECT),
        args=session_args,
        method="POST",
        note="staff are sent back to the session with the outcome",
    ),
    Row("courses:approvals", signed_in(200)),
    Row("courses:team", signed_in(200), note="each sees only their own confirmed team"),
    Row("courses:register", RUNS_SESSIONS, args=session_args),
    Row("courses:sign_in_sheet", RUNS_SESSIONS, args=session_args),
    Row(
        "courses:check_in_screen",
        RUNS_SESSIONS,
        args=lambda ctx: {
            "session_id": ctx.objects["session"].pk,
            "part_id": ctx.objects["session"].parts.get().pk,
        },
        note="the trainer's code screen; the named trainer may too (tests/courses)",
    ),
    Row(
        "courses:check_in",
        signed_in(200),
        note="always checks in the signed-in person; the code decides the session",
    ),
    Row(
        "courses:certificate_pdf",
        outcomes(404, anonymous=LOGIN, practitioner=200, staff=200),
        args=lambda ctx: {"code": ctx.objects["certificate"].code},
        note="anyone else checks a certificate by its code on the public verify page",
    ),
    Row("courses:verify", public(200), note="employers check codes without signing in"),
    # Certificates in the admin: partnership staff only. Admins reach the admin but are sent
    # back to its home; people without admin access are refused it.
    Row("certificates:index", CERTIFICATE_ADMIN),
    Row("certificates:index_results", CERTIFICATE_ADMIN),
    *(
        Row(
            f"certificates:{view}",
            CERTIFICATE_ADMIN,
            args=lambda ctx: {"certificate_id": ctx.objects["certificate"].pk},
            note="revoke and re-issue show their form on GET; the POSTs are tested in "
            "tests/courses/test_certificate_admin.py",
        )
        for view in ("detail", "revoke", "reissue")
    ),
    Row(
        "courses:sessions_i_run",
        signed_in(200),
        note="lists only the sessions whose trainer record is linked to the signed-in person",
    ),
    Row("courses:no_shows", NO_SHOW_FILES, note="the file names people: partnership staff only"),
    Row(
        "courses:no_shows_csv",
        NO_SHOW_FILES,
        args=lambda ctx: {"year": 2026, "quarter": 3, "agency_id": ctx.objects["agency"].pk},
        note="the file names people: partnership staff only",
    ),
    Row(
        "courses:reports",
        OLD_REPORTS,
        note="permanently moved to the training-sessions section of /reports/",
    ),
    Row(
        "courses:report_session",
        OLD_REPORTS,
        args=session_args,
        note="moved to /reports/ for the session's course on the day it ran",
    ),
    Row(
        "courses:report_course",
        OLD_REPORTS,
        args=course_args,
        note="moved to the course drill-down of /reports/",
    ),
]
