"""Volume data: agencies and people, created in bulk."""

import random

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from elearning.accounts.models import Agency, Sector, User
from seeding.volume import AGENCIES, PEOPLE

VOLUME_DOMAIN = "volume.example"


def seed_volume(scale: float, rng: random.Random) -> dict:
    sectors = [choice for choice, _ in Sector.choices]
    agencies = [
        Agency(name=f"Volume agency {i:02d}", sector=sectors[i % len(sectors)])
        for i in range(max(2, round(AGENCIES * min(1.0, scale * 4))))
    ]
    Agency.objects.bulk_create(agencies, ignore_conflicts=True)
    agencies = list(Agency.objects.filter(name__startswith="Volume agency "))
    existing = User.objects.filter(email__endswith=f"@{VOLUME_DOMAIN}").count()
    wanted = round(PEOPLE * scale)
    unusable = make_password(None)
    now = timezone.now()
    batch = []
    for i in range(existing, wanted):
        batch.append(
            User(
                email=f"person{i:05d}@{VOLUME_DOMAIN}",
                first_name=f"Person{i}",
                last_name="Volume",
                agency=rng.choice(agencies),
                job_title="Practitioner",
                password=unusable,
                date_joined=now - timezone.timedelta(days=rng.randint(0, 1000)),
            )
        )
    User.objects.bulk_create(batch, batch_size=2000)
    return {"agencies": len(agencies), "people": wanted}
