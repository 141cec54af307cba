"""Move each attempt's own copy of the quiz to a shared version (step 2 of 3).

Attempts on the same quiz whose copies are identical share one version. The attempts are
read in batches in id order, so memory stays the same however many there are; each batch's
attempts are then pointed at their versions with one update per version.
"""

import hashlib
import json
from collections import defaultdict

from django.db import migrations
from django.db.models import OuterRef, Subquery

BATCH = 500


def structure_digest(structure_json) -> str:
    """As ``quizzes.models.structure_digest``, kept here as it was when this migration was
    written."""
    canonical = json.dumps(structure_json, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def versions_backfill(apps, schema_editor):
    Attempt = apps.get_model("quizzes", "Attempt")
    QuizVersion = apps.get_model("quizzes", "QuizVersion")
    db = schema_editor.connection.alias
    pending = Attempt.objects.using(db).filter(version__isnull=True).order_by("pk")
    versions: dict[tuple[int, str], int] = {}
    last = 0
    while True:
        # Reading a batch at a time by id, rather than through one open cursor, keeps the
        # updates below apart from the read on SQLite as well as on PostgreSQL.
        rows = pending.filter(pk__gt=last).values_list("pk", "quiz_id", "structure", "started_at")
        batch = list(rows[:BATCH])
        if not batch:
            break
        last = batch[-1][0]
        by_version = defaultdict(list)
        for pk, quiz_id, structure, started_at in batch:
            key = (quiz_id, structure_digest(structure))
            if key not in versions:
                version, _created = QuizVersion.objects.using(db).get_or_create(
                    quiz_id=quiz_id,
                    digest=key[1],
                    defaults={"structure": structure, "created_at": started_at},
                )
                versions[key] = version.pk
            by_version[versions[key]].append(pk)
        for version_id, pks in by_version.items():
            Attempt.objects.using(db).filter(pk__in=pks).update(version_id=version_id)


def structures_restore(apps, schema_editor):
    """Undo: give every attempt its own copy of its version again, in one update."""
    Attempt = apps.get_model("quizzes", "Attempt")
    QuizVersion = apps.get_model("quizzes", "QuizVersion")
    db = schema_editor.connection.alias
    Attempt.objects.using(db).filter(version__isnull=False).update(
        structure=Subquery(
            QuizVersion.objects.using(db).filter(pk=OuterRef("version_id")).values("structure")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0006_quizversion"),
    ]

    operations = [
        migrations.RunPython(versions_backfill, structures_restore),
    ]
