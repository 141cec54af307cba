"""Factories for courses, steps, enrolments, sessions and bookings."""

import datetime
import itertools

import factory
from django.utils import timezone

from courses.models import (
    Booking,
    BookingStatus,
    CourseIndexPage,
    CoursePage,
    CourseStep,
    DeliveryMode,
    Enrolment,
    SessionPart,
    Trainer,
    TrainingSession,
    Venue,
)
from elearning.library.models import StandardPage
from elearning.library.site_setup import site_tree_ensure
from tests.factories import UserFactory

_slugs = itertools.count(1)


def course_index() -> CourseIndexPage:
    home = site_tree_ensure()
    index = CourseIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=CourseIndexPage(title="Training", slug="training"))
        index.save_revision().publish()
    return index


def library_page(title: str | None = None) -> StandardPage:
    home = site_tree_ensure()
    n = next(_slugs)
    page = home.add_child(
        instance=StandardPage(
            title=title or f"Guide {n}", slug=f"guide-{n}", body="<p>Guide text.</p>"
        )
    )
    page.save_revision().publish()
    return page


def make_course(*, steps: int = 2, title: str | None = None, **fields) -> CoursePage:
    """A published course under the course list with ``steps`` page steps."""
    n = next(_slugs)
    fields.setdefault("summary", "A course about neglect.")
    course = CoursePage(title=title or f"Course {n}", slug=f"course-{n}", **fields)
    for i in range(steps):
        course.steps.add(CourseStep(page=library_page(), sort_order=i))
    course_index().add_child(instance=course)
    course.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


def blended_course(**fields) -> CoursePage:
    fields.setdefault("delivery_mode", DeliveryMode.BLENDED)
    fields.setdefault("require_session_attended", True)
    return make_course(**fields)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Civic Centre, Committee Room {n + 1}")
    address = "High Street\nNorthbridge"


class TrainerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainer

    name = factory.Sequence(lambda n: f"Trainer {n + 1}")
    organisation = "Northbridge Safeguarding Children Partnership"


def trainer_for(user) -> Trainer:
    """The trainer record linked to ``user``'s account, made if there is none."""
    trainer = Trainer.objects.filter(user=user).first()
    if trainer is None:
        trainer = TrainerFactory(user=user, name=user.get_full_name() or user.email)
    return trainer


class SessionFactory(factory.django.DjangoModelFactory):
    """A session at a venue of its own, so sessions never clash unless a test means them to.
    ``trainer`` may be given as a user account (their trainer record is used) and ``venue``
    as text ("" for an online session)."""

    class Meta:
        model = TrainingSession
        skip_postgeneration_save = True

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        trainer = kwargs.get("trainer")
        if trainer is not None and not isinstance(trainer, Trainer):
            kwargs["trainer"] = trainer_for(trainer)
        venue = kwargs.get("venue")
        if isinstance(venue, str):
            lines = venue.splitlines() or [""]
            kwargs["venue"] = (
                Venue.objects.create(name=lines[0][:200], address="\n".join(lines[1:]))
                if venue
                else None
            )
        return kwargs

    course = factory.LazyFunction(lambda: make_course(delivery_mode=DeliveryMode.FACE_TO_FACE))
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    venue = factory.SubFactory(VenueFactory)
    joining_details = ""
    capacity = 10
    booking_deadline = factory.LazyAttribute(lambda o: o.starts_at - datetime.timedelta(days=3))
    cancellation_cutoff = factory.LazyAttribute(lambda o: o.starts_at - datetime.timedelta(days=2))
    trainer = None

    @factory.post_generation
    def one_part(obj, create, extracted, **kwargs):
        """Every session has at least one part; this one spans the session."""
        if create and not obj.parts.exists():
            SessionPart.objects.create(session=obj, starts_at=obj.starts_at, ends_at=obj.ends_at)


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(UserFactory)
    agency = factory.SelfAttribute("user.agency")
    status = BookingStatus.BOOKED


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    user = factory.SubFactory(UserFactory)
    agency = factory.SelfAttribute("user.agency")
    course = factory.LazyFunction(make_course)
    confidence_before = 2


def started_session(**fields) -> TrainingSession:
    """A session that began an hour ago, so its register is open."""
    fields.setdefault("starts_at", timezone.now() - datetime.timedelta(hours=1))
    return SessionFactory(**fields)
