"""Hand-written data migration: line managers typed on profiles become requests to confirm.

Nobody confirmed the managers recorded before, so none of them is carried over as confirmed:
each becomes a request waiting for the named person's answer (they see it on their team page),
and until then they approve nothing.
"""

from django.db import migrations
from django.db.models import F
from django.utils import timezone


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    ManagerLink = apps.get_model("accounts", "ManagerLink")
    now = timezone.now()
    ManagerLink.objects.bulk_create(
        ManagerLink(learner_id=pk, manager_id=manager_id, requested_at=now)
        for pk, manager_id in User.objects.filter(manager__isnull=False)
        .exclude(manager_id=F("pk"))
        .values_list("pk", "manager_id")
    )


def backwards(apps, schema_editor):
    # Only the confirmed or waiting relationship goes back onto the profile.
    User = apps.get_model("accounts", "User")
    ManagerLink = apps.get_model("accounts", "ManagerLink")
    for link in ManagerLink.objects.filter(declined_at__isnull=True, ended_at__isnull=True):
        User.objects.filter(pk=link.learner_id).update(manager_id=link.manager_id)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_manager_links")]

    operations = [migrations.RunPython(forwards, backwards)]
