"""Volume data: teams' recorded uses of 7-minute briefings, created in bulk.

At scale 1.0 volume people record 3,000 team discussions over two years, spread across the
published briefings. Without any briefings the demo library is created first, so that the
uses have something real to point at.
"""

import datetime
import random

from django.utils import timezone

from elearning.accounts.models import User
from elearning.library.models import SevenMinuteBriefingPage, TeamUse
from seeding.accounts.volume import VOLUME_DOMAIN

TEAM_USES = 3_000
BATCH = 2_000
DAYS = 700
TEAMS = [
    "Early help north",
    "Health visiting south",
    "Year 7 pastoral team",
    "Neighbourhood policing east",
    "Family support west",
    "Housing options",
]


def _briefing_ids() -> list[int]:
    ids = list(SevenMinuteBriefingPage.objects.live().values_list("pk", flat=True))
    if not ids:
        from seeding.library.pages import library_demo_seed

        library_demo_seed()
        ids = list(SevenMinuteBriefingPage.objects.live().values_list("pk", flat=True))
    return ids


def seed_volume(scale: float, rng: random.Random) -> dict:
    people = list(
        User.objects.filter(email__endswith=f"@{VOLUME_DOMAIN}").values_list("pk", "agency_id")
    )
    existing = TeamUse.objects.filter(recorded_by__email__endswith=f"@{VOLUME_DOMAIN}").count()
    wanted = round(TEAM_USES * scale)
    if not people or existing >= wanted:
        return {"team uses": existing}
    briefings = _briefing_ids()
    today = timezone.localdate()
    uses = []
    for _ in range(wanted - existing):
        user_id, agency_id = rng.choice(people)
        uses.append(
            TeamUse(
                briefing_id=rng.choice(briefings),
                recorded_by_id=user_id,
                agency_id=agency_id,
                team=rng.choice(TEAMS),
                date_discussed=today - datetime.timedelta(days=rng.randint(0, DAYS)),
                attendees=rng.randint(3, 15),
                agreed_actions="Follow up missed appointments the same week.",
                how_we_will_know="Audit ten records in three months.",
            )
        )
    TeamUse.objects.bulk_create(uses, batch_size=BATCH)
    return {"team uses": wanted}
