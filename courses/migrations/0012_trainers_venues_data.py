"""Hand-written data migration: each distinct venue text becomes a venue record and each
trainer account a trainer record, and every session points at its records. Online sessions
(no venue text) keep no venue."""

from django.db import migrations

NAME_LENGTH = 200


def _venue_fields(text: str) -> dict:
    """The first line names the venue and the rest is its address; nothing typed is lost."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    name, rest = lines[0], lines[1:]
    if len(name) > NAME_LENGTH:
        return {"name": name[: NAME_LENGTH - 1] + "…", "address": "\n".join(lines)}
    return {"name": name, "address": "\n".join(rest)}


def forwards(apps, schema_editor):
    TrainingSession = apps.get_model("courses", "TrainingSession")
    Trainer = apps.get_model("courses", "Trainer")
    Venue = apps.get_model("courses", "Venue")
    User = apps.get_model("accounts", "User")

    venues: dict[str, int] = {}
    # The same text with different spacing around it is the same venue.
    for session in TrainingSession.objects.exclude(venue="").only("pk", "venue"):
        key = session.venue.strip()
        if not key:
            continue
        if key not in venues:
            venues[key] = Venue.objects.create(**_venue_fields(key)).pk
        TrainingSession.objects.filter(pk=session.pk).update(venue_new_id=venues[key])

    user_ids = (
        TrainingSession.objects.filter(trainer__isnull=False)
        .values_list("trainer_id", flat=True)
        .distinct()
    )
    for user in User.objects.filter(pk__in=list(user_ids)).select_related("agency"):
        name = f"{user.first_name} {user.last_name}".strip() or user.email
        trainer = Trainer.objects.create(
            name=name[:NAME_LENGTH],
            organisation=user.agency.name if user.agency_id else "",
            email=user.email,
            user_id=user.pk,
        )
        TrainingSession.objects.filter(trainer_id=user.pk).update(trainer_new_id=trainer.pk)


def backwards(apps, schema_editor):
    TrainingSession = apps.get_model("courses", "TrainingSession")
    for session in TrainingSession.objects.select_related("venue_new", "trainer_new"):
        venue = session.venue_new
        session.venue = (
            "\n".join(part for part in (venue.name, venue.address) if part) if venue else ""
        )
        session.trainer_id = session.trainer_new.user_id if session.trainer_new_id else None
        session.save(update_fields=["venue", "trainer"])


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0011_trainers_venues"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
