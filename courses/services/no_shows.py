"""Reasons for not attending, the partnership's charge for a no-show, and the quarterly file
of no-shows and charges each agency is sent.

Rules:
- a reason (and a note on it) is recorded only for someone marked "did not attend" or
  "partly attended"; "Other" needs a note saying what it was;
- a no-show is charged the partnership's charge per no-show (Settings → Training) as it
  stands when the register is marked, and that amount is kept on the booking: changing the
  setting later does not change what was charged;
- being ill or a work emergency waives the charge; cancelling too late, no reason given,
  another reason and no reason recorded yet do not. Partly attending is never charged;
- the charge is worked out again only when that person's attendance or reason changes.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AbsenceReason, Attendance, Booking, BookingStatus, TrainingSettings

WAIVING_REASONS = frozenset({AbsenceReason.ILL, AbsenceReason.WORK_EMERGENCY})
REASON_ALLOWED = frozenset({Attendance.NO_SHOW, Attendance.PARTLY})
NOTE_LENGTH = 200


def current_charge() -> Decimal | None:
    """The partnership's charge per no-show now; None when it charges nothing."""
    charge = TrainingSettings.load().no_show_charge
    return charge if charge else None


def charge_for(*, attendance: str, reason: str, rate: Decimal | None) -> Decimal | None:
    """What a booking marked this way is charged at ``rate``; None for no charge."""
    if attendance != Attendance.NO_SHOW or rate is None or reason in WAIVING_REASONS:
        return None
    return rate


@dataclass(frozen=True)
class ReasonGiven:
    reason: str = ""
    note: str = ""


def absence_update(
    booking: Booking, *, attendance: str, given: ReasonGiven | None, rate: Decimal | None
) -> str | None:
    """Put the reason and charge for ``attendance`` on ``booking`` (not saved). Returns a
    message naming the person when what was given breaks a rule, and then changes nothing.

    ``given`` None means no reason was sent for this person: the one recorded stays while it
    still applies and is cleared when they are now marked attended or not marked."""
    name = booking.user.get_full_name() or booking.user.email
    if given is None:
        keep = attendance in REASON_ALLOWED
        given = ReasonGiven(
            booking.absence_reason if keep else "", booking.absence_note if keep else ""
        )
    reason, note = given.reason, given.note.strip()
    if reason and reason not in AbsenceReason.values:
        return _("The register could not be saved. Reload it and try again.")
    if (reason or note) and attendance not in REASON_ALLOWED:
        return _(
            "%(name)s is not marked as did not attend or partly attended, so leave their "
            "reason and note blank."
        ) % {"name": name}
    if note and not reason:
        return _("Choose a reason for %(name)s, or clear the note.") % {"name": name}
    if reason == AbsenceReason.OTHER and not note:
        return _("Say in the note what the other reason is for %(name)s.") % {"name": name}
    if len(note) > NOTE_LENGTH:
        return _("Keep the note for %(name)s to %(max)s characters or fewer.") % {
            "name": name,
            "max": NOTE_LENGTH,
        }
    if booking.attendance != attendance or booking.absence_reason != reason:
        booking.no_show_charge = charge_for(attendance=attendance, reason=reason, rate=rate)
    booking.absence_reason = reason
    booking.absence_note = note
    return None


# --- The quarterly file --------------------------------------------------------------------


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @property
    def label(self) -> str:
        return f"{self.year} Q{self.number}"

    @property
    def slug(self) -> str:
        return f"{self.year}-q{self.number}"

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def next_first_day(self) -> datetime.date:
        if self.number == 4:
            return datetime.date(self.year + 1, 1, 1)
        return datetime.date(self.year, 3 * self.number + 1, 1)

    def previous(self) -> "Quarter":
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )


# Quarters from 2000 to next year; anything else in an address is not a quarter.
EARLIEST_YEAR = 2000


def quarter_or_none(year: int, number: int, *, today: datetime.date | None = None):
    today = today or timezone.localdate()
    if not (1 <= number <= 4 and EARLIEST_YEAR <= year <= today.year + 1):
        return None
    return Quarter(year, number)


def quarter_of(day: datetime.date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def recent_quarters(*, today: datetime.date | None = None, count: int = 8) -> list[Quarter]:
    """This quarter and the ones before it, newest first."""
    quarter = quarter_of(today or timezone.localdate())
    quarters = []
    for _i in range(count):
        quarters.append(quarter)
        quarter = quarter.previous()
    return quarters


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def quarter_no_shows(*, agency, quarter: Quarter):
    """No-shows of people booked from ``agency`` (the agency they were with when they booked)
    on sessions that started in ``quarter`` and were not cancelled, in date order."""
    return (
        Booking.objects.filter(
            agency=agency,
            status=BookingStatus.BOOKED,
            attendance=Attendance.NO_SHOW,
            session__cancelled_at__isnull=True,
            session__starts_at__gte=_midnight(quarter.first_day),
            session__starts_at__lt=_midnight(quarter.next_first_day),
        )
        .select_related("session__course", "user")
        .order_by("session__starts_at", "user__last_name", "user__first_name", "pk")
    )


def quarter_csv_rows(*, agency, quarter: Quarter) -> tuple[list, list[list]]:
    """The header and rows of the quarterly file, ending with a total row."""
    header = [
        _("Course"),
        _("Session date"),
        _("Name"),
        _("Reason"),
        _("Note"),
        _("Charge (£)"),
    ]
    bookings = quarter_no_shows(agency=agency, quarter=quarter)
    rows = [
        [
            b.session.course.title,
            timezone.localdate(b.session.starts_at),
            b.user.get_full_name() or b.user.email,
            b.get_absence_reason_display() or _("Not recorded"),
            b.absence_note,
            b.no_show_charge or Decimal("0.00"),
        ]
        for b in bookings
    ]
    # Some databases drop the decimal places of a sum.
    total = (bookings.aggregate(total=Sum("no_show_charge"))["total"] or Decimal(0)).quantize(
        Decimal("0.01")
    )
    rows.append(
        [
            _("Total"),
            "",
            _("%(count)s did not attend") % {"count": len(rows)},
            "",
            "",
            total,
        ]
    )
    return header, rows
