"""Report figures, worked out once and kept for a few minutes in the shared cache.

Working out every section at full volume takes seconds, so the figures for a set of filters
are kept (in Redis, or the database cache without it: shared by every app server) for
``REPORTS_FIGURES_MAX_AGE_SECONDS``. The partnership's default figures are worked out again
by a task (``manage.py refresh_report_figures``, from cron), so the page staff open most
never waits; other filters are worked out on first use. The page says when its figures were
worked out. Only published figures are kept: everything stored has already passed through
the disclosure control.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .disclosure import min_people_for_rates, too_few_people
from .filters import ReportFilters, default_filters
from .permissions import can_view_partnership_reports, can_view_section
from .sections import Section, SectionResult, all_sections, get_section

KEY_PREFIX = "reports:figures:v1"
DEFAULT_MAX_AGE_SECONDS = 15 * 60


def max_age_seconds() -> int:
    return int(getattr(settings, "REPORTS_FIGURES_MAX_AGE_SECONDS", DEFAULT_MAX_AGE_SECONDS))


class PartnershipReader:
    """Whom the stored partnership figures are worked out for. Everyone who may see
    partnership reports sees the same figures, so the task works them out as this reader."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = None


@dataclass
class Report:
    """The published figures of every section a reader may see, and when they were made."""

    results: list[tuple[str, SectionResult]]
    computed_at: datetime.datetime

    @property
    def sections(self) -> list[tuple[Section, SectionResult]]:
        return [(get_section(slug), result) for slug, result in self.results]

    def result(self, slug: str) -> SectionResult | None:
        return next((result for s, result in self.results if s == slug), None)


@dataclass
class RenderedReport:
    """The same figures as the page shows them: the sections' HTML, rendered once when the
    figures are worked out, with the list of contents and the time. Reading it costs one
    cache read and no rendering, however many agencies the tables list."""

    contents: list[tuple[str, str]]
    html: SafeString
    computed_at: datetime.datetime


def _scope(user) -> str:
    """Partnership readers share one set of figures; a supervisor's team view is their own."""
    return "partnership" if can_view_partnership_reports(user) else f"team:{user.pk}"


def _key(filters: ReportFilters, user) -> str:
    digest = hashlib.sha256(filters.cache_key().encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:{_scope(user)}:{digest}"


def visible_sections(filters: ReportFilters, user) -> list[Section]:
    """The sections ``user`` may see; with a course chosen, those that can be narrowed to it."""
    return [
        section
        for section in all_sections()
        if can_view_section(user, section) and (filters.course is None or section.by_course)
    ]


def _withheld_message(user) -> str:
    if can_view_partnership_reports(user):
        advice = _("Choose a wider agency or sector.")
    else:
        advice = _(
            "Figures for your team appear once you have supervised at least %(min)s people; "
            "your supervision home lists each supervisee's records."
        ) % {"min": min_people_for_rates()}
    reason = _(
        "Fewer than %(min)s people are counted for these filters, so no figures are shown: "
        "they could identify someone."
    ) % {"min": min_people_for_rates()}
    return f"{reason} {advice}"


def compute(filters: ReportFilters, user) -> Report:
    """Work out every visible section now. A section narrowed to fewer people than the rule
    allows says so instead of showing figures."""
    results = []
    counted = {}  # sections that count their people the same way count them once
    for section in visible_sections(filters, user):
        how = type(section).population
        if how not in counted:
            counted[how] = section.population(filters, user)
        people = counted[how]
        if people is not None and too_few_people(people):
            result = SectionResult(withheld=_withheld_message(user))
        else:
            result = section.compute(filters, user)
        results.append((section.slug, result))
    return Report(results=results, computed_at=timezone.now())


def report_for(filters: ReportFilters, user) -> Report:
    """The stored figures for these filters if they are recent enough, else worked out now
    and stored (the CSV files read these)."""
    key = _key(filters, user)
    stored = cache.get(key)
    if isinstance(stored, Report):
        return stored
    report = compute(filters, user)
    cache.set(key, report, timeout=max_age_seconds())
    return report


def _render(report: Report, filters: ReportFilters) -> RenderedReport:
    sections = report.sections
    return RenderedReport(
        contents=[(section.slug, str(section.title)) for section, _result in sections],
        html=render_to_string(
            "reports/includes/sections.html", {"sections": sections, "filters": filters}
        ),
        computed_at=report.computed_at,
    )


def _keep_rendered(key: str, rendered: RenderedReport) -> None:
    """Keep the page for as long as its figures have left, so both are worked out again
    together."""
    age = (timezone.now() - rendered.computed_at).total_seconds()
    cache.set(f"{key}:page", rendered, timeout=max(1, int(max_age_seconds() - age)))


def page_for(filters: ReportFilters, user) -> RenderedReport:
    """The page's sections as stored, else rendered from the stored (or new) figures."""
    key = _key(filters, user)
    stored = cache.get(f"{key}:page")
    if isinstance(stored, RenderedReport):
        stored.html = mark_safe(stored.html)  # noqa: S308  rendered by our own template
        return stored
    rendered = _render(report_for(filters, user), filters)
    _keep_rendered(key, rendered)
    return rendered


def refresh_partnership_figures(filters: ReportFilters | None = None) -> Report:
    """Work out the partnership's figures again (the default filters unless given) and store
    them, and the page made from them, replacing what was there."""
    filters = filters or default_filters()
    reader = PartnershipReader()
    report = compute(filters, reader)
    key = _key(filters, reader)
    cache.set(key, report, timeout=max_age_seconds())
    _keep_rendered(key, _render(report, filters))
    return report
