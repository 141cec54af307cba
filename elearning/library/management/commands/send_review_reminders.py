from django.core.management.base import BaseCommand

from elearning.library.tasks import send_review_reminders


class Command(BaseCommand):
    help = (
        "Queue the weekly e-mails reminding content owners of library pages due for review. "
        "Run it once a week from cron; --now sends them in this process instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run now instead of queueing.")

    def handle(self, *args, now=False, **options):
        if now:
            sent = send_review_reminders.call()
            self.stdout.write(f"Review reminders sent to {sent} owner(s).")
        else:
            send_review_reminders.enqueue()
            self.stdout.write("Review reminders queued.")
