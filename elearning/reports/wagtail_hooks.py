"""The partnership reports' own sections, registered for the reports page."""

from wagtail import hooks

from .sections import (
    briefings,
    confidence,
    content_review,
    impact,
    people,
    quiz_results,
    training_reach,
    training_sessions,
)

for module in (
    people,
    training_reach,
    training_sessions,
    confidence,
    impact,
    quiz_results,
    briefings,
    content_review,
):
    hooks.register("register_report_section", lambda section=module.section: section)
