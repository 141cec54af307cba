from django.core.management.base import BaseCommand

from supervision.services import records_delete_past_retention, records_past_retention


class Command(BaseCommand):
    help = (
        "List supervision records past the retention period (dry run), or delete them with "
        "--delete. Records on legal hold are never deleted. Each deletion is logged."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete them (default: list).")

    def handle(self, *args, delete=False, **options):
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
