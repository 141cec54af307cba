"""Queue the daily course reminders. Run once a day from cron or the platform scheduler:

python manage.py send_course_reminders
"""

from django.core.management.base import BaseCommand

from courses.tasks import send_course_reminders


class Command(BaseCommand):
    help = "Queue training session reminders, certificate expiry reminders and impact follow-ups."

    def handle(self, *args, **options):
        result = send_course_reminders.enqueue()
        self.stdout.write(f"Queued course reminders ({result.id}).")
