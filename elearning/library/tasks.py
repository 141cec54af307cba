"""Background jobs for the library."""

from django_tasks import task


@task()
def send_review_reminders() -> int:
    """Weekly: remind content owners of pages due or overdue for review."""
    from .services import review_reminders_send

    return review_reminders_send()
