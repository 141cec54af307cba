from django.core.management.base import BaseCommand, CommandError

from toolkit.models import Assessment
from toolkit.services import (
    assessment_legal_hold,
    assessments_delete_past_retention,
    assessments_past_retention,
)


class Command(BaseCommand):
    help = (
        "List neglect assessments past the retention period (dry run), or delete them with "
        "--delete. Assessments on legal hold are never deleted. Each deletion is logged."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete them (default: list).")
        parser.add_argument("--hold", type=int, metavar="ASSESSMENT_ID", help="Set legal hold.")
        parser.add_argument("--release", type=int, metavar="ASSESSMENT_ID", help="Release it.")

    def handle(self, *args, delete=False, hold=None, release=None, **options):
        if hold or release:
            assessment_id = hold or release
            try:
                assessment_legal_hold(assessment_id=assessment_id, hold=bool(hold))
            except Assessment.DoesNotExist as error:
                raise CommandError(f"There is no assessment {assessment_id}.") from error
            self.stdout.write(
                f"Assessment {assessment_id}: legal hold {'set' if hold else 'released'}."
            )
            return
        if not delete:
            count = 0
            for row in assessments_past_retention().values("pk", "assessed_on"):
                count += 1
                self.stdout.write(f"Assessment {row['pk']} of {row['assessed_on']:%Y-%m-%d}")
            self.stdout.write(f"{count} assessment(s) past retention. Dry run: nothing deleted.")
            return
        deleted = assessments_delete_past_retention()
        self.stdout.write(f"Deleted {deleted} assessment(s) past retention.")
