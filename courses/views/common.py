"""What the course views share."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import CoursePage, TrainingSession

# Page ids are looked up through the page pointer, which Django does not range-check: an id
# past 64 bits would reach the database and fail there instead of finding nothing.
_MAX_ID = 2**63 - 1


def session_or_404(session_id) -> TrainingSession:
    if not 0 < session_id <= _MAX_ID:
        raise Http404
    return get_object_or_404(
        TrainingSession.objects.select_related("course", "trainer", "venue"), pk=session_id
    )


def course_or_404(course_id, *, live: bool = False) -> CoursePage:
    """The course in the URL; ``live`` for learners' pages, which never show a draft."""
    if not 0 < course_id <= _MAX_ID:
        raise Http404
    pages = CoursePage.objects.live() if live else CoursePage.objects.all()
    return get_object_or_404(pages, pk=course_id)
