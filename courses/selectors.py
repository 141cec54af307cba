"""Reads shared by views, the dashboard panel and the partnership reports' training sections.

Progress is computed from recorded facts in a fixed number of queries however many enrolments
a learner has, so "My learning" stays quick.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    ACTIVE,
    PLACE_HOLDING,
    Attendance,
    Booking,
    BookingStatus,
    CourseStep,
    Enrolment,
    StepView,
    TrainingSession,
)
from .quiz_results import is_quiz_page, passed_quiz_ids

ATTENDED = (Attendance.ATTENDED, Attendance.PARTLY)


@dataclass
class Requirement:
    kind: str  # steps, quizzes, session or evaluation
    label: str
    met: bool


@dataclass
class Progress:
    """Where a learner is on a course, worked out from what they have done."""

    enrolment: Enrolment
    steps: list
    done_step_ids: set
    requirements: list[Requirement] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def done(self) -> int:
        return sum(1 for step in self.steps if step.pk in self.done_step_ids)

    # Steps that count towards completion: all of them when steps must be worked through,
    # only the quizzes when just quizzes must be passed, none otherwise.
    counted_step_ids: set = field(default_factory=set)

    def _units(self) -> list[bool]:
        # Each counted step weighs one, and so does each requirement that is not about steps.
        return [
            step.pk in self.done_step_ids for step in self.steps if step.pk in self.counted_step_ids
        ] + [r.met for r in self.requirements if r.kind in ("session", "evaluation")]

    @property
    def parts_total(self) -> int:
        return len(self._units())

    @property
    def parts_done(self) -> int:
        return sum(self._units())

    @property
    def only_steps(self) -> bool:
        """The figures count exactly the course's steps, so they can be called steps."""
        return self.counted_step_ids == {step.pk for step in self.steps} and not any(
            r.kind in ("session", "evaluation") for r in self.requirements
        )

    @property
    def percent(self) -> int:
        """Share of the counted parts done; rounded down, so 100 only when all are done."""
        units = self._units()
        return 100 * sum(units) // len(units) if units else 100

    @property
    def next_step(self):
        for step in self.steps:
            if step.pk not in self.done_step_ids:
                return step
        return None

    @property
    def complete(self) -> bool:
        return all(r.met for r in self.requirements)

    @property
    def needs_evaluation(self) -> bool:
        return self.enrolment.evaluated_at is None and all(
            r.met for r in self.requirements if r.kind != "evaluation"
        )

    @property
    def started(self) -> bool:
        return bool(self.done_step_ids)


def _steps_queryset():
    return CourseStep.objects.select_related("page").order_by("sort_order", "pk")


def enrolments_with_progress(enrolments) -> list[Progress]:
    """Progress for each enrolment (all belonging to one learner), in a fixed number of
    queries."""
    enrolments = list(
        enrolments.select_related("course", "user").prefetch_related(
            Prefetch("course__steps", queryset=_steps_queryset())
        )
    )
    if not enrolments:
        return []
    user = enrolments[0].user
    viewed = defaultdict(set)
    for enrolment_id, step_id in StepView.objects.filter(enrolment__in=enrolments).values_list(
        "enrolment_id", "step_id"
    ):
        viewed[enrolment_id].add(step_id)
    attended_courses = set(
        Booking.objects.filter(
            # Every part of the session: "partly attended" does not complete a course.
            user=user,
            status=BookingStatus.BOOKED,
            attendance=Attendance.ATTENDED,
        ).values_list("session__course_id", flat=True)
    )
    quiz_steps = {
        e.pk: [s for s in e.course.steps.all() if is_quiz_page(s.page)] for e in enrolments
    }
    passed = passed_quiz_ids(user, {s.page_id for steps in quiz_steps.values() for s in steps})

    result = []
    for enrolment in enrolments:
        course = enrolment.course
        steps = list(course.steps.all())
        quiz_ids = {s.pk for s in quiz_steps[enrolment.pk]}
        done = set()
        for step in steps:
            if step.pk in quiz_ids and course.require_quizzes_passed:
                if step.page_id in passed:
                    done.add(step.pk)
            elif step.pk in viewed[enrolment.pk]:
                done.add(step.pk)
        requirements = []
        page_steps = [s for s in steps if s.pk not in quiz_ids]
        if course.require_steps_viewed:
            requirements.append(
                Requirement(
                    "steps",
                    str(_("All steps worked through")),
                    all(s.pk in viewed[enrolment.pk] for s in page_steps)
                    and all(s.pk in done for s in steps),
                )
            )
        if course.require_quizzes_passed and quiz_ids:
            requirements.append(
                Requirement(
                    "quizzes",
                    str(_("Quizzes passed")),
                    all(s.pk in done for s in quiz_steps[enrolment.pk]),
                )
            )
        if course.require_session_attended:
            requirements.append(
                Requirement(
                    "session", str(_("Training session attended")), course.pk in attended_courses
                )
            )
        if course.require_evaluation:
            requirements.append(
                Requirement(
                    "evaluation", str(_("Evaluation completed")), enrolment.evaluated_at is not None
                )
            )
        if course.require_steps_viewed:
            counted = {s.pk for s in steps}
        elif course.require_quizzes_passed:
            counted = set(quiz_ids)
        else:
            counted = set()
        result.append(Progress(enrolment, steps, done, requirements, counted))
    return result


