"""Toolkit pages and assessments for tests."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from elearning.library.site_setup import site_tree_ensure
from seeding.toolkit.content import GUIDANCE, NEXT_STEPS, areas_stream
from toolkit import services
from toolkit.models import ToolkitPage


class ToolkitPageFactory(wagtail_factories.PageFactory):
    """A published toolkit under the home page (made if missing) unless ``parent`` is given."""

    class Meta:
        model = ToolkitPage

    title = factory.Sequence(lambda n: f"Neglect toolkit {n + 1}")
    slug = factory.Sequence(lambda n: f"neglect-toolkit-{n + 1}")
    intro = "A toolkit for every practitioner."
    guidance = GUIDANCE
    next_steps = NEXT_STEPS
    areas = factory.LazyFunction(areas_stream)

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = super()._create(model_class, *args, parent=parent or site_tree_ensure(), **kwargs)
        page.save_revision().publish()
        page.refresh_from_db()
        return page


def make_toolkit(*, areas: int = 9, local_area: str = "") -> ToolkitPage:
    return ToolkitPageFactory(areas=areas_stream()[:areas], local_area=local_area)


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
