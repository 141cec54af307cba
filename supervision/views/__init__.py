"""Supervision routes. Thin: rules live in services, access in permissions, reads in selectors.

Every view that touches a record asks ``permissions`` and answers 404 to anyone refused, and
every read, export and change is written to the access log.
"""

from .agreements import (
    agreement_answer,
    agreement_create,
    agreement_detail,
    agreement_edit,
    agreement_end,
    agreement_list,
)
from .cases import access_log, case_timeline, escalation_create, escalation_detail, flag_detail
from .contents import (
    discussion_add,
    discussion_delete,
    discussion_edit,
    reflection_add,
    reflection_edit,
)
from .escalations import escalation_list
from .exports import cpd_export, cpd_export_page, record_pdf, record_print
from .home import home, supervision_panel, topic_add
from .records import (
    actions_review,
    addendum_add,
    record_detail,
    record_edit,
    record_return,
    record_send,
    record_sign,
    record_start,
)
from .sharing import record_share, record_share_revoke

__all__ = [
    "access_log",
    "actions_review",
    "addendum_add",
    "agreement_answer",
    "agreement_create",
    "agreement_detail",
    "agreement_edit",
    "agreement_end",
    "agreement_list",
    "case_timeline",
    "cpd_export",
    "cpd_export_page",
    "discussion_add",
    "discussion_delete",
    "discussion_edit",
    "escalation_create",
    "escalation_detail",
    "escalation_list",
    "flag_detail",
    "home",
    "record_detail",
    "record_edit",
    "record_pdf",
    "record_print",
    "record_return",
    "record_send",
    "record_share",
    "record_share_revoke",
    "record_sign",
    "record_start",
    "reflection_add",
    "reflection_edit",
    "supervision_panel",
    "topic_add",
]
