"""Reading report sections out of a response, for the tests."""

from elearning.reports.suppression import is_hidden


def section(response, slug):
    return next(result for s, result in response.context["sections"] if s.slug == slug)


def figures_of(result) -> dict:
    return {str(label): value for label, value in result.figures}


def table(result, table_id):
    return next(t for t in result.tables if t.id == table_id)


def rows_by(result, table_id, key) -> dict:
    """A table's rows keyed by one column, with hidden cells read as 'hidden'."""
    shown = {}
    for row in table(result, table_id).rows:
        shown[str(row[key])] = {
            k: "hidden" if is_hidden(row, k) else v
            for k, v in row.items()
            if k not in ("hidden", "suppressed")
        }
    return shown
