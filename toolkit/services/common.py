"""What every toolkit service shares: the refusal and the access log entry."""

from elearning.core.refusals import Refusal
from supervision.services.access_log import log_event


class ToolkitRefusal(Refusal):
    """A request the toolkit refuses; its message is shown to the person."""


def assessment_log(*, user, assessment, action: str, what: str, ip: str | None = None) -> None:
    """One entry in the supervision access log, filed under the assessment's author."""
    log_event(
        user=user,
        supervisee_id=assessment.author_id,
        action=action,
        what=f"Neglect assessment {assessment.pk}: {what}",
        ip=ip,
    )
