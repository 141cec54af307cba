"""Picking a reflective prompt: the partnership's prompts are offered in the form, so nobody
retypes one; a prompt of one's own is still allowed; a tampered pick is refused."""

import pytest
from django.urls import reverse

from supervision.models import PromptSet, ReflectiveEntry

from .factories import add_reflection, make_agreement, make_record

pytestmark = pytest.mark.django_db

OFFERED = "What would the child say about this plan?"


@pytest.fixture
def record():
    PromptSet.objects.update_or_create(
        theme="drift", defaults={"prompts": f"{OFFERED}\nWhat has changed since we last met?"}
    )
    return make_record(make_agreement(), days_ago=3)


def _post(login, record, **fields):
    record.refresh_from_db()
    data = {
        "version": record.version,
        "theme": "drift",
        "prompt_choice": "",
        "prompt": "",
        "what_happened": "A home visit.",
        **fields,
    }
    return login(record.supervisee).post(
        reverse("supervision:reflection_add", args=[record.pk]), data
    )


def test_the_form_offers_each_themes_prompts(login, record):
    html = (
        login(record.supervisee)
        .get(reverse("supervision:reflection_add", args=[record.pk]))
        .content.decode()
    )
    assert 'name="prompt_choice"' in html
    assert f'<option value="{OFFERED}">' in html.replace("&#x27;", "'")
    assert '<optgroup label="Case drift">' in html


def test_a_picked_prompt_is_saved_without_retyping(login, record):
    response = _post(login, record, prompt_choice=OFFERED)
    assert response.status_code == 302
    assert ReflectiveEntry.objects.get(record=record).prompt == OFFERED


def test_a_prompt_of_ones_own_is_still_allowed(login, record):
    _post(login, record, prompt="Why did I feel relieved when the case closed?")
    entry = ReflectiveEntry.objects.get(record=record)
    assert entry.prompt == "Why did I feel relieved when the case closed?"


def test_a_tampered_pick_is_refused_and_nothing_is_saved(login, record):
    response = _post(login, record, prompt_choice="Anything I like")
    assert response.status_code == 200
    assert "no longer offered" in response.content.decode()
    assert not ReflectiveEntry.objects.filter(record=record).exists()


def test_picking_and_writing_a_different_prompt_is_refused(login, record):
    response = _post(login, record, prompt_choice=OFFERED, prompt="Something else")
    assert "not both" in response.content.decode()
    assert not ReflectiveEntry.objects.filter(record=record).exists()


def test_editing_shows_a_stored_offered_prompt_as_picked(login, record):
    entry = add_reflection(record, prompt=OFFERED)
    html = (
        login(record.supervisee)
        .get(reverse("supervision:reflection_edit", args=[record.pk, entry.pk]))
        .content.decode()
        .replace("&#x27;", "'")
    )
    assert f'<option value="{OFFERED}" selected>' in html
