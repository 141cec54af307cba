from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from seeding.demo import DEMO_PASSWORD, DEMO_SEEDERS


class Command(BaseCommand):
    help = "Load demo content and demo accounts. Safe to run more than once."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "Demo data creates accounts with published passwords and a shared authenticator "
                "secret, so it only runs with DEMO_MODE on (the development settings)."
            )
        for dotted in DEMO_SEEDERS:
            with transaction.atomic():
                import_string(dotted)()
            self.stdout.write(f"  seeded {dotted.rsplit('.', 2)[-3]}")
        from seeding.accounts.demo import DEMO_USERS

        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for all: {DEMO_PASSWORD})"))
        for email, _first, _last, role, _agency, _job in DEMO_USERS:
            self.stdout.write(f"  {role:<26} {email}")
        self.stdout.write(
            "\nSupervisor, staff, moderator and admin accounts use two-factor authentication. "
            "The sign-in page shows the current demo code, or run: make totp"
        )
