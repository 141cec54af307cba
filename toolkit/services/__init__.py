"""The toolkit's rules. Views and forms call these; they refuse with ``ToolkitRefusal``."""

from .assessments import (
    FINDING_FIELDS,
    assessment_attach,
    assessment_complete,
    assessment_delete_draft,
    assessment_start,
    finding_save,
)
from .common import ToolkitRefusal, assessment_log
from .retention import (
    assessment_legal_hold,
    assessments_delete_past_retention,
    assessments_past_retention,
)

__all__ = [
    "FINDING_FIELDS",
    "ToolkitRefusal",
    "assessment_attach",
    "assessment_complete",
    "assessment_delete_draft",
    "assessment_legal_hold",
    "assessment_log",
    "assessment_start",
    "assessments_delete_past_retention",
    "assessments_past_retention",
    "finding_save",
]
