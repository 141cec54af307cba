"""Toolkit pages and assessments for tests."""

import datetime
import itertools

from django.utils import timezone

from elearning.library.site_setup import site_tree_ensure
from seeding.toolkit.content import GUIDANCE, NEXT_STEPS, areas_stream
from toolkit import services
from toolkit.models import ToolkitPage

_slugs = itertools.count(1)


def make_toolkit(*, areas: int = 9, local_area: str = "") -> ToolkitPage:
    home = site_tree_ensure()
    n = next(_slugs)
    page = home.add_child(
        instance=ToolkitPage(
            title=f"Neglect toolkit {n}",
            slug=f"neglect-toolkit-{n}",
            intro="A toolkit for every practitioner.",
            local_area=local_area,
            guidance=GUIDANCE,
            next_steps=NEXT_STEPS,
            areas=areas_stream()[:areas],
        )
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def make_assessment(author, toolkit=None, *, levels=None, reference="Family Oak", ago=0):
    """An assessment; with ``levels`` (one per area) it is filled in and completed."""
    toolkit = toolkit or make_toolkit()
    assessment = services.assessment_start(
        by=author, toolkit=toolkit, case_reference=reference, assessed_on=days_ago(ago)
    )
    if levels is not None:
        for finding, level in zip(assessment.findings.all(), levels, strict=True):
            services.finding_save(
                by=author,
                assessment=assessment,
                finding=finding,
                data={"level": level, "evidence": f"Seen at visit, level {level}."},
            )
        services.assessment_complete(by=author, assessment=assessment)
        assessment.refresh_from_db()
    return assessment
