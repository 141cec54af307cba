"""Encrypt e-mails queued before messages were sealed, so no password-reset or verification
link stays readable in the task table (see elearning.core.emails.queued_emails_reseal)."""

from django.db import migrations


def seal(apps, schema_editor):
    from elearning.core.emails import queued_emails_reseal

    queued_emails_reseal(apps.get_model("django_tasks_database", "DBTaskResult").objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
