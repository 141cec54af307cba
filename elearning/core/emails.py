"""The one way the site sends e-mail: queue it as a background task.

The queued task's arguments are stored in the database until a worker sends the e-mail, so
the message goes in encrypted (see ``core.crypto``): a password-reset or verification link
is never readable in the task table.

Every message has a key (``tasks.send_email`` sends each key once), so a task that runs twice
sends once. A random key is made when a message is queued; work that may itself run twice
(the daily reminders) passes a key made from what the message is about, so a second run
queues a copy that is then not sent.
"""

import uuid

from django.conf import settings
from django.core.mail import EmailMessage

from . import crypto
from .tasks import send_email


def email_seal(
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html_body: str | None = None,
    attachments: list[dict] | None = None,
) -> str:
    """The whole message as one encrypted token, the argument ``tasks.send_email`` takes."""
    return crypto.encrypt_json(
        {
            "subject": str(subject),
            "body": str(body),
            "to": list(to),
            "from_email": from_email,
            "html_body": html_body,
            "attachments": attachments,
        }
    )


def email_send(
    *,
    subject: str,
    body: str,
    to: list[str],
    html_body: str | None = None,
    attachments: list[dict] | None = None,
    key: str = "",
) -> None:
    """Queue an e-mail. ``attachments`` are dicts of filename, content (text) and mimetype;
    ``key`` names the message when the caller may queue the same one twice."""
    send_email.enqueue(
        key=key or message_key(),
        sealed=email_seal(
            subject=subject,
            body=body,
            to=to,
            from_email=settings.DEFAULT_FROM_EMAIL,
            html_body=html_body,
            attachments=attachments,
        ),
    )


def email_message_send(message: EmailMessage) -> None:
    """Queue an already-rendered Django e-mail message (used for allauth's e-mails)."""
    html_body = None
    for content, mimetype in getattr(message, "alternatives", []) or []:
        if mimetype == "text/html":
            html_body = content
    send_email.enqueue(
        sealed=email_seal(
            subject=str(message.subject),
            body=str(message.body),
            to=list(message.to),
            from_email=message.from_email,
            html_body=html_body,
        ),
        key=message_key(),
    )


def message_key() -> str:
    return f"email:{uuid.uuid4().hex}"


def queued_emails_reseal(results) -> int:
    """Seal e-mails queued before messages were encrypted, and re-encrypt sealed ones with the
    first key (after a key rotation). ``results`` is a queryset of django_tasks_db's
    ``DBTaskResult``; the data migration passes its historical model. Returns rows rewritten.
    """
    count = 0
    for result in results.filter(task_path=send_email.module_path).iterator(chunk_size=500):
        kwargs = dict(result.args_kwargs.get("kwargs") or {})
        key = kwargs.pop("key", "")
        if kwargs.get("sealed"):
            kwargs = {"sealed": crypto.rotate(kwargs["sealed"])}
        elif kwargs:
            kwargs = {"sealed": email_seal(**kwargs)}
        else:
            continue
        if key:
            kwargs["key"] = key
        result.args_kwargs = {**result.args_kwargs, "kwargs": kwargs}
        result.save(update_fields=["args_kwargs"])
        count += 1
    return count
