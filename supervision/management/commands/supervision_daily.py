from django.core.management.base import BaseCommand

from supervision.tasks import supervision_daily


class Command(BaseCommand):
    help = "Run the daily drift flags and send supervision reminders (schedule daily with cron)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run here, not on the task worker.")

    def handle(self, *args, now=False, **options):
        if now:
            result = supervision_daily.call()
            self.stdout.write(
                f"Flags raised: {result['flags']}. Reminders: {result['due']} supervision due, "
                f"{result['actions']} actions, {result['unsigned']} unsigned records."
            )
        else:
            supervision_daily.enqueue()
            self.stdout.write("Queued for the task worker.")
