"""Starting, filling in and completing an assessment: every refusal leaves stored data as it
was and keeps what was typed."""

import pytest
from django.urls import reverse

from elearning.core.forms import date_data
from supervision.models import AccessLogEntry
from tests.toolkit.factories import days_ago, make_assessment, make_toolkit
from toolkit import services
from toolkit.models import Assessment, AssessmentStatus

pytestmark = pytest.mark.django_db


def _start_data(toolkit, reference="Family Oak", day=None):
    return {
        "toolkit": toolkit.pk,
        "case_reference": reference,
        **date_data("assessed_on", day or days_ago(0)),
    }


def test_start_creates_one_finding_per_area_and_opens_the_first(login, practitioner):
    toolkit = make_toolkit()
    response = login(practitioner).post(reverse("toolkit:assessment_start"), _start_data(toolkit))
    assessment = Assessment.objects.get()
    assert response.url == reverse("toolkit:area_edit", args=[assessment.pk, 1])
    assert assessment.findings.count() == 9
    assert assessment.agency_id == practitioner.agency_id
    assert assessment.status == AssessmentStatus.DRAFT


@pytest.mark.parametrize(
    "reference", ["943 476 5919", "LS1 4AP", "Child 03/04/2019", "Oak 3 March 2019"]
)
def test_identifying_case_references_are_refused(login, practitioner, reference):
    toolkit = make_toolkit(areas=1)
    response = login(practitioner).post(
        reverse("toolkit:assessment_start"), _start_data(toolkit, reference)
    )
    assert response.status_code == 200
    assert "Use a pseudonym" in response.content.decode() or "date" in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_future_date_is_refused(login, practitioner):
    toolkit = make_toolkit(areas=1)
    response = login(practitioner).post(
        reverse("toolkit:assessment_start"), _start_data(toolkit, day=days_ago(-1))
    )
    assert "today or in the past" in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_tampered_toolkit_is_refused(login, practitioner):
    toolkit = make_toolkit(areas=1)
    toolkit.unpublish()
    response = login(practitioner).post(reverse("toolkit:assessment_start"), _start_data(toolkit))
    assert response.status_code == 200
    assert "Choose a valid" in response.content.decode() or "Select a valid" in (
        response.content.decode()
    )
    assert not Assessment.objects.exists()


def test_saving_an_area_moves_on_and_keeps_the_draft(login, practitioner):
    assessment = make_assessment(practitioner, make_toolkit(areas=3))
    client = login(practitioner)
    url = reverse("toolkit:area_edit", args=[assessment.pk, 1])
    response = client.post(
        url, {"level": "2", "evidence": "Fridge empty.", "child_words": "I'm hungry."}
    )
    assert response.url == reverse("toolkit:area_edit", args=[assessment.pk, 2])
    finding = assessment.findings.get(position=1)
    assert (finding.level, finding.evidence, finding.child_words) == (
        2,
        "Fridge empty.",
        "I'm hungry.",
    )


def test_autosave_answers_json_and_saves(login, practitioner):
    assessment = make_assessment(practitioner, make_toolkit(areas=2))
    url = reverse("toolkit:area_edit", args=[assessment.pk, 2])
    response = login(practitioner).post(url, {"evidence": "Half typed"}, HTTP_X_AUTOSAVE="1")
    assert response.json() == {"saved": True}
    assert assessment.findings.get(position=2).evidence == "Half typed"


def test_identifying_text_in_evidence_is_refused_and_what_was_typed_is_kept(login, practitioner):
    assessment = make_assessment(practitioner, make_toolkit(areas=2))
    url = reverse("toolkit:area_edit", args=[assessment.pk, 1])
    typed = "Seen at home, postcode LS1 4AP, long account of the visit"
    response = login(practitioner).post(url, {"level": "3", "evidence": typed, "strengths": "Kind"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "postcode" in html
    assert "long account of the visit" in html and "Kind" in html
    finding = assessment.findings.get(position=1)
    assert (finding.level, finding.evidence, finding.strengths) == (None, "", "")


def test_a_made_up_level_is_refused(login, practitioner):
    assessment = make_assessment(practitioner, make_toolkit(areas=1))
    url = reverse("toolkit:area_edit", args=[assessment.pk, 1])
    response = login(practitioner).post(url, {"level": "7", "evidence": "Kept"})
    assert response.status_code == 200
    assert "Kept" in response.content.decode()
    assert assessment.findings.get().level is None


def test_an_area_that_does_not_exist_is_404(login, practitioner):
    assessment = make_assessment(practitioner, make_toolkit(areas=2))
    client = login(practitioner)
    assert client.get(reverse("toolkit:area_edit", args=[assessment.pk, 3])).status_code == 404
    assert client.get(reverse("toolkit:area_edit", args=[2**63, 1])).status_code == 404


def test_completing_needs_a_level_in_every_area(login, practitioner):
    assessment = make_assessment(practitioner, make_toolkit(areas=2))
    client = login(practitioner)
    url = reverse("toolkit:assessment_complete", args=[assessment.pk])
    response = client.post(url, follow=True)
    assert "Choose a level for every area" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.is_draft
    for finding in assessment.findings.all():
        services.finding_save(
            by=practitioner, assessment=assessment, finding=finding, data={"level": 1}
        )
    client.post(url)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.COMPLETED


def test_a_completed_assessment_cannot_change(login, practitioner):
    assessment = make_assessment(practitioner, make_toolkit(areas=1), levels=[2])
    client = login(practitioner)
    assert client.get(reverse("toolkit:area_edit", args=[assessment.pk, 1])).status_code == 404
    with pytest.raises(services.ToolkitRefusal):
        services.finding_save(
            by=practitioner,
            assessment=assessment,
            finding=assessment.findings.get(),
            data={"level": 4},
        )
    assert assessment.findings.get().level == 2
    client.post(reverse("toolkit:assessment_delete", args=[assessment.pk]))
    assert Assessment.objects.filter(pk=assessment.pk).exists()


def test_a_finding_of_another_assessment_is_refused(practitioner):
    toolkit = make_toolkit(areas=1)
    mine = make_assessment(practitioner, toolkit)
    other = make_assessment(practitioner, toolkit, reference="Family Ash")
    with pytest.raises(services.ToolkitRefusal):
        services.finding_save(
            by=practitioner, assessment=mine, finding=other.findings.get(), data={"level": 1}
        )
    assert other.findings.get().level is None


def test_every_read_is_logged_under_the_author(login, practitioner):
    assessment = make_assessment(practitioner, make_toolkit(areas=1), levels=[1])
    before = AccessLogEntry.objects.count()
    login(practitioner).get(assessment.get_absolute_url())
    entry = AccessLogEntry.objects.order_by("-pk").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert entry.supervisee_id == practitioner.pk and entry.user_id == practitioner.pk
    assert entry.action == AccessLogEntry.Action.VIEW
    assert f"Neglect assessment {assessment.pk}" in entry.what
