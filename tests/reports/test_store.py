"""Stored report figures: worked out once, kept in the shared cache, refreshed by the task,
and never shared between a supervisor's team view and the partnership's."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from elearning.reports import store
from elearning.reports.filters import default_filters

from .helpers import page_results

pytestmark = pytest.mark.django_db


def test_figures_are_kept_and_the_page_says_when_they_were_worked_out(login, sector_world):
    client = login(sector_world.staff)
    cache.clear()
    first = client.get(reverse("reports:index"))
    computed = first.context["report"].computed_at
    assert "Figures worked out at" in first.content.decode()
    # The second request reads the stored figures: queries for the session, the user and the
    # filter form, none of the learning or supervision records.
    with CaptureQueriesContext(connection) as queries:
        second = client.get(reverse("reports:index"))
    tables = ("certificate", "enrolment", "booking", "attempt", "teamuse", "supervision_")
    assert not [q["sql"] for q in queries if any(t in q["sql"] for t in tables)]
    assert second.context["report"].computed_at == computed
    # The task works the default figures out again and replaces them.
    call_command("refresh_report_figures", "--now", stdout=io.StringIO())
    third = client.get(reverse("reports:index"))
    assert third.context["report"].computed_at > computed


def test_supervisors_never_read_the_partnership_figures_from_the_store(login, sector_world):
    store.refresh_partnership_figures(default_filters())
    results = page_results(login(sector_world.small_team))
    assert list(results) == ["supervision"]
    cache.clear()
    store.refresh_partnership_figures(default_filters())
    response = login(sector_world.small_team).get(reverse("reports:index"))
    slugs = [section.slug for section, _result in response.context["sections"]]
    assert slugs == ["supervision"]
    assert "Fewer than 20 people" in response.context["sections"][0][1].withheld


def test_the_command_queues_the_task_that_stores_the_figures(login, sector_world):
    cache.clear()
    out = io.StringIO()
    call_command("refresh_report_figures", stdout=out)
    assert out.getvalue().startswith("Queued the report figures (")
    # The tests' task backend runs it at once: the staff's page now reads stored figures.
    with CaptureQueriesContext(connection) as queries:
        response = login(sector_world.staff).get(reverse("reports:index"))
    assert response.status_code == 200
    assert not [q["sql"] for q in queries if "courses_certificate" in q["sql"]]
