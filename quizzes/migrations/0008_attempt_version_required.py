"""Every attempt now has its version: require it and drop the attempt's own copy (step 3 of 3).

Kept apart from the backfill so that on PostgreSQL the column changes run in a transaction of
their own, after the backfill's updates are committed.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0007_quizversion_backfill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attempt",
            name="version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attempts",
                to="quizzes.quizversion",
            ),
        ),
        migrations.RemoveField(
            model_name="attempt",
            name="structure",
        ),
    ]
