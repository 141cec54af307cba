"""How allauth fits this site: e-mails go through the task queue; redirects stay on-site."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings

from elearning.core.emails import email_message_send


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        ctx = {"site_name": settings.SITE_NAME, **context}
        message = self.render_mail(template_prefix, email, ctx)
        email_message_send(message)


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_label(self, user) -> str:
        return user.email
