"""Refused supervision forms on real pages: every problem is listed at once in the error
summary, each naming its field; headings show what is saved, not what was refused; and
nothing stored changes."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from elearning.core.forms import date_data
from supervision import services
from supervision.models import Action, Agreement, CaseDiscussion, Record

from .factories import DISCUSSION, add_discussion, make_agreement, make_record

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _summary(html: str) -> list[str]:
    """The error summary's entries, as text, with the ids they link to."""
    start = html.index('class="govuk-error-summary"')
    body = html[start : html.index("</ul>", start)]
    return [
        " ".join(re.sub(r"<[^>]+>", " ", item).split()) + (f" #{link}" if link else "")
        for link, item in (
            (re.search(r'href="#([^"]+)"', li).group(1) if "href" in li else "", li)
            for li in re.findall(r"<li>(.*?)</li>", body, re.S)
        )
    ]


def _caption(html: str) -> str:
    return " ".join(re.search(r'class="govuk-caption-l">(.*?)</span>', html, re.S).group(1).split())


@pytest.fixture
def record():
    record = make_record(make_agreement(), days_ago=3)
    add_discussion(record)
    record.refresh_from_db()
    return record


def _stored(record):
    return Record.objects.filter(pk=record.pk).values().get()


def test_a_refused_record_edit_keeps_the_saved_heading_and_lists_every_problem(login, record):
    before = _stored(record)
    saved_heading = f"Supervision on {record.held_on:%-d %B %Y}"
    url = reverse("supervision:record_edit", args=[record.pk])
    tomorrow = TODAY + datetime.timedelta(days=1)
    response = login(record.supervisee).post(
        url,
        {
            "version": record.version,
            **date_data("held_on", tomorrow),
            "duration_minutes": "-5",
            "kind": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert _caption(html) == saved_heading
    assert f"{tomorrow:%-d %B %Y}" not in _caption(html)
    # All three problems at once, the date's linked to its day box.
    assert _summary(html) == [
        "The date held cannot be in the future. #id_held_on_day",
        "Duration (minutes): Ensure this value is greater than or equal to 0. #id_duration_minutes",
        "Type: This field is required. #id_kind_1",
    ]
    # What was typed is shown again.
    assert f'name="held_on_day" value="{tomorrow.day}"' in html
    assert _stored(record) == before


def test_a_refused_save_after_validation_keeps_the_saved_heading(login, record):
    """The service refuses a stale version after copying the new date onto the record: the
    heading still shows the saved date and the refusal is shown once, in the summary."""
    before_version = record.version
    services.record_update(
        by=record.supervisor, record=record, version=before_version, support_needs="Theirs"
    )
    before = _stored(record)
    new_day = record.held_on - datetime.timedelta(days=1)
    response = login(record.supervisee).post(
        reverse("supervision:record_edit", args=[record.pk]),
        {
            "version": before_version,
            **date_data("held_on", new_day),
            "duration_minutes": "45",
            "kind": "one_to_one",
        },
    )
    html = response.content.decode()
    assert _caption(html) == f"Supervision on {record.held_on:%-d %B %Y}"
    message = "This record changed while you were editing it."
    assert html.count(message) == 1 and message in " ".join(_summary(html))
    assert _stored(record) == before


def test_a_discussion_with_many_problems_lists_them_all_at_once(login, record):
    data = {k: ("" if v is None else v) for k, v in DISCUSSION.items()}
    for key in ("child_seen_alone", "voice_recorded", "adults_known", "stuck", "worker_changed"):
        data.pop(key)
    data.update(
        {
            "version": record.version,
            "reference": "Family Ash",
            "worry_scale": "",
            "change_check": "",
            "chronology_reviewed_on_day": "12",
            "chronology_reviewed_on_month": "",
            "chronology_reviewed_on_year": str(TODAY.year),
            "actions-TOTAL_FORMS": "2",
            "actions-INITIAL_FORMS": "0",
            "actions-0-description": "Visit the school",
            "actions-0-owner": "",
            "actions-1-owner": "SW",
        }
    )
    response = login(record.supervisee).post(
        reverse("supervision:discussion_add", args=[record.pk]), data
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert _summary(html) == [
        "Choose a number on the worry scale, from 0 to 10. #id_worry_scale_1",
        "Choose yes, partly, no or unclear for the change check. #id_change_check_1",
        "The date the chronology was last reviewed must include a month "
        "#id_chronology_reviewed_on_month",
        "Action 1: Say who owns this action. #id_actions-0-owner",
        "Action 2: Describe the action. #id_actions-1-description",
    ]
    # Each link goes to an element on the page.
    for entry in _summary(html):
        assert f'id="{entry.rsplit("#", 1)[1]}"' in html
    assert 'name="actions-0-description" value="Visit the school"' in html
    assert CaseDiscussion.objects.filter(record=record).count() == 1
    assert not Action.objects.filter(description="Visit the school").exists()


def test_an_action_added_without_an_owner_is_named_in_the_summary(login, record):
    url = reverse("supervision:actions_review", args=[record.pk])
    response = login(record.supervisee).post(
        url,
        {
            "add": "1",
            "add-version": record.version,
            "add-description": "Ring the GP",
            "add-owner": "",
            **date_data("due_on", None, prefix="add"),
            "add-due_on_day": "3",
        },
    )
    html = response.content.decode()
    assert _summary(html) == [
        "Say who owns this action. #id_add-owner",
        "The due date must include a month and year #id_add-due_on_month",
    ]
    assert not Action.objects.filter(description="Ring the GP").exists()


def test_an_empty_added_action_is_refused_with_a_named_message(login, record):
    url = reverse("supervision:actions_review", args=[record.pk])
    response = login(record.supervisee).post(
        url, {"add": "1", "add-version": record.version, **date_data("due_on", None, prefix="add")}
    )
    assert _summary(response.content.decode()) == ["Describe the action. #id_add-description"]
    assert not record.actions.filter(carried_from__isnull=True).exists()


def test_a_proposal_lists_its_date_problems_with_the_rest(login):
    supervisor = make_agreement().supervisor
    response = login(supervisor).post(
        reverse("supervision:agreement_create"),
        {
            "supervisee_email": "nobody@example.org",
            "frequency_days": "28",
            **date_data("starts_on", TODAY - datetime.timedelta(days=30)),
            **date_data("ends_on", TODAY - datetime.timedelta(days=40)),
        },
    )
    entries = _summary(response.content.decode())
    assert entries[0] == (
        "There is no account with that e-mail address for the supervisee. #id_supervisee_email"
    )
    assert entries[1].startswith("An agreement cannot start more than 7 days before")
    assert entries[1].endswith("#id_starts_on_day")
    assert entries[2] == "The agreement cannot end before it starts. #id_ends_on_day"
    assert len(entries) == 3
    assert Agreement.objects.count() == 1


def test_a_refused_form_says_error_in_the_page_title(login, record):
    url = reverse("supervision:record_edit", args=[record.pk])
    html = login(record.supervisee).post(url, {"version": record.version}).content.decode()
    assert re.search(r"<title>Error: ", html)
    assert not re.search(r"<title>Error: ", login(record.supervisee).get(url).content.decode())
