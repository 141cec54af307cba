"""Routes for learners, trainers and partnership staff. Thin: rules live in services, access
in permissions, shared reads in selectors."""

from .certificates import certificate_pdf, verify
from .checkin import check_in, check_in_screen
from .courses import (
    enrol,
    evaluation,
    my_learning,
    my_learning_panel,
    resume,
    step,
)
from .emails import email_preferences
from .impact import follow_up as impact_follow_up
from .impact import follow_up_manager as impact_manager
from .interest import (
    interest_decline,
    interest_demand,
    interest_register,
    interest_withdraw,
    session_offer_interest,
)
from .no_shows import no_show_files, no_shows_csv
from .registers import register, sign_in_sheet
from .reports import report_course, report_session, reports
from .sessions import (
    approvals,
    booking_cancel,
    session_book,
    session_detail,
    session_ics,
    session_list,
)
from .team import team
from .trainers import sessions_i_run

__all__ = [
    "approvals",
    "booking_cancel",
    "certificate_pdf",
    "check_in",
    "check_in_screen",
    "email_preferences",
    "enrol",
    "evaluation",
    "impact_follow_up",
    "impact_manager",
    "interest_decline",
    "interest_demand",
    "interest_register",
    "interest_withdraw",
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
    "session_offer_interest",
    "sign_in_sheet",
    "step",
    "team",
    "verify",
    "sessions_i_run",
    "no_show_files",
    "no_shows_csv",
]
