"""Background work that survives a dying worker: at least once, and given up on in the open.

django_tasks_db claims a task by marking it RUNNING; if the worker is then killed (``kill -9``,
a lost machine, the out-of-memory killer) the row stays RUNNING for good and nothing runs it.
So, on top of the library:

- every worker writes a heartbeat every few seconds while it runs (``heartbeat``);
- any worker puts a RUNNING task back on the queue when the worker that claimed it has not
  been heard from for ``TASK_STALE_AFTER_SECONDS`` (``stale_tasks_requeue``);
- a task that raised goes back on the queue with a growing delay (``failed_task_retry_later``);
- each claim counts as an attempt; after ``TASK_MAX_ATTEMPTS`` the task stays FAILED and shows
  under Reports → Failed background work, where partnership admins can try it again
  (``failed_task_retry``).

Tasks therefore run at least once and may run twice, so every task must be safe to repeat:
e-mails carry a key and are sent once per key (``tasks.send_email``).
"""

import datetime
import logging
import uuid

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from elearning.core.refusals import Refusal

from .models import SentEmail, WorkerHeartbeat

logger = logging.getLogger(__name__)

# Recorded as a task's error when its worker stopped answering.
WORKER_LOST = "elearning.core.work.WorkerLost"
# How long the key of a sent e-mail is kept: far longer than any task waits to be retried.
SENT_EMAIL_KEEP_DAYS = 30
# A worker that has not written a heartbeat for a day has gone; its row is removed.
HEARTBEAT_KEEP = datetime.timedelta(days=1)


class WorkerLost(Exception):
    """The worker running a task stopped answering."""


class WorkRefusal(Refusal):
    """Something asked of the failed-work screen that cannot be done; the message says why."""


def heartbeat_interval() -> float:
    """Seconds between a worker's heartbeats: often enough that a few missed ones (a slow
    database) never make a live worker look dead."""
    return max(1.0, min(15.0, settings.TASK_STALE_AFTER_SECONDS / 6))


def heartbeat(worker_id: str, *, now: datetime.datetime | None = None) -> None:
    now = now or timezone.now()
    if not WorkerHeartbeat.objects.filter(pk=worker_id).update(seen_at=now):
        WorkerHeartbeat.objects.create(worker_id=worker_id, started_at=now, seen_at=now)


def heartbeat_end(worker_id: str) -> None:
    """A worker stopping cleanly says so; its tasks, if any, are finished or re-queued."""
    WorkerHeartbeat.objects.filter(pk=worker_id).delete()


def attempts(result: DBTaskResult) -> int:
    """How many times a task has been claimed by a worker: each claim adds the worker's id."""
    return len(result.worker_ids or [])


def stale_tasks_requeue(*, now: datetime.datetime | None = None) -> dict:
    """Put back on the queue every RUNNING task whose worker has not been heard from for
    ``TASK_STALE_AFTER_SECONDS``; one that has had all its attempts is marked FAILED instead.

    Safe to run from every worker at once: each change is a conditional update on the status
    and start time the task had when it was read, so one task is re-queued once.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.TASK_STALE_AFTER_SECONDS)
    counts = {"requeued": 0, "failed": 0}
    running = list(
        DBTaskResult.objects.running()
        .filter(started_at__lt=cutoff)
        .only("id", "worker_ids", "started_at", "task_path")
    )
    if not running:
        return counts
    last_workers = {r.worker_ids[-1] for r in running if r.worker_ids}
    alive = set(
        WorkerHeartbeat.objects.filter(pk__in=last_workers, seen_at__gte=cutoff).values_list(
            "pk", flat=True
        )
    )
    for result in running:
        if result.worker_ids and result.worker_ids[-1] in alive:
            continue
        tries = attempts(result)
        still_running = DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        )
        note = _("The worker running this task stopped answering (attempt %(n)s of %(max)s).") % {
            "n": tries,
            "max": settings.TASK_MAX_ATTEMPTS,
        }
        if tries >= settings.TASK_MAX_ATTEMPTS:
            changed = still_running.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                return_value=None,
                exception_class_path=WORKER_LOST,
                traceback=note,
            )
            counts["failed"] += changed
            if changed:
                logger.error("Task %s (%s) given up: %s", result.pk, result.task_path, note)
        else:
            # Straight back: the worker died, not necessarily the task.
            changed = still_running.update(
                status=TaskResultStatus.READY,
                run_after=now,
                exception_class_path=WORKER_LOST,
                traceback=note,
            )
            counts["requeued"] += changed
            if changed:
                logger.warning("Task %s (%s) re-queued: %s", result.pk, result.task_path, note)
    return counts


def failed_task_retry_later(result: DBTaskResult, *, now: datetime.datetime | None = None) -> bool:
    """After a task raised: back on the queue after ``TASK_RETRY_DELAY_SECONDS``, doubling
    each time, unless it has had all its attempts. True when it will be tried again."""
    tries = attempts(result)
    if tries >= settings.TASK_MAX_ATTEMPTS:
        logger.error(
            "Task %s (%s) failed %s times and is given up; see Reports → Failed background work",
            result.pk,
            result.task_path,
            tries,
        )
        return False
    now = now or timezone.now()
    delay = settings.TASK_RETRY_DELAY_SECONDS * 2 ** max(0, tries - 1)
    run_after = now + datetime.timedelta(seconds=delay)
    changed = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    if changed:
        logger.warning(
            "Task %s (%s) failed (attempt %s of %s); trying again at %s",
            result.pk,
            result.task_path,
            tries,
            settings.TASK_MAX_ATTEMPTS,
            run_after.isoformat(timespec="seconds"),
        )
    return bool(changed)


def housekeeping(*, now: datetime.datetime | None = None) -> None:
    """Forget keys of e-mails sent long ago and heartbeats of workers long gone."""
    now = now or timezone.now()
    forget_before = now - datetime.timedelta(days=SENT_EMAIL_KEEP_DAYS)
    SentEmail.objects.filter(sent_at__lt=forget_before).delete()
    WorkerHeartbeat.objects.filter(seen_at__lt=now - HEARTBEAT_KEEP).delete()


# --- The failed-work screen ---------------------------------------------------------------


def troubled_tasks():
    """Tasks that have given up, and tasks waiting to be tried again after an error."""
    return DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.FAILED)
        | (Q(status=TaskResultStatus.READY) & ~Q(exception_class_path=""))
    ).order_by("-enqueued_at")


def failed_task_retry(task_id: str) -> DBTaskResult:
    """Put a task that gave up back on the queue with its attempts counted afresh. Refuses an
    id that is not a task, or a task that has not failed (so a retry cannot run twice)."""
    try:
        pk = uuid.UUID(str(task_id))
    except ValueError:
        raise WorkRefusal(_("That is not a background task.")) from None
    changed = DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY,
        run_after=get_date_max(),
        finished_at=None,
        worker_ids=[],
    )
    if not changed:
        if DBTaskResult.objects.filter(pk=pk).exists():
            raise WorkRefusal(_("That task has not failed, so there is nothing to try again."))
        raise WorkRefusal(_("That background task does not exist (it may have been removed)."))
    logger.warning("Task %s put back on the queue from the failed-work screen", pk)
    return DBTaskResult.objects.get(pk=pk)
