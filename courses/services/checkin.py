"""Self check-in: during a part of a session the trainer shows a six-character code (and a
QR code); people with a confirmed place enter it on their phone and are checked in for that
part. The register shows the check-in ticked until the trainer confirms or unticks it.

Check-in is open from 30 minutes before a part starts until it ends. Each person may get the
code wrong 10 times per part; after that only the trainer can mark them. The count lives in
the shared cache (Redis or the database cache in production) so it holds across app servers.
"""

import datetime
import secrets

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import (
    AttendanceMethod,
    Booking,
    BookingStatus,
    PartAttendance,
    SessionPart,
)
from ..models.parts import CHECK_IN_OPENS_BEFORE, new_check_in_code
from ..permissions import can_mark_register
from .common import CourseRefusal, _local

WRONG_GUESSES_ALLOWED = 10


def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def _window_refusal(part: SessionPart, now: datetime.datetime) -> str | None:
    if part.session.is_cancelled:
        return _("This session has been cancelled.")
    if now < part.check_in_opens_at:
        return _("Check-in for this part opens at %(time)s on %(date)s.") % {
            "time": _local(part.check_in_opens_at, "H:i"),
            "date": _local(part.check_in_opens_at, "j F Y"),
        }
    if now > part.ends_at:
        return _(
            "Check-in for this part closed when it ended, at %(time)s on %(date)s. Ask the "
            "trainer to mark the register."
        ) % {"time": _local(part.ends_at, "H:i"), "date": _local(part.ends_at, "j F Y")}
    return None


@transaction.atomic
def check_in_code(
    *, part: SessionPart, by, rotate: bool = False, now: datetime.datetime | None = None
) -> str:
    """The code for the trainer's screen, made the first time it is shown during the
    check-in window; ``rotate`` replaces it (a code seen by someone not in the room)."""
    now = now or timezone.now()
    if not can_mark_register(by, part.session):
        raise CourseRefusal(_("Only the trainer or partnership staff can show the check-in code."))
    refusal = _window_refusal(part, now)
    if refusal:
        raise CourseRefusal(refusal)
    part = SessionPart.objects.select_for_update().get(pk=part.pk)
    if rotate or not part.check_in_code:
        part.check_in_code = new_check_in_code()
        part.save(update_fields=["check_in_code"])
    return part.check_in_code


def _guess_key(user, part) -> str:
    return f"courses:check-in-wrong:{user.pk}:{part.pk}"


def _wrong_guess(user, parts, now) -> int:
    """Count a wrong code against every part the person could have meant; returns the fewest
    tries they have left."""
    left = WRONG_GUESSES_ALLOWED
    for part in parts:
        key = _guess_key(user, part)
        timeout = max(int((part.ends_at - now).total_seconds()) + 3600, 60)
        cache.add(key, 0, timeout)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, 1, timeout)
            count = 1
        left = min(left, WRONG_GUESSES_ALLOWED - count)
    return max(left, 0)


def _locked_out(user, part) -> bool:
    return (cache.get(_guess_key(user, part)) or 0) >= WRONG_GUESSES_ALLOWED


def _open_parts_booked_by(user, now):
    return list(
        SessionPart.objects.filter(
            session__bookings__user=user,
            session__bookings__status=BookingStatus.BOOKED,
            session__cancelled_at__isnull=True,
            starts_at__lte=now + CHECK_IN_OPENS_BEFORE,
            ends_at__gte=now,
        )
        .select_related("session__course")
        .distinct()
    )


def check_in(
    *, user, code: str, part: SessionPart | None = None, now: datetime.datetime | None = None
) -> tuple[PartAttendance, bool]:
    """Check ``user`` in for a part with the code on the trainer's screen. ``part`` comes from
    the QR code's link; without it, the part is the one of the person's own booked sessions
    whose check-in is open. Returns the record and whether it is new (checking in twice
    changes nothing). Refusals store nothing except the count of wrong codes."""
    now = now or timezone.now()
    code = _normalise(code)
    if part is not None:
        part = SessionPart.objects.select_related("session__course").get(pk=part.pk)
        if not Booking.objects.filter(
            session_id=part.session_id, user=user, status=BookingStatus.BOOKED
        ).exists():
            raise CourseRefusal(
                _("You do not have a confirmed place on this session, so you cannot check in.")
            )
        refusal = _window_refusal(part, now)
        if refusal:
            raise CourseRefusal(refusal)
        candidates = [part]
    else:
        candidates = _open_parts_booked_by(user, now)
        if not candidates:
            raise CourseRefusal(
                _(
                    "You do not have a confirmed place on a session that is open for check-in "
                    "now. Check-in opens 30 minutes before a session starts."
                )
            )
    if any(_locked_out(user, p) for p in candidates):
        raise CourseRefusal(
            _(
                "You have entered a wrong code too many times. Ask the trainer to mark you on "
                "the register."
            )
        )
    matched = [
        p for p in candidates if p.check_in_code and secrets.compare_digest(p.check_in_code, code)
    ]
    if not matched:
        left = _wrong_guess(user, candidates, now)
        elsewhere = (
            code
            and SessionPart.objects.filter(
                check_in_code=code,
                starts_at__lte=now + CHECK_IN_OPENS_BEFORE,
                ends_at__gte=now,
            )
            .exclude(pk__in=[p.pk for p in candidates])
            .exists()
        )
        message = (
            _(
                "That code is for a different session or part. Check the code on the "
                "trainer's screen."
            )
            if elsewhere
            else _("That code is not right. Check the code on the trainer's screen and try again.")
        )
        raise CourseRefusal(
            message
            + " "
            + ngettext("You have %(left)s try left.", "You have %(left)s tries left.", left)
            % {"left": left}
        )
    part = matched[0]
    return _record(user=user, part=part, now=now)


def _record(*, user, part: SessionPart, now) -> tuple[PartAttendance, bool]:
    with transaction.atomic():
        booking = Booking.objects.get(
            session_id=part.session_id, user=user, status=BookingStatus.BOOKED
        )
        existing = PartAttendance.objects.filter(booking=booking, part=part).first()
        if existing is not None:
            if existing.attended:
                return existing, False
            raise CourseRefusal(
                _(
                    "The trainer has already marked you as not here for this part. Speak to the "
                    "trainer."
                )
            )
        record = PartAttendance(
            booking=booking,
            part=part,
            attended=True,
            method=AttendanceMethod.SELF,
            marked_by=user,
            marked_at=now,
            checked_in_at=now,
        )
        record.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                record.save()
        except IntegrityError:
            # The same person submitted twice at once; the first one checked them in.
            return PartAttendance.objects.get(booking=booking, part=part), False
    return record, True
