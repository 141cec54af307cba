"""Report sections. Each answers one of the strategy's questions for the chosen filters.

Sections are registered in the order they appear on the page. Other apps add their own with
``register_section`` (the supervision app registers its section when it is ready).
"""

from .base import Section, SectionResult, Table, all_sections, get_section, register_section

# Importing each module registers its section, in this order.
from . import (  # noqa: E402, F401  isort: skip
    people,
    training_reach,
    training_sessions,
    confidence,
    impact,
    quiz_results,
    briefings,
    content_review,
)

__all__ = ["Section", "SectionResult", "Table", "all_sections", "get_section", "register_section"]
