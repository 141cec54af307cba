"""Supervision settings become one set for the whole platform.

Only the default site's row was ever read (the flags took the default site's settings), so
that row is kept, with its values, and any other site's row is dropped; then the site column
goes. Reversing gives the kept row back to the default site.
"""

from django.db import migrations, models


def keep_default_site_row(apps, schema_editor):
    SupervisionSettings = apps.get_model("supervision", "SupervisionSettings")
    Site = apps.get_model("wagtailcore", "Site")
    default = Site.objects.filter(is_default_site=True).first()
    kept = SupervisionSettings.objects.filter(site=default).first() if default else None
    others = SupervisionSettings.objects.all()
    if kept is not None:
        others = others.exclude(pk=kept.pk)
    others.delete()


def give_row_to_default_site(apps, schema_editor):
    SupervisionSettings = apps.get_model("supervision", "SupervisionSettings")
    Site = apps.get_model("wagtailcore", "Site")
    default = Site.objects.filter(is_default_site=True).first()
    rows = SupervisionSettings.objects.order_by("pk")
    if default is None:
        rows.delete()
        return
    kept = rows.first()
    if kept is not None:
        rows.exclude(pk=kept.pk).delete()
        kept.site = default
        kept.save(update_fields=["site"])


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0006_toolkit_review_weeks"),
    ]

    operations = [
        migrations.AlterField(
            model_name="supervisionsettings",
            name="site",
            field=models.OneToOneField(
                editable=False,
                null=True,
                on_delete=models.deletion.CASCADE,
                to="wagtailcore.site",
            ),
        ),
        migrations.RunPython(keep_default_site_row, give_row_to_default_site),
        migrations.RemoveField(model_name="supervisionsettings", name="site"),
    ]
