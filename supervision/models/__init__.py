"""Reflective supervision: agreements, records, case discussions, actions, reflections, flags,
escalations and the access log.

Supervision records are special-category personal data. Nothing here is registered in the
Wagtail or Django admin: who may see a record is decided only by ``supervision.permissions``.
Business rules live in ``supervision.services``; these models hold data and small derived
values.
"""

from .agreements import (
    AGREEMENT_STATES,
    Agreement,
    AgreementQuerySet,
    AgreementState,
    current_q,
)
from .cases import (
    DISCUSSION_FIELDS,
    NOT_CHANGING,
    Action,
    ActionStatus,
    CaseDiscussion,
    CaseReference,
    ChangeCheck,
)
from .common import ReflectionTheme, labelled_values
from .config import PromptSet, SupervisionSettings
from .entries import Addendum, RecordShare, ReflectiveEntry
from .flags import Escalation, EscalationStage, Flag, FlagResponse
from .log import AccessLogEntry
from .records import Function, Record, RecordStatus, RecordType, Topic

__all__ = [
    "AGREEMENT_STATES",
    "AgreementState",
    "AccessLogEntry",
    "Action",
    "ActionStatus",
    "Addendum",
    "Agreement",
    "AgreementQuerySet",
    "CaseDiscussion",
    "CaseReference",
    "ChangeCheck",
    "DISCUSSION_FIELDS",
    "Escalation",
    "EscalationStage",
    "Flag",
    "FlagResponse",
    "Function",
    "NOT_CHANGING",
    "PromptSet",
    "Record",
    "RecordShare",
    "RecordStatus",
    "RecordType",
    "ReflectiveEntry",
    "SupervisionSettings",
    "ReflectionTheme",
    "Topic",
    "current_q",
    "labelled_values",
]
