"""The one way the site sends e-mail: queue it as a background task."""

from django.conf import settings
from django.core.mail import EmailMessage

from .tasks import send_email


def email_send(
    *,
    subject: str,
    body: str,
    to: list[str],
    html_body: str | None = None,
    attachments: list[dict] | None = None,
) -> None:
    """Queue an e-mail. ``attachments`` are dicts of filename, content (text) and mimetype."""
    send_email.enqueue(
        subject=subject,
        body=body,
        to=list(to),
        from_email=settings.DEFAULT_FROM_EMAIL,
        html_body=html_body,
        attachments=attachments,
    )


def email_message_send(message: EmailMessage) -> None:
    """Queue an already-rendered Django e-mail message (used for allauth's e-mails)."""
    html_body = None
    for content, mimetype in getattr(message, "alternatives", []) or []:
        if mimetype == "text/html":
            html_body = content
    send_email.enqueue(
        subject=str(message.subject),
        body=str(message.body),
        to=list(message.to),
        from_email=message.from_email,
        html_body=html_body,
    )
