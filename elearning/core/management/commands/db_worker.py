"""``manage.py db_worker``: django_tasks_db's worker, made safe to kill.

The same command and options as the library's (this one takes its place because the project's
apps come first in INSTALLED_APPS), plus: a heartbeat thread that proves this worker is alive
and re-queues tasks left RUNNING by workers that died, and retries with a growing delay for
tasks that raise. See ``elearning.core.work``.
"""

import logging
import threading

from django.db import close_old_connections, connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker

from elearning.core import work

logger = logging.getLogger("elearning.core.work")


class Heartbeat(threading.Thread):
    """Every few seconds: this worker's heartbeat, then any stale task back on the queue."""

    def __init__(self, worker_id: str):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()
        self.beats = 0

    def run(self) -> None:
        try:
            while not self.stopping.wait(work.heartbeat_interval()):
                self.beat()
        finally:
            connection.close()

    def beat(self) -> None:
        try:
            close_old_connections()
            work.heartbeat(self.worker_id)
            work.stale_tasks_requeue()
            self.beats += 1
            if self.beats % 240 == 0:
                work.housekeeping()
        except Exception:
            # A database hiccup must not stop the heartbeat for good; the next beat tries again.
            logger.exception("Worker %s could not write its heartbeat", self.worker_id)

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=10)


class Worker(db_worker.Worker):
    def run(self) -> None:
        work.heartbeat(self.worker_id)
        work.stale_tasks_requeue()
        heartbeat = Heartbeat(self.worker_id)
        heartbeat.start()
        try:
            super().run()
        finally:
            heartbeat.stop()
            work.heartbeat_end(self.worker_id)

    def run_task(self, db_task_result) -> None:
        super().run_task(db_task_result)
        if db_task_result.status == TaskResultStatus.FAILED:
            work.failed_task_retry_later(db_task_result)


class Command(db_worker.Command):
    help = "Run a background worker: tasks whose worker died are re-queued, failures retried"

    def handle(self, *args, **options):
        # The library's handle builds its own Worker; swap ours in for the length of the call.
        original = db_worker.Worker
        db_worker.Worker = Worker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
