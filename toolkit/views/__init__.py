from .assessments import (
    area_edit,
    assessment_attach,
    assessment_complete,
    assessment_delete,
    assessment_detail,
    assessment_list,
    assessment_pdf,
    assessment_start,
)
from .public import blank_pdf

__all__ = [
    "area_edit",
    "assessment_attach",
    "assessment_complete",
    "assessment_delete",
    "assessment_detail",
    "assessment_list",
    "assessment_pdf",
    "assessment_start",
    "blank_pdf",
]
