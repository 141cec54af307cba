"""What the background workers keep beside django_tasks_db's task table.

- ``WorkerHeartbeat``: each running worker proves every few seconds that it is alive, so a task
  whose worker was killed can be told from one that is only slow (see ``core.work``).
- ``SentEmail``: one row per e-mail handed to the mail server, so a task that runs twice sends
  its message once (see ``core.tasks.send_email``).
"""

from django.db import models
from django.utils import timezone


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(max_length=64, primary_key=True)
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "worker heartbeat"

    def __str__(self):
        return self.worker_id


class SentEmail(models.Model):
    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "sent e-mail"

    def __str__(self):
        return self.key
