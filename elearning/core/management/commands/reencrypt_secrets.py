from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django_tasks_db.models import DBTaskResult

from elearning.accounts.mfa_secrets import authenticators_reencrypt
from elearning.core.emails import queued_emails_reseal


class Command(BaseCommand):
    help = (
        "Encrypt any readable authenticator secrets and queued e-mails, and re-encrypt the rest "
        "with the first ENCRYPTION_KEY. Run after putting a new key first; then drop the old one."
    )

    def handle(self, *args, **options):
        authenticators = authenticators_reencrypt(Authenticator.objects.all())
        emails = queued_emails_reseal(DBTaskResult.objects.all())
        self.stdout.write(
            f"Re-encrypted {authenticators} authenticator(s) and {emails} queued e-mail(s) "
            "with the first key."
        )
