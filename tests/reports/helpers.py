"""Reading report sections out of a response, for the tests."""

from elearning.reports.disclosure import WITHHELD

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
