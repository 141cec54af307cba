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
        reverse("courses:reports"),
        reverse("quizzes:analytics_index"),
        reverse("quizzes:analytics", args=[quiz.pk]),
        reverse("library:team_use_rollup"),
    ):
        assert client.get(url).status_code == 200, url


def test_superusers_get_partnership_wide_supervision_figures(superuser):
    """Not the supervisor's team view, which would count nobody for a superuser."""
    agreement = make_agreement(days_ago=200, frequency=28)
    lock(make_record(agreement, days_ago=3))
    staff = role_user("staff")
    as_staff = SupervisionSection().compute(default_filters(), staff)
    as_superuser = SupervisionSection().compute(default_filters(), superuser)
    assert as_superuser.figures == as_staff.figures
    figures = {str(k): v for k, v in as_superuser.figures}
    assert figures["Supervisees with a current agreement"] == 1


def test_supervisors_still_see_only_their_team(login):
    agreement = make_agreement(days_ago=200, frequency=28)
    make_agreement(days_ago=200, frequency=28)  # someone else's supervisee
    result = SupervisionSection().compute(default_filters(), agreement.supervisor)
    figures = {str(k): v for k, v in result.figures}
    assert figures["Supervisees with a current agreement"] == 1
    response = login(agreement.supervisor).get(reverse("reports:index"))
    assert [s.slug for s, _ in response.context["sections"]] == ["supervision"]
