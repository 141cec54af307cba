"""Every change to supervision data goes through these services.

Each checks the rules of the workflow (an agreement is proposed, then accepted by the
supervisee; a record is a draft, then sent to the other party, then signed by both and
locked; addenda only once locked), asks ``supervision.permissions`` who may act, bumps the
record's version so simultaneous edits are detected rather than lost, and writes the access
log. Views call these and show the message of any ``SupervisionError`` they raise; stored
data is then unchanged.
"""

from .access_log import access_log, log_event, log_reads
from .agreements import (
    agreement_accept,
    agreement_decline,
    agreement_end,
    agreement_propose,
    agreement_update,
)
from .common import StaleRecord, SupervisionError
from .contents import (
    action_add,
    actions_review,
    case_reference_for,
    discussion_delete,
    discussion_save,
)
from .flags import (
    escalation_create,
    escalation_outcome,
    flag_respond,
    flags_run,
    flags_run_daily,
    flags_run_for_record,
)
from .housekeeping import records_delete_past_retention, records_past_retention, reminders_send
from .records import (
    EMPTY_RECORD,
    addendum_add,
    previous_record,
    record_has_content,
    record_return,
    record_send,
    record_sign,
    record_start,
    record_update,
)
from .reflections import (
    ONLY_THE_SUPERVISEE_ADDS,
    REFLECTION_FIELDS,
    SUPERVISEE_FIELDS,
    SUPERVISOR_FIELDS,
    reflection_fields_for,
    reflection_may_add,
    reflection_save,
)
from .sharing import record_share, record_share_revoke, topic_add

__all__ = [
    "EMPTY_RECORD",
    "ONLY_THE_SUPERVISEE_ADDS",
    "REFLECTION_FIELDS",
    "SUPERVISEE_FIELDS",
    "SUPERVISOR_FIELDS",
    "StaleRecord",
    "SupervisionError",
    "access_log",
    "action_add",
    "actions_review",
    "addendum_add",
    "agreement_accept",
    "agreement_decline",
    "agreement_end",
    "agreement_propose",
    "agreement_update",
    "case_reference_for",
    "discussion_delete",
    "discussion_save",
    "escalation_create",
    "escalation_outcome",
    "flag_respond",
    "flags_run",
    "flags_run_daily",
    "flags_run_for_record",
    "log_event",
    "log_reads",
    "previous_record",
    "record_has_content",
    "record_return",
    "record_send",
    "record_share",
    "record_share_revoke",
    "record_sign",
    "record_start",
    "record_update",
    "records_delete_past_retention",
    "records_past_retention",
    "reflection_fields_for",
    "reflection_may_add",
    "reflection_save",
    "reminders_send",
    "topic_add",
]
