"""Quiz versions, stored once and shared by the attempts taken on them (step 1 of 3).

Attempts keep their own copy of the quiz until the next migration moves it to a version. The
copy is made optional here so that undoing the steps can put it back.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0005_attempt_grant"),
    ]

    operations = [
        migrations.CreateModel(
            name="QuizVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "digest",
                    models.CharField(
                        help_text="sha256 of the structure's canonical JSON.", max_length=64
                    ),
                ),
                (
                    "structure",
                    models.JSONField(help_text="The quiz's stages as shown to learners."),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "quiz",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="quizzes.quizpage",
                    ),
                ),
            ],
            options={
                "verbose_name": "quiz version",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("quiz", "digest"), name="quizzes_version_once"
                    )
                ],
            },
        ),
        migrations.AlterField(
            model_name="attempt",
            name="structure",
            field=models.JSONField(
                help_text="The quiz's stages as shown to this learner.", null=True
            ),
        ),
        migrations.AddField(
            model_name="attempt",
            name="version",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attempts",
                to="quizzes.quizversion",
            ),
        ),
        migrations.AddIndex(
            model_name="attempt",
            index=models.Index(fields=["submitted_at"], name="quizzes_att_submitt_0d5341_idx"),
        ),
        migrations.AddIndex(
            model_name="attempt",
            index=models.Index(
                fields=["agency", "submitted_at"], name="quizzes_att_agency__f7b5be_idx"
            ),
        ),
    ]
