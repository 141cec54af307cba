"""What the training services share: the refusal they raise, dates for messages and the
session row lock that serialises bookings."""

from django.utils import timezone
from django.utils.formats import date_format

from elearning.core.refusals import Refusal

from ..models import TrainingSession


class CourseRefusal(Refusal):
    """Something the person asked for is not allowed; the message says why."""


def _local(value, fmt: str) -> str:
    return date_format(timezone.localtime(value), fmt)


def _locked_session(session: TrainingSession) -> TrainingSession:
    # The row lock serialises bookings for one session on PostgreSQL; SQLite's IMMEDIATE
    # transactions already serialise writers, and select_for_update is a no-op there.
    return TrainingSession.objects.select_for_update().get(pk=session.pk)
