"""Wagtail's own admin reports, with their exports made like every other download here.

Wagtail's locked pages, aging pages, site history and workflow reports write CSV cells exactly
as given (a page titled ``=HYPERLINK(...)`` becomes a live formula in a spreadsheet). These
subclasses add ``SpreadsheetSafeExportMixin``; ``urlpatterns`` puts them at Wagtail's own
addresses, ahead of its admin URLs, with the same admin-access check, so every link and menu
item in the admin reaches them unchanged.
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView

from .exports import SpreadsheetSafeExportMixin


class SafeLockedPagesView(SpreadsheetSafeExportMixin, LockedPagesView):
    pass


class SafeAgingPagesView(SpreadsheetSafeExportMixin, AgingPagesView):
    pass


class SafeLogEntriesView(SpreadsheetSafeExportMixin, LogEntriesView):
    pass


class SafeWorkflowView(SpreadsheetSafeExportMixin, WorkflowView):
    pass


class SafeWorkflowTasksView(SpreadsheetSafeExportMixin, WorkflowTasksView):
    pass


def _admin(view_class):
    view = never_cache(require_admin_access(view_class.as_view()))
    view.view_class = view_class
    return view


urlpatterns = [
    path("admin/reports/locked/", _admin(SafeLockedPagesView)),
    path("admin/reports/aging-pages/", _admin(SafeAgingPagesView)),
    path("admin/reports/site-history/", _admin(SafeLogEntriesView)),
    path("admin/reports/workflow/", _admin(SafeWorkflowView)),
    path("admin/reports/workflow_tasks/", _admin(SafeWorkflowTasksView)),
]
