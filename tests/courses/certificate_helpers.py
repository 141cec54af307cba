"""Certificates made directly, for the certificate tests."""

from django.utils import timezone

from courses.models import Certificate
from tests.factories import UserFactory

from .factories import EnrolmentFactory, make_course


def make_certificate(user=None, *, course=None, **fields) -> Certificate:
    enrolment = EnrolmentFactory(user=user or UserFactory(), course=course or make_course(steps=0))
    defaults = {
        "learner_name": enrolment.user.get_full_name(),
        "course_title": enrolment.course.title,
        "cpd_hours": 2,
        "completed_on": timezone.localdate(),
    }
    defaults.update(fields)
    return Certificate.objects.create(enrolment=enrolment, **defaults)
