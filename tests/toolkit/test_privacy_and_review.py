"""Who sees an assessment, the review against earlier ones, the copy for the family, and
query counts that do not grow with the number of assessments."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from supervision import services as supervision_services
from supervision.models import AccessLogEntry
from tests.factories import role_user
from tests.supervision.factories import add_discussion, make_agreement, make_record
from tests.toolkit.factories import make_assessment, make_toolkit
from toolkit import permissions, services
from toolkit.compare import Change, change

pytestmark = pytest.mark.django_db


@pytest.fixture
def attached(practitioner, supervisor):
    agreement = make_agreement(practitioner, supervisor)
    record = make_record(agreement)
    discussion = add_discussion(record, reference="Family Oak")
    assessment = make_assessment(practitioner, make_toolkit(areas=2), levels=[1, 2])
    services.assessment_attach(by=practitioner, assessment=assessment, discussion=discussion)
    assessment.refresh_from_db()
    return assessment


def test_nobody_but_the_author_sees_an_unattached_assessment(
    login, practitioner, other_practitioner, supervisor, staff, partnership_admin
):
    make_agreement(practitioner, supervisor)
    assessment = make_assessment(practitioner, make_toolkit(areas=1), levels=[1])
    before = AccessLogEntry.objects.count()
    for user in (other_practitioner, supervisor, staff, partnership_admin):
        assert login(user).get(assessment.get_absolute_url()).status_code == 404
        assert not permissions.assessments_visible_to(user).exists()
    assert AccessLogEntry.objects.count() == before


def test_the_supervisor_reads_an_attached_one_but_takes_no_copy(login, attached, supervisor):
    client = login(supervisor)
    assert client.get(attached.get_absolute_url()).status_code == 200
    entry = AccessLogEntry.objects.order_by("-pk").first()
    assert entry.user_id == supervisor.pk and entry.supervisee_id == attached.author_id
    assert client.get(reverse("toolkit:assessment_pdf", args=[attached.pk])).status_code == 404
    assert client.get(reverse("toolkit:assessment_attach", args=[attached.pk])).status_code == 404


def test_the_supervisor_loses_sight_when_the_agreement_ends(login, attached, supervisor):
    agreement = attached.discussion.record.agreement
    supervision_services.agreement_end(by=supervisor, agreement=agreement, now=timezone.now())
    assert login(supervisor).get(attached.get_absolute_url()).status_code == 404
    assert not permissions.assessments_visible_to(supervisor).exists()


def test_staff_and_admins_never_see_an_attached_one(login, attached, staff, partnership_admin):
    for user in (staff, partnership_admin):
        assert login(user).get(attached.get_absolute_url()).status_code == 404


def test_only_a_discussion_of_the_same_case_in_the_authors_own_supervision(
    practitioner, other_practitioner, supervisor
):
    theirs = make_record(make_agreement(other_practitioner, supervisor))
    their_discussion = add_discussion(theirs, reference="Family Oak")
    mine = make_record(make_agreement(practitioner, role_user("supervisor")))
    other_case = add_discussion(mine, reference="Family Ash")
    assessment = make_assessment(practitioner, make_toolkit(areas=1), levels=[1])
    for discussion in (their_discussion, other_case):
        with pytest.raises(services.ToolkitRefusal):
            services.assessment_attach(
                by=practitioner, assessment=assessment, discussion=discussion
            )
    assessment.refresh_from_db()
    assert assessment.discussion is None


def test_a_draft_is_not_taken_to_supervision(practitioner, supervisor):
    discussion = add_discussion(make_record(make_agreement(practitioner, supervisor)))
    draft = make_assessment(practitioner, make_toolkit(areas=1))
    with pytest.raises(services.ToolkitRefusal):
        services.assessment_attach(by=practitioner, assessment=draft, discussion=discussion)


def test_change_compares_levels_lower_is_better():
    assert change(3, 2) == Change.BETTER
    assert change(2, 2) == Change.SAME
    assert change(1, 4) == Change.WORSE
    assert change(None, 2) is None


def test_a_review_compares_area_by_area_and_shows_the_time_between(login, practitioner):
    toolkit = make_toolkit(areas=3)
    make_assessment(practitioner, toolkit, levels=[2, 2, 2], ago=168)
    make_assessment(practitioner, toolkit, levels=[3, 2, 2], ago=84)
    latest = make_assessment(practitioner, toolkit, levels=[2, 2, 4], ago=0)
    make_assessment(practitioner, toolkit, levels=[1, 1, 1], reference="Family Ash", ago=10)
    from toolkit.selectors import review

    result = review(latest)
    assert len(result["earlier"]) == 2  # the other case is not compared
    assert [r.since_last for r in result["rows"]] == [Change.BETTER, Change.SAME, Change.WORSE]
    assert [r.since_first for r in result["rows"]] == [Change.SAME, Change.SAME, Change.WORSE]
    assert [r.since_last_colour for r in result["rows"]] == ["green", "grey", "red"]
    assert (result["weeks_since_last"], result["weeks_since_first"]) == (12, 24)
    html = login(practitioner).get(latest.get_absolute_url()).content.decode()
    assert "12 weeks since the last assessment" in html and "24 weeks since the first" in html
    assert "Worse" in html and "Better" in html
    assert "govuk-tag--red" in html and "govuk-tag--green" in html and "govuk-tag--grey" in html


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def test_the_copy_for_the_family_has_findings_and_blank_lines_for_names(login, practitioner):
    toolkit = make_toolkit(areas=2)
    assessment = make_assessment(practitioner, toolkit, levels=[3, 1])
    response = login(practitioner).get(reverse("toolkit:assessment_pdf", args=[assessment.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Family Oak" in text
    assert "Needs unmet" in text and "Seen at visit, level 3." in text
    assert "Child's name" in text and "Child's date of birth" in text
    assert "never typed into the site" in text
    entry = AccessLogEntry.objects.order_by("-pk").first()
    assert entry.action == AccessLogEntry.Action.EXPORT


@pytest.mark.parametrize("url_name", ["toolkit:assessment_list", "toolkit:assessment_detail"])
def test_query_counts_do_not_grow_with_assessments(login, practitioner, url_name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    toolkit = make_toolkit(areas=3)
    client = login(practitioner)

    def count(n):
        for i in range(n):
            make_assessment(practitioner, toolkit, levels=[1, 2, 3], ago=200 - i)
        latest = make_assessment(practitioner, toolkit, levels=[2, 2, 2], ago=0)
        args = [latest.pk] if url_name.endswith("detail") else []
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url_name, args=args)).status_code == 200
        return len(queries)

    count(0)  # the first request also fills caches (site, settings)
    few = count(2)
    many = count(12)
    assert many == few
