"""Background tasks shared by every app."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task

from . import crypto


@task()
def send_email(
    *,
    sealed: str = "",
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
    """
    if sealed:
        fields = crypto.decrypt_json(sealed)
        subject, body, to = fields["subject"], fields["body"], fields["to"]
        from_email, html_body = fields.get("from_email"), fields.get("html_body")
        attachments = fields.get("attachments")
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    for attachment in attachments or []:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message.send()
