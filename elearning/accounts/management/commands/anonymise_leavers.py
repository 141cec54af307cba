import logging

from django.conf import settings
from django.core.management.base import BaseCommand

from elearning.accounts.services import leaver_anonymise, leavers_past_retention

logger = logging.getLogger("elearning.accounts.services")


class Command(BaseCommand):
    help = (
        "List people who left longer ago than LEAVER_RETENTION_YEARS (dry run), or anonymise "
        "them with --apply. Their learning records and the report figures stay; supervision "
        "records are handled by supervision_retention. Each anonymisation is logged."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="Anonymise them (default: only list)."
        )

    def handle(self, *args, apply=False, **options):
        years = settings.LEAVER_RETENTION_YEARS
        people = list(leavers_past_retention(years=years))
        if not apply:
            for person in people:
                self.stdout.write(f"Person {person.pk} left on {person.left_on:%Y-%m-%d}")
            self.stdout.write(
                f"{len(people)} person(s) left more than {years} year(s) ago. "
                "Dry run: nothing changed."
            )
            logger.info("anonymise_leavers dry run: %d person(s) due.", len(people))
            return
        for person in people:
            leaver_anonymise(user=person)
            self.stdout.write(f"Person {person.pk} anonymised.")
        self.stdout.write(f"Anonymised {len(people)} person(s).")
