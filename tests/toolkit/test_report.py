"""The partnership measure: assessments and reviews by agency and month, under disclosure
control. Five practitioners of one agency each complete an assessment and a review of the
same case: 10 assessments, 5 reviews, 5 practitioners; a sixth practitioner in another agency
completes 1, which is withheld."""

import datetime

import pytest
from django.utils import timezone

from elearning.reports.disclosure import WITHHELD
from elearning.reports.filters import ReportFilters
from tests.factories import AgencyFactory, UserFactory
from tests.toolkit.factories import make_assessment, make_toolkit
from toolkit.report import ToolkitSection

pytestmark = pytest.mark.django_db


def test_counts_by_agency_are_rounded_and_small_ones_withheld():
    toolkit = make_toolkit(areas=1)
    agency = AgencyFactory()
    for _ in range(5):
        author = UserFactory(agency=agency)
        make_assessment(author, toolkit, levels=[2], ago=30)
        make_assessment(author, toolkit, levels=[2], ago=5)
    make_assessment(UserFactory(), toolkit, levels=[1], ago=5)
    make_assessment(UserFactory(agency=agency), toolkit, ago=5)  # a draft is not counted
    today = timezone.localdate()
    filters = ReportFilters(start=today - datetime.timedelta(days=365), end=today)
    result = ToolkitSection().compute(filters, None)
    figures = {str(f.label): f.value for f in result.figures}
    assert figures["Assessments completed"] == 10  # 11, rounded to the nearest 5
    assert figures["Reviews"] == 5
    by_agency = next(t for t in result.tables if t.id == "toolkit-by-agency")
    rows = {str(r["agency"]): r for r in by_agency.rows}
    assert rows[agency.name]["assessments"] == 10 and rows[agency.name]["reviews"] == 5
    other = next(r for name, r in rows.items() if name != agency.name)
    assert other["assessments"] is WITHHELD
