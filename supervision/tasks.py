"""Daily supervision jobs: drift flags (the time-based rules need a daily run) and reminders."""

from django_tasks import task


@task()
def supervision_daily() -> dict:
    from .services import flags_run_daily, reminders_send

    return {"flags": flags_run_daily(), **reminders_send()}
