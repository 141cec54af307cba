from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from elearning.core.demo_mfa import current_demo_totp_code


class Command(BaseCommand):
    help = "Print the current authenticator code shared by the demo accounts (demo only)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Only available with DEMO_MODE on (the development settings).")
        self.stdout.write(current_demo_totp_code())
