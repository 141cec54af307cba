"""Volume data: 30,000 supervision records at full scale, created in bulk.

About one person in seven is a supervisee, each supervised by one of a few hundred volume
supervisors, with ten records a month or so apart, one case discussion and one reflection per
record, and a scattering of flags and escalations. Wording is fixed filler: volume data is for
measuring, never for reading.
"""

import datetime
import random

from django.utils import timezone

from elearning.accounts.models import User
from seeding.accounts.volume import VOLUME_DOMAIN
from supervision.models import (
    Agreement,
    CaseDiscussion,
    CaseReference,
    Escalation,
    Flag,
    Record,
    RecordStatus,
    ReflectionTheme,
    ReflectiveEntry,
)

RECORDS = 30_000
RECORDS_EACH = 10
BATCH = 2000


def seed_volume(scale: float, rng: random.Random) -> dict:
    people = list(
        User.objects.filter(email__endswith=f"@{VOLUME_DOMAIN}")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    supervisees_wanted = round(RECORDS * scale / RECORDS_EACH)
    already = Agreement.objects.filter(supervisee__email__endswith=f"@{VOLUME_DOMAIN}").exists()
    if already or len(people) < supervisees_wanted + 2:
        return {"records": 0}
    supervisors = people[: max(1, supervisees_wanted // 10)]
    supervisees = people[len(supervisors) : len(supervisors) + supervisees_wanted]
    today = timezone.localdate()
    starts = today - datetime.timedelta(days=RECORDS_EACH * 31 + 30)
    started_at = timezone.make_aware(datetime.datetime.combine(starts, datetime.time(9)))
    agreements = Agreement.objects.bulk_create(
        [
            Agreement(
                supervisee_id=person,
                supervisor_id=supervisors[i % len(supervisors)],
                starts_on=starts,
                frequency_days=rng.choice((28, 28, 42)),
                # Volume data stands for agreements proposed and accepted when they started.
                proposed_at=started_at,
                accepted_at=started_at,
            )
            for i, person in enumerate(supervisees)
        ],
        batch_size=BATCH,
    )
    cases = CaseReference.objects.bulk_create(
        [
            CaseReference(supervisee_id=a.supervisee_id, reference=f"Volume-{a.pk}")
            for a in agreements
        ],
        batch_size=BATCH,
    )
    records = []
    for agreement in agreements:
        day = starts + datetime.timedelta(days=rng.randint(0, 20))
        for n in range(RECORDS_EACH):
            day = day + datetime.timedelta(days=rng.randint(21, 40))
            if day > today:
                break
            locked = n < RECORDS_EACH - 1 or rng.random() < 0.6
            signed_at = timezone.make_aware(
                datetime.datetime.combine(
                    day + datetime.timedelta(days=rng.randint(0, 14)), datetime.time(12)
                )
            )
            records.append(
                Record(
                    agreement_id=agreement.pk,
                    supervisee_id=agreement.supervisee_id,
                    supervisor_id=agreement.supervisor_id,
                    held_on=day,
                    duration_minutes=60,
                    status=RecordStatus.LOCKED if locked else RecordStatus.DRAFT,
                    locked_at=signed_at if locked else None,
                    supervisee_signed_at=signed_at if locked else None,
                    supervisor_signed_at=signed_at if locked else None,
                )
            )
    records = Record.objects.bulk_create(records, batch_size=BATCH)
    case_of = {c.supervisee_id: c.pk for c in cases}
    themes = list(ReflectionTheme.values)
    discussions = CaseDiscussion.objects.bulk_create(
        [
            CaseDiscussion(
                record_id=r.pk,
                case_id=case_of[r.supervisee_id],
                worry_scale=rng.randint(2, 9),
                change_check=rng.choice(("yes", "partly", "no", "unclear")),
                child_seen_alone=rng.random() < 0.8,
                voice_recorded=rng.random() < 0.8,
                adults_known=rng.random() < 0.7,
                chronology_reviewed_on=r.held_on,
            )
            for r in records
        ],
        batch_size=BATCH,
    )
    ReflectiveEntry.objects.bulk_create(
        [
            ReflectiveEntry(record_id=r.pk, theme=rng.choice(themes), what_happened="Volume entry")
            for r in records
        ],
        batch_size=BATCH,
    )
    agreement_of = {a.supervisee_id: a for a in agreements}
    flags = []
    for d, r in zip(discussions, records, strict=True):
        if rng.random() < 0.08:
            agreement = agreement_of[r.supervisee_id]
            responded = rng.random() < 0.6
            flags.append(
                Flag(
                    agreement_id=agreement.pk,
                    supervisee_id=r.supervisee_id,
                    case_id=d.case_id,
                    rule=rng.randint(1, 9),
                    evidence="Volume flag",
                    evidence_key=f"v{d.pk}",
                    raised_at=r.locked_at or timezone.now(),
                    response="discussed" if responded else "",
                    response_reason="Volume" if responded else "",
                )
            )
    Flag.objects.bulk_create(flags, batch_size=BATCH)
    Escalation.objects.bulk_create(
        [
            Escalation(
                discussion_id=d.pk,
                raised_by_id=r.supervisor_id,
                recipient_id=supervisors[(i + 1) % len(supervisors)],
                escalated_on=r.held_on,
                stage="manager",
                reason="Volume",
                outcome="" if rng.random() < 0.5 else "Resolved",
            )
            for i, (d, r) in enumerate(zip(discussions, records, strict=True))
            if i % 97 == 0
        ],
        batch_size=BATCH,
    )
    return {"agreements": len(agreements), "records": len(records), "flags": len(flags)}
