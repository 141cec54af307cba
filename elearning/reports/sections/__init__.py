"""Report sections. Each answers one of the strategy's questions for the chosen filters.

Each app registers its sections with the ``register_report_section`` Wagtail hook in its
``wagtail_hooks.py``; a section's ``order`` says where it comes on the page.
"""

from .base import Section, SectionResult, Table, all_sections, get_section

__all__ = ["Section", "SectionResult", "Table", "all_sections", "get_section"]
