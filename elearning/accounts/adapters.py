"""How allauth fits this site: e-mails go through the task queue; redirects stay on-site;
authenticator secrets are encrypted at rest; a sign-in address is replaced only with the
consent of the person whose account it is."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib import messages
from django.utils.translation import gettext as _

from elearning.core import crypto
from elearning.core.emails import email_message_send

# allauth reports these outcomes at the "info" level, which the site shows as an "Important"
# banner; they are the success of what the person just did, so they get the success banner.
SUCCESS_MESSAGES = frozenset(
    {
        "account/messages/email_confirmation_sent.txt",
        "usersessions/messages/sessions_logged_out.txt",
    }
)


class AccountAdapter(DefaultAccountAdapter):
    def add_message(
        self,
        request,
        level,
        message_template=None,
        message_context=None,
        extra_tags="",
        message=None,
    ):
        if level == messages.INFO and message_template in SUCCESS_MESSAGES:
            level = messages.SUCCESS
        super().add_message(
            request,
            level,
            message_template=message_template,
            message_context=message_context,
            extra_tags=extra_tags,
            message=message,
        )

    def send_mail(self, template_prefix, email, context):
        ctx = {"site_name": settings.SITE_NAME, **context}
        message = self.render_mail(template_prefix, email, ctx)
        email_message_send(message)

    def confirm_email(self, request, email_address) -> bool:
        """Verifying a new address replaces the one the person signs in with, so when they
        already have a verified address it takes effect only while they are signed in as
        themselves. Otherwise whoever holds the new mailbox (an admin who typed their own
        address, say) could take the account over just by opening the link."""
        replaces_verified = (
            EmailAddress.objects.filter(user_id=email_address.user_id, verified=True)
            .exclude(pk=email_address.pk)
            .exists()
        )
        signed_in_as_owner = (
            request is not None
            and request.user.is_authenticated
            and request.user.pk == email_address.user_id
        )
        if replaces_verified and not signed_in_as_owner:
            if request is not None:
                messages.error(
                    request,
                    _(
                        "To change the e-mail address you sign in with, sign in with your "
                        "current address first, then open the link in the e-mail again."
                    ),
                )
            return False
        return super().confirm_email(request, email_address)


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_label(self, user) -> str:
        return user.email

    def encrypt(self, text: str) -> str:
        """TOTP secrets and recovery-code seeds are stored encrypted with ENCRYPTION_KEY."""
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        # Secrets stored before encryption was switched on are read as they are until
        # `manage.py reencrypt_secrets` (or the accounts migration) encrypts them. A token
        # that no configured key opens is an error, never read as a plain secret.
        if not crypto.looks_encrypted(encrypted_text):
            return encrypted_text
        return crypto.decrypt(encrypted_text)
