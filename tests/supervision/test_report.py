"""The supervision section of the partnership reports (supervision/report.py): counts only,
through disclosure control, never a record's content, for staff and a supervisor's team."""

import csv
import io

import pytest
from django.test import override_settings
from django.urls import reverse

from elearning.reports.disclosure import method_note
from elearning.reports.filters import default_filters
from supervision.models import Flag
from supervision.report import SupervisionSection
from tests.factories import role_user
from tests.reports.helpers import HIDDEN, figures_of, rows_by

from .factories import add_discussion, add_reflection, lock, make_agreement, make_record

pytestmark = pytest.mark.django_db


# Two supervisees: every count is 1 to 4 and withheld. With the threshold for rates at 1 the
# two shares, worked out from the unrounded counts, are shown, so their hand counts can be
# checked.
@override_settings(REPORTS_MIN_PEOPLE_FOR_RATES=1)
def test_report_section_figures_hide_content_and_follow_the_team(login):
    agreement = make_agreement(days_ago=200, frequency=28)
    old = make_record(agreement, days_ago=40)
    lock(old)  # signed 40 days after it was held: not within 7 days
    record = make_record(agreement, days_ago=3)
    add_discussion(record, reference="Family Secret", current_position="Hidden words")
    add_reflection(record, theme="bias")
    lock(record)
    late = make_agreement(days_ago=200, frequency=28)  # never supervised
    Flag.objects.create(
        agreement=late, supervisee=late.supervisee, rule=8, evidence="e", evidence_key="x"
    )
    staff = role_user("staff")
    result = SupervisionSection().compute(default_filters(), staff)
    assert figures_of(result) == {
        "Supervisees with a current agreement": HIDDEN,  # 2
        "Seen within their agreed frequency": 50,  # 1 of 2
        "Records held in the period": HIDDEN,  # 2
        "Signed within 7 days": 50,  # 1 of 2
        # Rule 8 for the 37-day gap between the two records, and the one made by hand: 2.
        "Flags raised": HIDDEN,
        "Flags responded to": HIDDEN,  # 0, but resting on two people
        "Open escalations": 0,
    }
    assert [t.id for t in result.tables] == ["frequency-by-agency", "themes", "flags"]
    flags = {r["rule"].split(".")[0]: r for r in rows_by(result, "flags", "rule").values()}
    assert flags["8"]["raised"] == HIDDEN and flags["8"]["responded"] == HIDDEN  # 2 and 0
    assert flags["1"]["raised"] == 0
    themes = rows_by(result, "themes", "theme")
    assert themes["Bias"]["records"] == HIDDEN and themes["Case drift"]["records"] == 0  # 1, 0
    # One supervisee per agency: the counts are withheld.
    for row in rows_by(result, "frequency-by-agency", "agency").values():
        assert row["supervisees"] == HIDDEN and row["seen"] == HIDDEN

    # The supervisor's team view counts only their own supervisee (the other agency is not in
    # it); on the page a team of one is too few for any figure.
    mine = SupervisionSection().compute(default_filters(), agreement.supervisor)
    assert figures_of(mine)["Supervisees with a current agreement"] == HIDDEN  # 1
    assert list(rows_by(mine, "frequency-by-agency", "agency")) == [
        agreement.supervisee.agency.name
    ]
    with override_settings(REPORTS_MIN_PEOPLE_FOR_RATES=20):
        team = login(agreement.supervisor).get(reverse("reports:index"))
    ((found, shown),) = team.context["sections"]
    assert found.slug == "supervision" and shown.figures == [] and shown.tables == []
    assert shown.withheld.startswith("Fewer than 20 people are counted")

    client = login(staff)
    page = client.get(reverse("reports:index")).content.decode()
    assert "Reflective supervision" in page
    response = client.get(reverse("reports:csv", args=["supervision", "themes"]))
    assert response.status_code == 200
    csv_body = response.content.decode()
    rows = list(csv.reader(io.StringIO(csv_body)))
    assert rows[0] == ["Theme", "Records"]
    assert rows[-2:] == [[], [method_note()]]
    for secret in ("Family Secret", "Hidden words", record.supervisee.last_name):
        assert secret not in page and secret not in csv_body
