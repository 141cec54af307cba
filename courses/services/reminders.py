"""Reminders the daily run sends: sessions starting in the next two days, and certificates
expiring in 60 and 14 days. Each is claimed before it is queued, so it is sent once however
often the run repeats."""

import datetime

from django.db import transaction
from django.utils import timezone

from elearning.accounts.selectors import confirmed_manager_prefetch

from .. import notifications
from ..models import Booking, BookingStatus, Certificate


def certificate_reminders_send(*, today: datetime.date | None = None) -> int:
    """E-mail learners (and their managers) 60 and 14 days before a certificate expires.
    Safe to run more than once a day: each reminder is sent once. Revoked certificates are
    skipped (a replaced code is not a certificate, so it is never reminded about)."""
    today = today or timezone.localdate()
    sent = 0
    for days, field in ((60, "reminded_60_at"), (14, "reminded_14_at")):
        due = (
            Certificate.objects.not_revoked()
            .filter(
                expires_on__lte=today + datetime.timedelta(days=days),
                expires_on__gte=today,
                **{f"{field}__isnull": True},
            )
            .select_related("enrolment__user", "enrolment__course")
        )
        due = due.prefetch_related(confirmed_manager_prefetch("enrolment__user"))
        for certificate in due:
            with transaction.atomic():
                claimed = Certificate.objects.filter(
                    pk=certificate.pk, revoked_at__isnull=True, **{f"{field}__isnull": True}
                ).update(**{field: timezone.now()})
                if claimed:
                    notifications.certificate_expiry_reminder(
                        certificate, days=(certificate.expires_on - today).days
                    )
                    sent += 1
    return sent


def session_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind people with a place about sessions starting in the next two days, once."""
    now = now or timezone.now()
    due = Booking.objects.filter(
        status=BookingStatus.BOOKED,
        reminded_at__isnull=True,
        session__starts_at__gt=now,
        session__starts_at__lte=now + datetime.timedelta(days=2),
    ).select_related("session__course", "user")
    sent = 0
    for booking in due:
        # Claimed and queued together: a task killed between the two loses nothing.
        with transaction.atomic():
            if Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                notifications.booking_reminder(booking)
                sent += 1
    return sent
