"""Routes for learners, trainers and partnership staff. Thin: rules live in services, access
in permissions, shared reads in selectors."""

from .checkin import check_in, check_in_screen
from .courses import (
    course_page_serve,
    enrol,
    evaluation,
    my_learning,
    my_learning_panel,
    resume,
    step,
)
from .registers import certificate_pdf, register, sign_in_sheet, verify
from .reports import report_course, report_session, reports
from .sessions import (
    approvals,
    booking_cancel,
    session_book,
    session_detail,
    session_ics,
    session_list,
)

__all__ = [
    "approvals",
    "booking_cancel",
    "certificate_pdf",
    "check_in",
    "check_in_screen",
    "course_page_serve",
    "enrol",
    "evaluation",
    "my_learning",
    "my_learning_panel",
    "register",
    "report_course",
    "report_session",
    "reports",
    "resume",
    "session_book",
    "session_detail",
    "session_ics",
    "session_list",
    "sign_in_sheet",
    "step",
    "verify",
]
