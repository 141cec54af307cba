"""Attempts made before the agency was stored take the person's agency today: the best that
is known about where they were."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def backfill(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Attempt = apps.get_model("quizzes", "Attempt")
    Attempt.objects.filter(agency__isnull=True).update(
        agency_id=Subquery(User.objects.filter(pk=OuterRef("user_id")).values("agency_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0002_agency_at_time"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
