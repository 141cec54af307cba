"""The neglect toolkit: pages partnership staff publish, and the assessments practitioners
make with them. Assessments are registered in no admin screen: who may see one is decided only
by ``toolkit.permissions``."""

from .assessments import Assessment, AssessmentStatus, Finding
from .pages import ToolkitPage

__all__ = ["Assessment", "AssessmentStatus", "Finding", "ToolkitPage"]
