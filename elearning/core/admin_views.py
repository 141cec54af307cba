"""Reports → Failed background work: what the task workers gave up on, or will try again.

Partnership admins see each troubled task (what it was for, when it was queued, how many
times it was tried, the last error) and can put a task that gave up back on the queue.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_tasks_db.compat import TaskResultStatus
from wagtail.admin import messages
from wagtail.admin.ui.tables import BaseColumn, Column, DateColumn
from wagtail.admin.views.reports import ReportView

from elearning.accounts.roles import Role, has_role

from . import crypto
from .tasks import send_email
from .work import WORKER_LOST, WorkRefusal, attempts, failed_task_retry, troubled_tasks

# What each background task is for, in the words an admin would use.
TASK_LABELS = {
    send_email.module_path: gettext_lazy("E-mail"),
    "supervision.tasks.supervision_daily": gettext_lazy("Daily supervision flags and reminders"),
    "courses.tasks.send_course_reminders": gettext_lazy("Daily training reminders"),
    "elearning.library.tasks.send_review_reminders": gettext_lazy(
        "Weekly content-review reminders"
    ),
}


def can_manage_work(user) -> bool:
    """Who sees failed background work and may try it again: partnership admins."""
    return has_role(user, Role.ADMIN)


def task_description(result) -> str:
    label = str(TASK_LABELS.get(result.task_path, result.task_path.rpartition(".")[2]))
    if result.task_path != send_email.module_path:
        return label
    kwargs = (result.args_kwargs or {}).get("kwargs") or {}
    try:
        fields = crypto.decrypt_json(kwargs["sealed"]) if kwargs.get("sealed") else kwargs
    except Exception:
        return _("E-mail (it cannot be opened with the current encryption keys)")
    return _("E-mail “%(subject)s” to %(to)s") % {
        "subject": fields.get("subject", ""),
        "to": ", ".join(fields.get("to") or []),
    }


def task_state(result) -> str:
    tries = attempts(result)
    if result.status == TaskResultStatus.FAILED:
        return _("Gave up after %(n)s of %(max)s tries") % {
            "n": tries,
            "max": settings.TASK_MAX_ATTEMPTS,
        }
    return _("Will try again from %(when)s (tried %(n)s of %(max)s times)") % {
        "when": date_format(timezone.localtime(result.run_after), "j M Y, H:i"),
        "n": tries,
        "max": settings.TASK_MAX_ATTEMPTS,
    }


def last_error(result) -> str:
    if result.exception_class_path == WORKER_LOST:
        return _("The worker running it stopped answering")
    lines = [line for line in (result.traceback or "").strip().splitlines() if line.strip()]
    text = lines[-1] if lines else result.exception_class_path
    return text if len(text) <= 200 else text[:199] + "…"


class RetryColumn(BaseColumn):
    cell_template_name = "core/admin/task_retry_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["can_retry"] = instance.status == TaskResultStatus.FAILED
        context["csrf_token"] = get_token(parent_context["request"])
        return context


class FailedWorkReportView(ReportView):
    page_title = gettext_lazy("Failed background work")
    header_icon = "warning"
    index_url_name = "failed_work:index"
    index_results_url_name = "failed_work:index_results"
    columns = [
        Column("description", label=gettext_lazy("Work"), accessor=task_description),
        DateColumn("enqueued_at", label=gettext_lazy("Queued")),
        Column("state", label=gettext_lazy("State"), accessor=task_state),
        Column("error", label=gettext_lazy("Last error"), accessor=last_error),
        RetryColumn("retry", label=""),
    ]

    no_results_message = gettext_lazy(
        "Nothing has failed: every background task has been done or is waiting its turn."
    )

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_work(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return troubled_tasks()


@require_POST
def failed_work_retry(request, task_id):
    if not can_manage_work(request.user):
        raise PermissionDenied
    try:
        result = failed_task_retry(task_id)
    except WorkRefusal as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("%(work)s is back on the queue; a worker will take it up shortly.")
            % {"work": task_description(result)},
        )
    return redirect("failed_work:index")
