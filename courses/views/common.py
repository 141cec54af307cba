"""What the course views share."""

from django.contrib import messages
from django.shortcuts import get_object_or_404

from .. import services
from ..models import TrainingSession


def refused(request, error: services.CourseRefusal):
    for message in error.messages:
        messages.error(request, message)


def session_or_404(session_id) -> TrainingSession:
    return get_object_or_404(
        TrainingSession.objects.select_related("course", "trainer"), pk=session_id
    )
