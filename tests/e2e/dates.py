"""Filling the GOV.UK date input (day, month and year boxes) in a browser test."""

import datetime


def fill_date(page, legend: str, day: datetime.date) -> None:
    """Type ``day`` into the date input whose fieldset legend is ``legend``."""
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))
