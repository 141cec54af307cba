"""Comparing assessments of one case area by area: the review. Pure functions over levels,
shared by the summary page and the supervision drift rule."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Change(models.TextChoices):
    BETTER = "better", _("Better")
    SAME = "same", _("The same")
    WORSE = "worse", _("Worse")


# A GOV.UK tag colour per change; the same level is grey.
TAG_COLOURS = {Change.BETTER: "green", Change.WORSE: "red"}


def change(before: int | None, after: int | None) -> Change | None:
    """A lower level is better; None when either assessment has no level for the area."""
    if before is None or after is None:
        return None
    if after < before:
        return Change.BETTER
    if after > before:
        return Change.WORSE
    return Change.SAME


@dataclass
class AreaRow:
    area_id: str
    title: str
    earlier: list  # the level in each earlier assessment (or None), oldest first
    level: int | None
    since_last: Change | None
    since_first: Change | None

    @property
    def since_last_colour(self) -> str:
        """The colour of the tag showing the change since the last assessment."""
        return TAG_COLOURS.get(self.since_last, "grey")


def compare_levels(current: list[tuple[str, str, int | None]], earlier: list[dict]) -> list:
    """``current`` is (area id, title, level) in order; ``earlier`` is one {area id: level}
    per earlier assessment, oldest first."""
    rows = []
    for area_id, title, level in current:
        previous = [levels.get(area_id) for levels in earlier]
        known = [p for p in previous if p is not None]
        rows.append(
            AreaRow(
                area_id=area_id,
                title=title,
                earlier=previous,
                level=level,
                since_last=change(previous[-1] if previous else None, level),
                since_first=change(known[0] if known else None, level),
            )
        )
    return rows
