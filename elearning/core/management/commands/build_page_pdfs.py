"""``manage.py build_page_pdfs``: make the PDF of every published page that has none.

Pages published before PDFs were made at publish time, or whose task has not run yet, get
theirs here (``make demo`` runs it through the demo seeders). ``--queue`` leaves the work to
the task workers instead of doing it in this process.
"""

from django.core.management.base import BaseCommand

from elearning.core.page_pdfs import build_missing


class Command(BaseCommand):
    help = "Make the stored PDF of every published library page and toolkit that has none."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="Queue the work for the task workers."
        )

    def handle(self, *args, queue=False, **options):
        count = build_missing(queue=queue)
        done = "queued" if queue else "made"
        self.stdout.write(self.style.SUCCESS(f"{count} PDF(s) {done}."))
