"""Records made before the agency was stored take the person's agency today: the best that
is known about where they were."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def backfill(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    agency_of = User.objects.filter(pk=OuterRef("user_id")).values("agency_id")[:1]
    for name in ("Booking", "Enrolment"):
        model = apps.get_model("courses", name)
        model.objects.filter(agency__isnull=True).update(agency_id=Subquery(agency_of))
    Enrolment = apps.get_model("courses", "Enrolment")
    Certificate = apps.get_model("courses", "Certificate")
    Certificate.objects.filter(agency__isnull=True).update(
        agency_id=Subquery(
            Enrolment.objects.filter(pk=OuterRef("enrolment_id")).values("agency_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_agency_at_time"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
