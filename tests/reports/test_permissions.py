"""One answer to "may this person see reports?", used by every report in every app."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from elearning.reports.filters import default_filters
from elearning.reports.permissions import (
    can_view_partnership_reports,
    can_view_reports,
    can_view_section,
)
from elearning.reports.sections import get_section
from supervision.report import SupervisionSection
from tests.factories import UserFactory, role_user
from tests.quizzes.factories import quiz_create
from tests.reports.helpers import HIDDEN, figures_of
from tests.supervision.factories import lock, make_agreement, make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(is_superuser=True, is_staff=True, totp_secret=True)


@pytest.mark.parametrize(
    "role, partnership, page",
    [
        ("practitioner", False, False),
        ("supervisor", False, True),
        ("staff", True, True),
        ("moderator", True, True),
        ("admin", True, True),
    ],
)
def test_who_sees_reports(role, partnership, page):
    user = role_user(role)
    assert can_view_partnership_reports(user) is partnership
    assert can_view_reports(user) is page


def test_nobody_signed_out_sees_reports():
    assert not can_view_partnership_reports(AnonymousUser())
    assert not can_view_partnership_reports(None)
    assert not can_view_reports(AnonymousUser())


def test_superusers_see_reports_as_partnership_admins_do(superuser):
    assert can_view_partnership_reports(superuser)
    assert can_view_section(superuser, get_section("people"))


def test_superusers_open_every_report_screen(login, superuser):
    quiz = quiz_create()
    client = login(superuser)
    for url in (
        reverse("reports:index"),
        reverse("reports:csv", args=["people", "by-agency"]),
        reverse("quizzes:analytics_index"),
        reverse("quizzes:analytics", args=[quiz.pk]),
        reverse("library:team_use_rollup"),
    ):
        assert client.get(url).status_code == 200, url
    # The old training report address sends people to the training sections of the reports.
    response = client.get(reverse("courses:reports"), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("reports:index") + "#training-sessions", 301)]


def test_superusers_get_partnership_wide_supervision_figures(superuser):
    """Not the supervisor's team view, which would count nobody for a superuser."""
    agreement = make_agreement(days_ago=200, frequency=28)
    lock(make_record(agreement, days_ago=3))
    staff = role_user("staff")
    as_staff = SupervisionSection().compute(default_filters(), staff)
    as_superuser = SupervisionSection().compute(default_filters(), superuser)
    assert as_superuser.figures == as_staff.figures
    # One supervisee: withheld as 1 to 4, where the team view would count none (0).
    assert figures_of(as_superuser)["Supervisees with a current agreement"] == HIDDEN
    (row,) = as_superuser.tables[0].rows
    assert row["agency"] == agreement.supervisee.agency.name


def test_supervisors_still_see_only_their_team(login):
    agreement = make_agreement(days_ago=200, frequency=28)
    other = make_agreement(days_ago=200, frequency=28)  # someone else's supervisee
    result = SupervisionSection().compute(default_filters(), agreement.supervisor)
    assert figures_of(result)["Supervisees with a current agreement"] == HIDDEN  # 1
    # Counts of one and two are both withheld; the table by agency shows whose are counted:
    # the team's one supervisee's agency, not the other supervisee's.
    agencies = [row["agency"] for row in result.tables[0].rows]
    assert agencies == [agreement.supervisee.agency.name]
    assert other.supervisee.agency.name not in agencies
    response = login(agreement.supervisor).get(reverse("reports:index"))
    ((found, shown),) = response.context["sections"]
    assert found.slug == "supervision"
    # A team of one is too few for any figure on the page.
    assert shown.withheld.startswith("Fewer than 20 people are counted")
    assert shown.figures == [] and shown.tables == []
