"""Library content past or near its review date, by the person who owns it."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearning.library.constants import REVIEW_WARNING_DAYS
from elearning.library.models import LibraryPage
from elearning.library.selectors import review_figures

from ..filters import ReportFilters
from .base import (
    Figure,
    Section,
    SectionResult,
    Table,
    bar_chart,
    column_totals,
    label,
)

OWNER = (
    "content_owner_id",
    "content_owner__first_name",
    "content_owner__last_name",
    "content_owner__email",
)


def _owner(row: dict) -> str:
    if row["content_owner_id"] is None:
        return str(_("No owner"))
    name = f"{row['content_owner__first_name']} {row['content_owner__last_name']}".strip()
    return name or row["content_owner__email"]


class ContentReviewSection(Section):
    slug = "content-review"
    order = 80
    title = _("Library content due for review")
    summary = _(
        "Published guides and briefings whose review-by date has passed or falls in the next "
        "30 days, by the person who owns them."
    )

    def population(self, filters: ReportFilters, user) -> None:
        """Counts of pages are not figures about people: never withheld for a small agency."""
        return None

    def compute(self, filters: ReportFilters, user) -> SectionResult:
        today = timezone.localdate()
        horizon = today + datetime.timedelta(days=REVIEW_WARNING_DAYS)
        pages = LibraryPage.objects.live().filter(**filters.people_filter("content_owner__"))
        owners = [
            {**row, "owner": _owner(row)}
            for row in review_figures(pages, OWNER, today=today, horizon=horizon)
        ]
        owners.sort(key=lambda r: (-r["past"], -r["due"], r["owner"]))
        totals = column_totals(owners, ("pages", "past", "due"))
        due_pages = [
            {
                **row,
                "owner": _owner(row),
                "status": _("Past its review date")
                if row["review_by"] < today
                else _("Due for review"),
            }
            for row in pages.due_for_review(on_or_before=horizon)
            .order_by("review_by", "title")
            .values("title", "review_by", *OWNER)
        ]
        return SectionResult(
            figures=[
                Figure(_("Published library pages"), totals["pages"]),
                Figure(_("Past their review date"), totals["past"]),
                Figure(_("Due for review in the next 30 days"), totals["due"]),
            ],
            tables=[
                Table(
                    id="review-by-owner",
                    title=str(_("Review status by owner")),
                    columns=[
                        label("owner", _("Owner")),
                        label("pages", _("Published pages")),
                        label("past", _("Past their review date")),
                        label("due", _("Due in the next 30 days")),
                    ],
                    rows=owners,
                    chart=bar_chart(
                        _("Pages past their review date, by owner"),
                        _("Published pages whose review-by date has passed."),
                        "owner",
                        "past",
                    ),
                ),
                Table(
                    id="pages-due-for-review",
                    title=str(_("Pages due for review")),
                    columns=[
                        label("title", _("Page")),
                        label("owner", _("Owner")),
                        label("review_by", _("Review by")),
                        label("status", _("Status")),
                    ],
                    rows=due_pages,
                ),
            ],
            notes=[
                str(
                    _(
                        "Review dates are as of today, whatever dates are chosen. With an agency "
                        "or sector chosen, only pages owned by its people are counted. These are "
                        "counts of pages, for the staff who own them, not figures about the "
                        "people the partnership serves, so they are not rounded."
                    )
                )
            ],
        )


section = ContentReviewSection()
