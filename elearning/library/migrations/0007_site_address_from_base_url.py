"""Give the Site that 0002 made with a placeholder address (localhost:80) the public address
in BASE_URL. Wagtail writes page addresses in e-mails and feeds from the Site record, so a
deployment left at the placeholder sends people to localhost. A Site an administrator has
already changed is left alone."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations

PLACEHOLDER = ("localhost", 80)


def site_address_from_base_url(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if not parts.hostname:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if (parts.hostname, port) == PLACEHOLDER:
        return
    if Site.objects.filter(hostname=parts.hostname, port=port).exists():
        return
    Site.objects.filter(
        is_default_site=True, hostname=PLACEHOLDER[0], port=PLACEHOLDER[1]
    ).update(hostname=parts.hostname, port=port)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0006_teamuse_report_indexes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(site_address_from_base_url, migrations.RunPython.noop)]
