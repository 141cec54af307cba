"""A 7-minute briefing that teams have recorded using cannot be deleted; unpublish it."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from elearning.library.models import SevenMinuteBriefingPage, TeamUse
from elearning.library.selectors import team_use_figures

from .factories import briefing, team_use

pytestmark = pytest.mark.django_db


def test_the_database_refuses_to_delete_a_briefing_with_team_uses(practitioner):
    page = briefing()
    team_use(briefing_page=page, user=practitioner)
    with pytest.raises(ProtectedError):
        SevenMinuteBriefingPage.objects.get(pk=page.pk).delete()
    assert TeamUse.objects.filter(briefing=page).count() == 1


def test_a_moderator_is_refused_deleting_a_briefing_and_can_unpublish_it(
    moderator, practitioner, login
):
    page = briefing()
    team_use(briefing_page=page, user=practitioner)
    client = login(moderator)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]), follow=True)
    html = response.content.decode()
    assert "cannot be deleted because records that must be kept refer to it" in html
    assert "team uses of briefings: 1" in html
    assert SevenMinuteBriefingPage.objects.filter(pk=page.pk).exists()

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code == 302
    assert not SevenMinuteBriefingPage.objects.get(pk=page.pk).live
    assert TeamUse.objects.filter(briefing=page).count() == 1
    # The partnership reports' briefing figures still count the unpublished briefing's use.
    rows = team_use_figures(TeamUse.objects.all(), ("briefing_id", "briefing__title"))
    assert [r["uses"] for r in rows if r["briefing_id"] == page.pk] == [1]