def enrolment_progress(enrolment) -> Progress:
    return enrolments_with_progress(Enrolment.objects.filter(pk=enrolment.pk))[0]


def upcoming_sessions(*, now=None):
    now = now or timezone.now()
    return (
        TrainingSession.objects.filter(starts_at__gte=now, cancelled_at__isnull=True)
        .filter(archived=False, course__archived=False)
        .select_related("course", "venue")
        .annotate(
            taken=Count("bookings", filter=Q(bookings__status__in=PLACE_HOLDING)),
            waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
        )
        .order_by("starts_at")
    )


def session_bookings(session):
    return session.bookings.select_related("user", "user__agency")


@dataclass
class RegisterCell:
    part: object
    record: object  # PartAttendance or None
    open: bool  # the part has started, so attendance at it can be marked


@dataclass
class RegisterRow:
    booking: Booking
    cells: list


def register_rows(session, *, now) -> list[RegisterRow]:
    """The register: each person with a confirmed place and their record for each part, in
    three queries however many people are booked."""
    from .models import PartAttendance

    parts = list(session.parts.all())
    bookings = list(
        session_bookings(session)
        .filter(status=BookingStatus.BOOKED)
        .order_by("user__last_name", "user__first_name", "pk")
    )
    records = {
        (r.booking_id, r.part_id): r
        for r in PartAttendance.objects.filter(booking__session=session, part__in=parts)
    }
    return [
        RegisterRow(
            booking,
            [RegisterCell(p, records.get((booking.pk, p.pk)), p.starts_at <= now) for p in parts],
        )
        for booking in bookings
    ]


# --- Places and attendance of sessions ----------------------------------------------------


def _percent(part, whole) -> int | None:
    return round(100 * part / whole) if whole else None


def sessions_summary(sessions):
    """Per session: places, places filled, % filled, waiting list, attendance counts."""
    # Meta.ordering does not apply to aggregated queries, so keep the caller's or use dates.
    if not sessions.query.order_by:
        sessions = sessions.order_by("starts_at")
    rows = sessions.select_related("course").annotate(
        booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
        pending=Count("bookings", filter=Q(bookings__status=BookingStatus.AWAITING_APPROVAL)),
        waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
        attended=Count("bookings", filter=Q(bookings__attendance=Attendance.ATTENDED)),
        partly=Count("bookings", filter=Q(bookings__attendance=Attendance.PARTLY)),
        no_show=Count("bookings", filter=Q(bookings__attendance=Attendance.NO_SHOW)),
    )
    out = []
    for s in rows:
        out.append(
            {
                "session": s,
                "capacity": s.capacity,
                "booked": s.booked,
                "pending": s.pending,
                "waiting": s.waiting,
                "filled_percent": _percent(s.booked + s.pending, s.capacity),
                "attended": s.attended,
                "partly": s.partly,
                "no_show": s.no_show,
            }
        )
    return out


# --- Partnership reports: figures for any grouping, one aggregate query each ---------------
# ``by`` names the fields to group on, for example ("agency__name",
# "agency__sector") or ("course_id", "course__title"). Callers narrow the querysets
# (dates, agency or sector) first; nothing here loops over bookings or enrolments.

