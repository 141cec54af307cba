"""A learner's progress on a course, worked out from recorded facts in a fixed number of
queries however many enrolments they have, so "My learning" stays quick."""

from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from ..models import Attendance, Booking, BookingStatus, CourseStep, Enrolment, StepView
from ..quiz_results import is_quiz_page, passed_quiz_ids

ATTENDED = (Attendance.ATTENDED, Attendance.PARTLY)


class RequirementKind(StrEnum):
    STEPS = "steps"
    QUIZZES = "quizzes"
    SESSION = "session"
    EVALUATION = "evaluation"


# The requirements that are not about the course's steps.
_OFF_PAGE = (RequirementKind.SESSION, RequirementKind.EVALUATION)


@dataclass
class Requirement:
    kind: RequirementKind
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
        ] + [r.met for r in self.requirements if r.kind in _OFF_PAGE]

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
            r.kind in _OFF_PAGE for r in self.requirements
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
            r.met for r in self.requirements if r.kind != RequirementKind.EVALUATION
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
                    RequirementKind.STEPS,
                    str(_("All steps worked through")),
                    all(s.pk in viewed[enrolment.pk] for s in page_steps)
                    and all(s.pk in done for s in steps),
                )
            )
        if course.require_quizzes_passed and quiz_ids:
            requirements.append(
                Requirement(
                    RequirementKind.QUIZZES,
                    str(_("Quizzes passed")),
                    all(s.pk in done for s in quiz_steps[enrolment.pk]),
                )
            )
        if course.require_session_attended:
            requirements.append(
                Requirement(
                    RequirementKind.SESSION,
                    str(_("Training session attended")),
                    course.pk in attended_courses,
                )
            )
        if course.require_evaluation:
            requirements.append(
                Requirement(
                    RequirementKind.EVALUATION,
                    str(_("Evaluation completed")),
                    enrolment.evaluated_at is not None,
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
