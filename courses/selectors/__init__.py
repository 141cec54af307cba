"""Reads shared by views, the dashboard panel and the partnership reports' training sections,
one module per concern; this package exports the names callers use."""

from .bookings import SessionBookingState, booking_open, booking_past_cut_off, session_booking_state
from .course_pages import course_interest_context, course_page_context, course_sessions
from .figures import (
    CONFIDENCE_CHANGES,
    NOT_RECORDED_KEY,
    REASON_KEYS,
    booking_figures,
    certificate_figures,
    confidence_distribution,
    confidence_figures,
    enrolment_figures,
    no_show_reason_figures,
    session_places,
)
from .progress import (
    ATTENDED,
    Progress,
    Requirement,
    RequirementKind,
    enrolment_progress,
    enrolments_with_progress,
)
from .sessions import (
    RegisterCell,
    RegisterRow,
    register_rows,
    session_bookings,
    sessions_summary,
    upcoming_sessions,
)

__all__ = [
    "ATTENDED",
    "CONFIDENCE_CHANGES",
    "NOT_RECORDED_KEY",
    "Progress",
    "REASON_KEYS",
    "RegisterCell",
    "RegisterRow",
    "Requirement",
    "RequirementKind",
    "SessionBookingState",
    "booking_figures",
    "booking_open",
    "booking_past_cut_off",
    "certificate_figures",
    "confidence_distribution",
    "confidence_figures",
    "course_interest_context",
    "course_page_context",
    "course_sessions",
    "enrolment_figures",
    "enrolment_progress",
    "enrolments_with_progress",
    "no_show_reason_figures",
    "register_rows",
    "session_bookings",
    "session_booking_state",
    "session_places",
    "sessions_summary",
    "upcoming_sessions",
]
