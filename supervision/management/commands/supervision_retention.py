from django.core.management.base import BaseCommand, CommandError

from supervision.models import AccessLogEntry, Record
from supervision.services import (
    access_log,
    records_delete_past_retention,
    records_past_retention,
)


class Command(BaseCommand):
    help = (
        "List supervision records past the retention period (dry run), or delete them with "
        "--delete. Records on legal hold are never deleted. Each deletion is logged."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete them (default: list).")
        parser.add_argument(
            "--hold", type=int, metavar="RECORD_ID", help="Put a record on legal hold."
        )
        parser.add_argument(
            "--release", type=int, metavar="RECORD_ID", help="Release a legal hold."
        )

    def handle(self, *args, delete=False, hold=None, release=None, **options):
        if hold or release:
            record_id = hold or release
            updated = Record.objects.filter(pk=record_id).update(legal_hold=bool(hold))
            if not updated:
                raise CommandError(f"There is no supervision record {record_id}.")
            access_log(
                user=None,
                record=Record.objects.get(pk=record_id),
                action=AccessLogEntry.Action.CHANGE,
                what="Legal hold set" if hold else "Legal hold released",
            )
            self.stdout.write(f"Record {record_id}: legal hold {'set' if hold else 'released'}.")
            return
        records = records_past_retention().order_by("held_on")
        count = records.count()
        if not delete:
            for record in records.values("pk", "held_on", "supervisee_id"):
                self.stdout.write(
                    f"Record {record['pk']} held {record['held_on']:%Y-%m-%d} "
                    f"(supervisee {record['supervisee_id']})"
                )
            self.stdout.write(f"{count} record(s) past retention. Dry run: nothing deleted.")
            return
        deleted = records_delete_past_retention()
        self.stdout.write(f"Deleted {deleted} record(s) past retention.")
