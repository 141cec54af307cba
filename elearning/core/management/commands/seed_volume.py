import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.module_loading import import_string

from seeding.volume import VOLUME_SEEDERS


class Command(BaseCommand):
    help = "Create realistic volume for measurement (people, attempts, bookings, records)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 is the full volume")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, scale, seed, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Volume data is for measurement only; it needs DEMO_MODE on.")
        if not 0 < scale <= 1:
            raise CommandError("--scale must be more than 0 and at most 1.")
        rng = random.Random(seed)
        for dotted in VOLUME_SEEDERS:
            with transaction.atomic():
                counts = import_string(dotted)(scale, rng)
            self.stdout.write(f"  {dotted.rsplit('.', 2)[-3]}: {counts}")
        analyse()


def analyse() -> None:
    """Bring PostgreSQL's planner statistics up to date after the bulk load, as autovacuum
    would soon after on a production server: without them the planner takes each new table
    for a few rows and, at this volume, reads a whole table where an index would find one
    person's rows (a dashboard's certificate count took 18 ms instead of a fraction of one).
    SQLite keeps no statistics unless asked, as on any SQLite site, so it is left alone."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
