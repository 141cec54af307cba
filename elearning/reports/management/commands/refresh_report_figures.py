"""Queue the working out of the partnership's report figures. Run from cron as often as the
figures are kept (every 15 minutes by default):

python manage.py refresh_report_figures          # queue it for a worker
python manage.py refresh_report_figures --now    # work them out in this process
"""

from django.core.management.base import BaseCommand

from elearning.reports import store
from elearning.reports.tasks import refresh_report_figures


class Command(BaseCommand):
    help = "Work out the partnership's report figures ahead of time (schedule with cron)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Work them out in this process.")

    def handle(self, *args, now=False, **options):
        if now:
            report = store.refresh_partnership_figures()
            self.stdout.write(f"Worked out {len(report.results)} report sections.")
            return
        result = refresh_report_figures.enqueue()
        self.stdout.write(f"Queued the report figures ({result.id}).")
