"""Background tasks shared by every app."""

import hashlib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task

from . import crypto
from .models import SentEmail


def message_id(key: str) -> str:
    """The same Message-ID for every send of one message, so a mail system that sees the
    rare second copy (a worker killed between sending and recording) can drop it."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


@task()
def send_email(
    *,
    sealed: str = "",
    key: str = "",
    subject: str = "",
    body: str = "",
    to: list[str] | None = None,
    from_email: str | None = None,
    html_body: str | None = None,
    attachments: list[dict] | None = None,
) -> int:
    """Send one e-mail. Runs in the task worker so a slow mail server never slows a page.

    ``sealed`` is the whole message encrypted by ``emails.email_seal``: the task table keeps
    a task's arguments, and e-mails can carry password-reset and verification links. The plain
    arguments are still read for e-mails queued before messages were sealed.

    ``key`` names the message: a task can run twice (its worker killed, then re-queued), and a
    message whose key is recorded as sent is not sent again. E-mails queued before keys were
    given have none and are sent as before.
    """
    if key and SentEmail.objects.filter(key=key).exists():
        return 0
    if sealed:
        fields = crypto.decrypt_json(sealed)
        subject, body, to = fields["subject"], fields["body"], fields["to"]
        from_email, html_body = fields.get("from_email"), fields.get("html_body")
        attachments = fields.get("attachments")
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if key:
        message.extra_headers["Message-ID"] = message_id(key)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    for attachment in attachments or []:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    sent = message.send()
    if key:
        # ignore_conflicts: another run of the same task may have got there first.
        SentEmail.objects.bulk_create([SentEmail(key=key)], ignore_conflicts=True)
    return sent
