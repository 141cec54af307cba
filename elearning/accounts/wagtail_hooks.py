"""Admin screens for partnership admins: agencies (users are managed in Wagtail's own screens,
customised in ``admin_views``)."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from elearning.core.exports import SpreadsheetSafeExportMixin

from .admin_views import AssignRoleBulkAction, person_leave_view
from .models import Agency, RoleChange
from .roles import Role, has_role
from .services import can_mark_leaver


class AgencyViewSet(ModelViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Agencies")
    menu_order = 610
    add_to_settings_menu = True
    form_fields = ["name", "sector", "is_active"]
    list_display = ["name", "sector", "is_active"]
    list_filter = ["sector", "is_active"]
    search_fields = ["name"]


@hooks.register("register_admin_viewset")
def register_agency_viewset():
    return AgencyViewSet("agencies")


# Replaces Wagtail's own "Assign role" bulk action (same action type, registered later), which
# would let an admin put anyone, themselves included, in any group without a record.
hooks.register("register_bulk_action", AssignRoleBulkAction, order=100)


@hooks.register("register_admin_urls")
def register_leaver_urls():
    urls = [path("<int:user_id>/leave/", person_leave_view, name="person_leave")]
    return [path("people/", include((urls, "leavers"), namespace="leavers"))]


@hooks.register("register_user_listing_buttons")
def leaver_listing_button(user, request_user):
    if user.pk != request_user.pk and user.left_on is None and can_mark_leaver(request_user):
        yield ListingButton(
            _("Mark as left"),
            reverse("leavers:person_leave", args=[user.pk]),
            priority=90,
        )


# --- The log of role changes ------------------------------------------------------------


class RoleChangeReportView(SpreadsheetSafeExportMixin, ReportView):
    """Every change to people's partnership roles: who changed whose, what and when. Read
    only; partnership admins only."""

    page_title = _("Role changes")
    header_icon = "key"
    index_url_name = "role_change_report"
    index_results_url_name = "role_change_report_results"
    columns = [
        DateColumn("changed_at", label=_("When")),
        Column("user_email", label=_("Person")),
        Column("changed_by_email", label=_("Changed by")),
        Column("added_text", label=_("Roles given")),
        Column("removed_text", label=_("Roles taken away")),
    ]
    list_export = ["changed_at", "user_email", "changed_by_email", "added_text", "removed_text"]
    export_headings = {
        "changed_at": _("When"),
        "user_email": _("Person"),
        "changed_by_email": _("Changed by"),
        "added_text": _("Roles given"),
        "removed_text": _("Roles taken away"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not has_role(request.user, Role.ADMIN):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "role-changes"

    def get_queryset(self):
        return RoleChange.objects.order_by("-changed_at", "-pk")


class RoleChangeMenuItem(MenuItem):
    def is_shown(self, request):
        return has_role(request.user, Role.ADMIN)


@hooks.register("register_admin_urls")
def register_role_change_report_urls():
    return [
        path("reports/role-changes/", RoleChangeReportView.as_view(), name="role_change_report"),
        path(
            "reports/role-changes/results/",
            RoleChangeReportView.as_view(results_only=True),
            name="role_change_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_role_change_menu_item():
    return RoleChangeMenuItem(
        _("Role changes"), reverse("role_change_report"), icon_name="key", order=70
    )
