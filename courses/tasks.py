"""Background work for courses: the daily reminders."""

from django_tasks import task

from . import services


@task()
def send_course_reminders() -> dict:
    """Session reminders (two days ahead) and certificate expiry reminders (60 and 14 days)."""
    return {
        "sessions": services.session_reminders_send(),
        "certificates": services.certificate_reminders_send(),
    }
