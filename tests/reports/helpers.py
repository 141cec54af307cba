"""Reading report sections out of a response, for the tests."""

import csv
import io

from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from elearning.reports.disclosure import WITHHELD, csv_value

HIDDEN = "hidden"


def section(response, slug):
    return next(result for s, result in response.context["sections"] if s.slug == slug)


def figures_of(result) -> dict:
    """Headline figures by label, as published: numbers, or 'hidden' for ``[c]``."""
    return {str(f.label): HIDDEN if f.value is WITHHELD else f.value for f in result.figures}


def table(result, table_id):
    return next(t for t in result.tables if t.id == table_id)


def rows_by(result, table_id, key) -> dict:
    """A table's published rows keyed by one column, with withheld cells read as 'hidden'."""
    return {
        str(row[key]): {
            k: HIDDEN if v is WITHHELD else v for k, v in row.items() if not k.startswith("_")
        }
        for row in table(result, table_id).rows
    }


PARTNERSHIP_SECTIONS = [
    "people",
    "training-reach",
    "training-sessions",
    "confidence",
    "impact",
    "quizzes",
    "briefings",
    "content-review",
]
# Every table of every partnership section, in the order the page shows them: sector tables
# before agency tables.
TABLES = {
    "people": ["by-sector", "by-agency"],
    "training-reach": ["completions-by-course", "completions-by-sector", "completions-by-agency"],
    "training-sessions": [
        "sessions-by-course",
        "attendance-by-sector",
        "attendance-by-agency",
        "no-shows-by-sector",
        "no-shows-by-agency",
    ],
    "confidence": [
        "confidence-change",
        "confidence-ratings",
        "confidence-by-agency",
        "confidence-by-course",
    ],
    "impact": ["impact-by-agency", "impact-by-course"],
    "quizzes": [
        "attempts-by-quiz",
        "attempts-by-sector",
        "attempts-by-agency",
        "flagged-questions",
    ],
    "briefings": ["team-uses-by-sector", "team-uses-by-agency", "team-uses-by-briefing"],
    "content-review": ["review-by-owner", "pages-due-for-review"],
}
WITHHELD_MESSAGE = (
    "Fewer than {minimum} people are counted for these filters, so no figures are shown: they "
    "could identify someone. Choose a wider agency or sector."
)
# The old rule for small numbers: rates resting on five people or more are shown.
RATES_FOR_FIVE = override_settings(REPORTS_MIN_PEOPLE_FOR_RATES=5)


def csv_rows(client, slug, table_id, **params) -> list[list[str]]:
    response = client.get(reverse("reports:csv", args=[slug, table_id]), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def csv_cell(value) -> str:
    """A published value as a CSV file holds it, read back as text."""
    return str(csv_value(value))


def assert_withheld(result, minimum=20):
    """A section narrowed to fewer than ``minimum`` people (the threshold for rates) says so
    and shows nothing else."""
    assert result.withheld == WITHHELD_MESSAGE.format(minimum=minimum)
    assert result.figures == [] and result.tables == []


def page_results(client, **params) -> dict:
    """Each section's result on the reports page, worked out afresh for these filters."""
    cache.clear()  # each request works its figures out, as a fresh set of filters would
    response = client.get(reverse("reports:index"), params)
    assert response.status_code == 200
    return {section.slug: result for section, result in response.context["sections"]}


def built_once(django_db_blocker, build):
    """For a module-scoped fixture (``yield from built_once(django_db_blocker, build_world)``):
    the records ``build()`` makes, built once per test module (and per xdist worker) inside a
    transaction that is rolled back after the module's last test.

    This is Django's ``TestCase.setUpTestData`` for pytest: each test still runs in its own
    savepoint inside that transaction, so what one test changes is undone before the next; the
    test's own fixture hands it a deep copy (``copy.deepcopy``), so changes to the Python
    objects do not reach the next test either. The transaction is open only while one module's
    tests run, so nothing reaches other modules' tests (and two report worlds never meet: both
    have a Hill School).
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        # Marked as Django's TestCase marks its own, so that code under test may open a
        # durable block inside it, as it may inside a test's transaction.
        outer._from_testcase = True
        outer.__enter__()
        try:
            data = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield data
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
