# Sessions now name a trainer record and a venue record (filled in by 0009).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0012_trainers_venues_data"),
    ]

    operations = [
        migrations.RemoveField(model_name="trainingsession", name="trainer"),
        migrations.RemoveField(model_name="trainingsession", name="venue"),
        migrations.RenameField(
            model_name="trainingsession", old_name="trainer_new", new_name="trainer"
        ),
        migrations.RenameField(model_name="trainingsession", old_name="venue_new", new_name="venue"),
        migrations.AlterField(
            model_name="trainingsession",
            name="trainer",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "A trainer with an account on this site can mark the register for this "
                    "session."
                ),
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sessions",
                to="courses.trainer",
                verbose_name="trainer",
            ),
        ),
        migrations.AlterField(
            model_name="trainingsession",
            name="venue",
            field=models.ForeignKey(
                blank=True,
                help_text="Leave blank for an online session.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sessions",
                to="courses.venue",
                verbose_name="venue",
            ),
        ),
    ]
