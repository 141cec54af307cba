"""Seeds the shared taxonomy so a new site has the partnership's themes from the start."""

from django.db import migrations

from elearning.library.taxonomy_data import taxonomy_seed


def seed(apps, schema_editor):
    taxonomy_seed(
        Theme=apps.get_model("library", "Theme"),
        NeglectType=apps.get_model("library", "NeglectType"),
        AgeGroup=apps.get_model("library", "AgeGroup"),
        AudienceSector=apps.get_model("library", "AudienceSector"),
    )


class Migration(migrations.Migration):
    dependencies = [("library", "0003_library_pages")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
