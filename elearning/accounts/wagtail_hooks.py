"""Admin screens for partnership admins: agencies, and the People area (Wagtail's own user
screens, customised in ``admin_views`` and ``people_admin``)."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from elearning.core.exports import SpreadsheetSafeExportMixin

from .admin_views import AssignRoleBulkAction, person_leave_view
from .models import Agency, RoleChange
from .people_admin import SetActiveStateBulkAction, access_action_url
from .roles import Role, has_role
from .services import can_mark_leaver
from .services.people import DEACTIVATE_ACTION, REACTIVATE_ACTION


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
# Likewise Wagtail's "Set active state", which would close accounts without signing the
# people out or recording who did it.
hooks.register("register_bulk_action", SetActiveStateBulkAction, order=100)


@hooks.register("register_log_actions")
def register_people_log_actions(actions):
    actions.register_action(DEACTIVATE_ACTION, _("Deactivate account"), _("Account deactivated"))
    actions.register_action(REACTIVATE_ACTION, _("Reactivate account"), _("Account reactivated"))


@hooks.register("register_user_listing_buttons")
def access_listing_button(user, request_user):
    action = access_action_url(user, request_user)
    if action is not None:
        label, url = action
        yield Button(label, url, priority=80)  # in the "More options" menu


@hooks.register("register_admin_urls")
def register_leaver_urls():
    urls = [path("<int:user_id>/leave/", person_leave_view, name="person_leave")]
    return [path("people/", include((urls, "leavers"), namespace="leavers"))]


@hooks.register("register_user_listing_buttons")
def leaver_listing_button(user, request_user):
    if user.pk != request_user.pk and user.left_on is None and can_mark_leaver(request_user):
        # In the "More options" menu: a button beside the name squeezed the name column.
        yield Button(
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
