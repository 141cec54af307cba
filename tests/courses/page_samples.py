"""Samples of the course page types for the accessibility sweep and XSS checks."""

from courses.models import CourseIndexPage, CoursePage
from tests.courses.factories import course_index, make_course

SAMPLES = {
    CourseIndexPage: course_index,
    CoursePage: lambda: make_course(steps=2),
}
