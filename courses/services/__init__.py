"""Business rules for enrolment, progress facts, certificates, bookings and attendance, one
module per concern; this package exports the names callers use.

Each service checks its rule, refuses with ``CourseRefusal`` (a ``Refusal`` with a message for
the page) and leaves stored data unchanged when it does.
"""

from .. import notifications  # noqa: F401  (services.notifications)
from . import interest as interest_lists
from . import no_shows  # noqa: F401  (services.no_shows)
from .attendance import attendance_record, register_refusal
from .bookings import (
    _place_status,
    _promote_waiting,
    booking_cancel,
    booking_create,
    booking_decide,
)
from .certificates import (
    certificate_check,
    certificate_code_normalise,
    certificate_reissue,
    certificate_revoke,
)
from .checkin import check_in, check_in_code
from .common import CourseRefusal, _local, _locked_session
from .completion import _add_months, certificate_issue_if_complete
from .enrolment import _has_certificate, enrolment_create, evaluation_submit, step_view_record
from .reminders import certificate_reminders_send, session_reminders_send
from .sessions import _NOTIFIED_FIELDS, session_cancel, session_save

__all__ = [
    "CourseRefusal",
    "_NOTIFIED_FIELDS",
    "_add_months",
    "_has_certificate",
    "_local",
    "_locked_session",
    "_place_status",
    "_promote_waiting",
    "attendance_record",
    "booking_cancel",
    "booking_create",
    "booking_decide",
    "certificate_check",
    "certificate_code_normalise",
    "certificate_issue_if_complete",
    "certificate_reissue",
    "certificate_revoke",
    "check_in",
    "check_in_code",
    "enrolment_create",
    "evaluation_submit",
    "interest_lists",
    "no_shows",
    "register_refusal",
    "session_cancel",
    "session_reminders_send",
    "certificate_reminders_send",
    "session_save",
    "step_view_record",
]
