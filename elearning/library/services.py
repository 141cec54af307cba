"""Business rules for the library: team use of briefings and review reminders."""

import datetime

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from elearning.core.emails import email_send
from elearning.core.refusals import Refusal

from .constants import REVIEW_WARNING_DAYS
from .models import LibraryPage, SevenMinuteBriefingPage, TeamUse
from .permissions import can_record_team_use


class LibraryRefusal(Refusal):
    """A request the library refuses; its message is shown to the person."""


@transaction.atomic
def team_use_record(
    *,
    briefing: SevenMinuteBriefingPage,
    user,
    team: str,
    date_discussed: datetime.date,
    attendees: int,
    agreed_actions: str,
    how_we_will_know: str,
) -> TeamUse:
    """Record how a team used a 7-minute briefing. The agency is the user's agency today.

    Refuses (``LibraryRefusal``) anyone ``can_record_team_use`` does not allow."""
    if not can_record_team_use(user, briefing):
        raise LibraryRefusal(_("You cannot record use of this briefing."))
    use = TeamUse(
        briefing=briefing,
        recorded_by=user,
        agency_id=user.agency_id,
        team=team.strip(),
        date_discussed=date_discussed,
        attendees=attendees,
        agreed_actions=agreed_actions.strip(),
        how_we_will_know=how_we_will_know.strip(),
    )
    use.full_clean()
    use.save()
    return use


def review_reminders_send(*, today: datetime.date | None = None) -> int:
    """E-mail each content owner a list of their pages due for review within 30 days or overdue.

    Returns the number of e-mails queued. Pages without an owner appear in the admin report.
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REVIEW_WARNING_DAYS)
    pages = (
        LibraryPage.objects.due_for_review(on_or_before=horizon)
        .filter(content_owner__isnull=False, content_owner__is_active=True)
        .select_related("content_owner")
        .order_by("content_owner_id", "review_by", "title")
    )
    by_owner: dict = {}
    for page in pages:
        by_owner.setdefault(page.content_owner, []).append(page)
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for owner, owned in by_owner.items():
        body = render_to_string(
            "library/emails/review_reminder.txt",
            {"owner": owner, "pages": owned, "today": today, "base_url": base_url},
        )
        email_send(
            subject=_("Library content due for review"),
            body=body,
            to=[owner.email],
            # Run twice in a day (a retried task), the owner still gets one e-mail.
            key=f"library-review:{owner.pk}:{today.isoformat()}",
        )
    return len(by_owner)
