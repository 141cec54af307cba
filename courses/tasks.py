"""Background work for courses: the daily reminders."""

from django_tasks import task

from . import services
from .services import impact


@task()
def send_course_reminders() -> dict:
    """Session reminders (two days ahead) and certificate expiry reminders (60 and 14 days)
    and the impact follow-ups due (with one reminder)."""
    return {
        "sessions": services.session_reminders_send(),
        "certificates": services.certificate_reminders_send(),
        "impact": impact.follow_ups_send(),
        # Offers to interest lists that ran out pass to the next person.
        "interest_offers_expired": services.interest_lists.interest_offers_expire(),
    }
