"""Admin deletes that would lose people's records are refused with a message, not a 500.

Learning records point at content with ``on_delete=PROTECT`` (see ``protection``); these hooks
check before Wagtail tries the delete, for single and bulk deletes of pages and snippets.
Training sessions (a ``ModelViewSet``) are handled by their own delete view in ``courses``.
"""

from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from .admin_views import FailedWorkReportView, can_manage_work, failed_work_retry
from .protection import (
    PAGE_ARCHIVE_HINT,
    SNIPPET_ARCHIVE_HINT,
    bulk_delete_refused_message,
    delete_refused_message,
    pages_protected_records,
    protected_records,
    title_of,
)


@hooks.register("before_delete_page")
def refuse_deleting_page_with_records(request, page):
    counts = pages_protected_records([page])
    if not counts:
        return None
    messages.error(
        request,
        delete_refused_message(title=title_of(page), counts=counts, hint=PAGE_ARCHIVE_HINT),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_records(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not objects:
        return None
    if isinstance(objects[0], Page):
        counts = pages_protected_records(objects)
        hint = PAGE_ARCHIVE_HINT
    else:
        counts = protected_records(objects)
        hint = SNIPPET_ARCHIVE_HINT
    if not counts:
        return None
    # Name only the items that hold records, so staff know which ones to archive.
    if isinstance(objects[0], Page):
        holding = [title_of(o) for o in objects if pages_protected_records([o])]
    else:
        holding = [title_of(o) for o in objects if protected_records([o])]
    messages.error(request, bulk_delete_refused_message(titles=holding, counts=counts, hint=hint))
    return redirect(action_class_instance.next_url)


@hooks.register("before_delete_snippet")
def refuse_deleting_snippets_with_records(request, instances):
    counts = protected_records(instances)
    if not counts:
        return None
    for instance in instances:
        instance_counts = protected_records([instance])
        if instance_counts:
            messages.error(
                request,
                delete_refused_message(
                    title=title_of(instance), counts=instance_counts, hint=SNIPPET_ARCHIVE_HINT
                ),
            )
    next_url = get_valid_next_url_from_request(request)
    if next_url:
        return redirect(next_url)
    viewset = instances[0].snippet_viewset
    return redirect(reverse(viewset.get_url_name("list")))


# --- Failed background work ---------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_failed_work_urls():
    urls = [
        path("", FailedWorkReportView.as_view(), name="index"),
        path("results/", FailedWorkReportView.as_view(results_only=True), name="index_results"),
        path("<str:task_id>/retry/", failed_work_retry, name="retry"),
    ]
    return [path("reports/failed-work/", include((urls, "failed_work"), namespace="failed_work"))]


class FailedWorkMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_work(request.user)


@hooks.register("register_reports_menu_item")
def register_failed_work_menu_item():
    return FailedWorkMenuItem(
        _("Failed background work"), reverse("failed_work:index"), icon_name="warning", order=80
    )
