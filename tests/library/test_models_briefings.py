"""The three formats (``elearning.library.models.briefings``): where they go and their rules."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase

from elearning.library.models import (
    CaseReviewBriefingPage,
    HomePage,
    LibraryIndexPage,
    OneMinuteGuidePage,
    SevenMinuteBriefingPage,
)

from . import factories as f

pytestmark = pytest.mark.django_db


class TestPageTypes(WagtailPageTestCase):
    def test_parent_and_child_types(self):
        self.assertAllowedParentPageTypes(LibraryIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(
            LibraryIndexPage, {OneMinuteGuidePage, SevenMinuteBriefingPage, CaseReviewBriefingPage}
        )
        for model in (OneMinuteGuidePage, SevenMinuteBriefingPage, CaseReviewBriefingPage):
            self.assertAllowedParentPageTypes(model, {LibraryIndexPage})
            self.assertAllowedSubpageTypes(model, set())

    def test_each_type_renders(self):
        for page in (f.guide(), f.briefing(), f.case_review()):
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)
        self.assertPageIsRenderable(f.library_index())


def test_briefing_needs_exactly_seven_points():
    page = f.briefing()
    page.points = f.seven_points()[:6]
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "points" in error.value.message_dict
    page.points = f.seven_points() + f.seven_points()[:1]
    with pytest.raises(ValidationError):
        page.full_clean()
    page.points = f.seven_points()
    page.full_clean()


def test_guide_longer_than_two_pages_is_refused():
    page = f.guide()
    page.what_is_it = "<p>" + "word " * 1100 + "</p>"
    with pytest.raises(ValidationError, match="two printed pages"):
        page.full_clean()


def test_case_review_period_must_run_forwards():
    page = f.case_review()
    page.period_start, page.period_end = 2022, 2020
    with pytest.raises(ValidationError):
        page.full_clean()
