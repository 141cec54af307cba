"""Completion: the certificate is issued the first time the recorded facts show a course
complete, with its expiry date when the course needs a refresher."""

import calendar
import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import Certificate, Enrolment
from ..selectors import enrolment_progress


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@transaction.atomic
def certificate_issue_if_complete(*, enrolment: Enrolment) -> Certificate | None:
    """Issue the certificate the first time the recorded facts show the course complete."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    if not enrolment_progress(enrolment).complete:
        return None
    course = enrolment.course
    today = timezone.localdate()
    certificate = Certificate(
        enrolment=enrolment,
        # Where the person works when they complete it, not where they enrolled.
        agency_id=enrolment.user.agency_id,
        learner_name=enrolment.user.get_full_name() or enrolment.user.email,
        course_title=course.title,
        cpd_hours=course.cpd_hours,
        completed_on=today,
        expires_on=_add_months(today, course.refresher_months) if course.refresher_months else None,
    )
    certificate.full_clean()
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:
        # Two requests completed the course at the same moment; the first one issued it.
        return Certificate.objects.get(enrolment=enrolment)
    return certificate
