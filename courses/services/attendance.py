"""The register: attendance recorded per part of a session, and each booking's overall mark
worked out from it (every part attended, some, or none)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Attendance,
    AttendanceMethod,
    Booking,
    BookingStatus,
    Enrolment,
    PartAttendance,
    SessionPart,
    TrainingSession,
)
from ..permissions import can_mark_register
from . import no_shows
from .common import CourseRefusal, _local
from .completion import certificate_issue_if_complete


def register_refusal(session: TrainingSession, now: datetime.datetime) -> str | None:
    """Why the register cannot be marked yet (or at all), or None when it can: it opens when
    the first part starts."""
    if session.is_cancelled:
        return _("This session was cancelled, so there is no register to mark.")
    if now < session.starts_at:
        return _(
            "The register opens when the session starts, at %(time)s on %(date)s. Attendance "
            "cannot be marked before then."
        ) % {"time": _local(session.starts_at, "H:i"), "date": _local(session.starts_at, "j F Y")}
    return None


def overall_attendance(records, part_count: int) -> str:
    """A booking's mark from its confirmed part records: every part attended is "attended",
    some is "partly", none (once marked) is "did not attend". Self check-ins the trainer has
    not confirmed do not count yet."""
    confirmed = [r for r in records if r.method == AttendanceMethod.TRAINER]
    attended = sum(1 for r in confirmed if r.attended)
    if part_count and attended >= part_count:
        return Attendance.ATTENDED
    if attended:
        return Attendance.PARTLY
    return Attendance.NO_SHOW if confirmed else ""


def _invalid():
    return CourseRefusal(_("The register could not be saved. Reload it and try again."))


@transaction.atomic
def attendance_record(
    *,
    session: TrainingSession,
    marked_by,
    marks: dict[tuple[int, int], bool],
    reasons: dict[int, no_shows.ReasonGiven] | None = None,
    now: datetime.datetime | None = None,
) -> int:
    """Mark the register: ``marks`` maps (booking id, part id) to attended or not, for the
    parts shown on the register. Saving confirms self check-ins (or, unticked, overrules
    them). Refuses the whole register if anything in it is wrong, and any part that has not
    started yet (marking can complete a course and issue a certificate). ``reasons`` maps
    booking ids to the reason someone did not attend (see ``no_shows``), checked against the
    overall mark the parts give. Returns how many part records and reasons changed."""
    now = now or timezone.now()
    if not can_mark_register(marked_by, session):
        raise CourseRefusal(_("Only the trainer or partnership staff can mark this register."))
    refusal = register_refusal(session, now)
    if refusal:
        raise CourseRefusal(refusal)
    parts = {p.pk: p for p in SessionPart.objects.filter(session=session)}
    bookings = {
        b.pk: b
        for b in Booking.objects.filter(
            session=session, status=BookingStatus.BOOKED
        ).select_related("user")
    }
    reasons = reasons or {}
    if any(booking_id not in bookings for booking_id in reasons):
        raise _invalid()
    for (booking_id, part_id), value in marks.items():
        if booking_id not in bookings or part_id not in parts or not isinstance(value, bool):
            raise _invalid()
        if parts[part_id].starts_at > now:
            raise CourseRefusal(
                _("Attendance for the part starting %(when)s can be marked once it starts.")
                % {"when": _local(parts[part_id].starts_at, "j F Y, H:i")}
            )
    records = {
        (r.booking_id, r.part_id): r
        for r in PartAttendance.objects.select_for_update().filter(booking__in=bookings.values())
    }
    new, changed = [], []
    for (booking_id, part_id), attended in marks.items():
        record = records.get((booking_id, part_id))
        if record is None:
            record = PartAttendance(
                booking_id=booking_id,
                part_id=part_id,
                attended=attended,
                method=AttendanceMethod.TRAINER,
                marked_by=marked_by,
                marked_at=now,
            )
            records[(booking_id, part_id)] = record
            new.append(record)
        elif record.attended != attended or record.method != AttendanceMethod.TRAINER:
            record.attended = attended
            record.method = AttendanceMethod.TRAINER
            record.marked_by = marked_by
            record.marked_at = now
            changed.append(record)
    PartAttendance.objects.bulk_create(new)
    PartAttendance.objects.bulk_update(changed, ["attended", "method", "marked_by", "marked_at"])

    by_booking: dict[int, list] = {}
    for (booking_id, _part_id), record in records.items():
        by_booking.setdefault(booking_id, []).append(record)
    marked, problems = [], []
    reasons_changed = 0
    rate = no_shows.current_charge()
    for booking_id in sorted({key[0] for key in marks} | reasons.keys()):
        booking = bookings[booking_id]
        overall = overall_attendance(by_booking.get(booking_id, []), len(parts))
        before = (booking.absence_reason, booking.absence_note, booking.no_show_charge)
        # The reason and charge follow the overall mark (read before it is changed).
        problem = no_shows.absence_update(
            booking, attendance=overall, given=reasons.get(booking_id), rate=rate
        )
        if problem:
            problems.append(problem)
            continue
        reason_changed = before != (
            booking.absence_reason,
            booking.absence_note,
            booking.no_show_charge,
        )
        reasons_changed += reason_changed
        if booking.attendance != overall or reason_changed:
            booking.attendance = overall
            booking.attendance_marked_by = marked_by
            marked.append(booking)
    if problems:
        raise CourseRefusal(list(dict.fromkeys(problems)))
    Booking.objects.bulk_update(
        marked,
        ["attendance", "attendance_marked_by", "absence_reason", "absence_note", "no_show_charge"],
    )
    # Attendance can be the last fact a blended course needs.
    for enrolment in Enrolment.objects.filter(
        course_id=session.course_id, user_id__in=[b.user_id for b in marked]
    ):
        certificate_issue_if_complete(enrolment=enrolment)
    return len(new) + len(changed) + reasons_changed