CONFIDENCE_CHANGES = {
    "fell": Q(change__lt=0),
    "same": Q(change=0),
    "up_1": Q(change=1),
    "up_2": Q(change=2),
    "up_3_or_more": Q(change__gte=3),
}


def session_places(sessions, by) -> list[dict]:
    """Sessions and places offered per group."""
    return list(
        sessions.values(*by).annotate(sessions=Count("pk"), places=Sum("capacity")).order_by(*by)
    )


def booking_figures(bookings, by) -> list[dict]:
    """Per group: people with a place or on a waiting list, places filled (confirmed or
    awaiting approval), waiting list, and attendance of confirmed places. Cancelled and
    declined bookings are left out."""
    booked = Q(status=BookingStatus.BOOKED)
    return list(
        bookings.filter(status__in=ACTIVE)
        .values(*by)
        .annotate(
            people=Count("user", distinct=True),
            filled=Count("pk", filter=Q(status__in=PLACE_HOLDING)),
            waiting=Count("pk", filter=Q(status=BookingStatus.WAITING)),
            attended=Count("pk", filter=booked & Q(attendance=Attendance.ATTENDED)),
            partly=Count("pk", filter=booked & Q(attendance=Attendance.PARTLY)),
            no_show=Count("pk", filter=booked & Q(attendance=Attendance.NO_SHOW)),
        )
        .order_by(*by)
    )


def enrolment_figures(enrolments, by) -> list[dict]:
    """Enrolments and distinct people per group."""
    return list(
        enrolments.values(*by)
        .annotate(enrolled=Count("pk"), people=Count("user", distinct=True))
        .order_by(*by)
    )


def certificate_figures(certificates, by, *, completed_between, expiring_between) -> list[dict]:
    """Per group: certificates issued for completions between two dates (and the distinct
    people holding them), and certificates expiring between two dates (and their people)."""
    completed = Q(completed_on__range=completed_between)
    expiring = Q(expires_on__range=expiring_between)
    return list(
        certificates.filter(completed | expiring)
        .values(*by)
        .annotate(
            completed=Count("pk", filter=completed),
            completed_people=Count("enrolment__user", distinct=True, filter=completed),
            expiring=Count("pk", filter=expiring),
            expiring_people=Count("enrolment__user", distinct=True, filter=expiring),
        )
        .order_by(*by)
    )


def confidence_figures(enrolments, by) -> list[dict]:
    """Per group, over learners who rated their confidence before and after: responses,
    distinct people, the sums of both ratings (for means) and how many rose."""
    return list(
        enrolments.filter(confidence_after__isnull=False)
        .values(*by)
        .annotate(
            responses=Count("pk"),
            people=Count("user", distinct=True),
            before_total=Sum("confidence_before"),
            after_total=Sum("confidence_after"),
            rose=Count("pk", filter=Q(confidence_after__gt=F("confidence_before"))),
        )
        .order_by(*by)
    )


def confidence_distribution(enrolments) -> dict:
    """How many responses (and distinct people) gave each rating before and after, and how
    many changed by how much (keys of ``CONFIDENCE_CHANGES``), in one query."""
    measures = {}
    for rating in range(1, 6):
        for when in ("before", "after"):
            match = Q(**{f"confidence_{when}": rating})
            measures[f"{when}_{rating}"] = Count("pk", filter=match)
            measures[f"{when}_{rating}_people"] = Count("user", distinct=True, filter=match)
    for key, match in CONFIDENCE_CHANGES.items():
        measures[key] = Count("pk", filter=match)
        measures[f"{key}_people"] = Count("user", distinct=True, filter=match)
    counts = (
        enrolments.filter(confidence_after__isnull=False)
        .annotate(change=F("confidence_after") - F("confidence_before"))
        .aggregate(**measures)
    )
    return {
        "ratings": [
            {
                "rating": rating,
                "before": counts[f"before_{rating}"],
                "before_people": counts[f"before_{rating}_people"],
                "after": counts[f"after_{rating}"],
                "after_people": counts[f"after_{rating}_people"],
            }
            for rating in range(1, 6)
        ],
        "changes": [
            {"change": key, "responses": counts[key], "people": counts[f"{key}_people"]}
            for key in CONFIDENCE_CHANGES
        ],
    }
