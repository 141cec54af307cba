"""Teams recording how they used a 7-minute briefing, and the records staff download."""

import datetime
import re

import pytest
from django.utils import timezone

from elearning.core.forms import date_data
from elearning.library.models import (
    TeamUse,
)
from elearning.library.services import LibraryRefusal, team_use_record
from elearning.reports.permissions import can_view_partnership_reports
from tests.factories import AgencyFactory, UserFactory

from . import factories as f

pytestmark = pytest.mark.django_db


# --- Team use -------------------------------------------------------------------------------


def _form(**overrides):
    data = {
        "team": "School nursing team",
        **date_data("date_discussed", timezone.localdate()),
        "attendees": "7",
        "agreed_actions": "Record was not brought.",
        "how_we_will_know": "Audit.",
    }
    data.update(overrides)
    return data


def test_practitioner_records_team_use(practitioner, login):
    page = f.briefing()
    client = login(practitioner)
    url = f"/library/tools/team-use/{page.pk}/record/"
    assert client.get(url).status_code == 200
    response = client.post(url, _form())
    assert response.status_code == 302
    use = TeamUse.objects.get()
    assert use.recorded_by == practitioner
    assert use.agency == practitioner.agency
    assert use.attendees == 7


def test_team_use_refusals(practitioner, login, client):
    page = f.briefing()
    url = f"/library/tools/team-use/{page.pk}/record/"
    # Anonymous people are sent to sign in.
    assert client.post(url, _form()).status_code == 302
    signed_in = login(practitioner)
    future = timezone.localdate() + datetime.timedelta(days=3)
    for bad in (date_data("date_discussed", future), {"attendees": "0"}, {"team": ""}):
        response = signed_in.post(url, _form(**bad))
        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
    draft = f.briefing(live=False)
    assert signed_in.post(f"/library/tools/team-use/{draft.pk}/record/", _form()).status_code == 404
    guide = f.guide()
    assert signed_in.post(f"/library/tools/team-use/{guide.pk}/record/", _form()).status_code == 404
    assert TeamUse.objects.count() == 0


def test_the_service_refuses_a_draft_briefing_and_writes_nothing(practitioner):
    draft = f.briefing(live=False)
    with pytest.raises(LibraryRefusal, match="You cannot record use of this briefing."):
        team_use_record(
            briefing=draft,
            user=practitioner,
            team="A team",
            date_discussed=timezone.localdate(),
            attendees=3,
            agreed_actions="Something.",
            how_we_will_know="Audit.",
        )
    assert TeamUse.objects.count() == 0


def _main_text(response) -> str:
    html = response.content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"<[^>]+>", " ", main.split(">", 1)[1])


def test_rollup_lists_briefing_records_for_staff_and_admins_only(
    practitioner, supervisor, staff, moderator, partnership_admin, login
):
    page = f.briefing(title="Was not brought")
    draft = f.briefing(title="Home alone", live=False)
    school = AgencyFactory(name="St Anne's School")
    f.team_use(briefing_page=page, user=UserFactory(agency=school), attendees=5)
    f.team_use(briefing_page=page, user=UserFactory(agency=school), attendees=4)
    f.team_use(briefing_page=page, user=practitioner, attendees=3)
    for user in (staff, moderator, partnership_admin):
        assert can_view_partnership_reports(user)
        response = login(user).get("/library/tools/team-use/")
        assert response.status_code == 200
        html = response.content.decode()
        # Each briefing, published or not, links to its records; the figures are in the
        # partnership reports, under their disclosure control.
        for briefing, title in ((page, "Was not brought"), (draft, "Home alone")):
            link = (
                f'href="/library/tools/team-use/{briefing.pk}/csv/">Records for “{title}” (CSV)</a>'
            )
            assert link in html
        assert 'href="/reports/#briefings"' in html
        # No counts: not of uses, people or agencies.
        assert "rows" not in response.context
        text = _main_text(response)
        assert "St Anne" not in text
        assert not re.search(r"\d", text.replace("7-minute", "")), text
    for user in (practitioner, supervisor):
        assert not can_view_partnership_reports(user)
        assert login(user).get("/library/tools/team-use/").status_code == 403
        assert login(user).get(f"/library/tools/team-use/{page.pk}/csv/").status_code == 403


def test_rollup_with_no_briefings_says_so(staff, login):
    text = _main_text(login(staff).get("/library/tools/team-use/"))
    assert "There are no 7-minute briefings yet." in text


def test_rollup_csv_export(staff, login):
    page = f.briefing(title="Drift")
    f.team_use(briefing_page=page, user=UserFactory(), team="=HYPERLINK(1)")
    response = login(staff).get(f"/library/tools/team-use/{page.pk}/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert text.splitlines()[0].startswith("briefing,agency,team")
    assert "'=HYPERLINK(1)" in text
