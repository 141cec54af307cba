"""Factories for courses, steps, enrolments, sessions and bookings."""

import datetime
import itertools

import factory
from django.utils import timezone
from django.utils.text import slugify

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
from tests.factories import PublishedPageFactory, UserFactory

_slugs = itertools.count(1)


class CourseIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Training"
    slug = "training"

    @classmethod
    def default_parent(cls):
        return site_tree_ensure()


def course_index() -> CourseIndexPage:
    """The course list, made the first time a test needs it."""
    site_tree_ensure()
    return CourseIndexPage.objects.first() or CourseIndexPageFactory()


class LibraryStandardPageFactory(PublishedPageFactory):
    """A plain published page under the home page, for a course step to point at."""

    class Meta:
        model = StandardPage

    title = factory.LazyFunction(lambda: f"Guide {next(_slugs)}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    body = "<p>Guide text.</p>"

    @classmethod
    def default_parent(cls):
        return site_tree_ensure()


def library_page(title: str | None = None) -> StandardPage:
    if title is None:
        return LibraryStandardPageFactory()
    return LibraryStandardPageFactory(title=title, slug=f"guide-{next(_slugs)}")


class CoursePageFactory(PublishedPageFactory):
    """A published course under the course list; ``steps=N`` gives it N page steps."""

    class Meta:
        model = CoursePage

    class Params:
        number = factory.LazyFunction(lambda: next(_slugs))

    title = factory.LazyAttribute(lambda o: f"Course {o.number}")
    slug = factory.LazyAttribute(lambda o: f"course-{o.number}")
    summary = "A course about neglect."

    @classmethod
    def default_parent(cls):
        return course_index()

    @classmethod
    def _create(cls, model_class, *args, steps: int = 0, **kwargs):
        kwargs["steps"] = [CourseStep(page=library_page(), sort_order=i) for i in range(steps)]
        return super()._create(model_class, *args, **kwargs)


def make_course(*, steps: int = 2, title: str | None = None, **fields) -> CoursePage:
    """A published course under the course list with ``steps`` page steps."""
    if title is not None:
        fields["title"] = title
    return CoursePageFactory(steps=steps, **fields)


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
