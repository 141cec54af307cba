"""Background work for the reports: working out the partnership's figures ahead of time."""

from django_tasks import task

from . import store


@task()
def refresh_report_figures() -> dict:
    """The partnership's default figures (the last 12 months), worked out and stored."""
    report = store.refresh_partnership_figures()
    return {"sections": len(report.results), "computed_at": report.computed_at.isoformat()}
