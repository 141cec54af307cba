"""Admin screens for the library: the review report and the team-use roll-up link."""

import datetime

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import PageReportView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from elearning.core.exports import SpreadsheetSafeExportMixin
from elearning.core.registry import DashboardPanel, NavItem
from elearning.reports.permissions import can_view_partnership_reports

from .constants import REVIEW_WARNING_DAYS
from .models import AgeGroup, AudienceSector, LibraryPage, NeglectType, Theme


class ContentReviewReportView(SpreadsheetSafeExportMixin, PageReportView):
    """Library pages whose review-by date has passed or falls in the next 30 days."""

    page_title = _("Content due for review")
    header_icon = "date"
    results_template_name = "library/admin/review_report_results.html"
    index_url_name = "library_review_report"
    index_results_url_name = "library_review_report_results"
    list_export = ["title", "review_by", "last_reviewed", "content_owner", "status_string"]
    export_headings = {
        "title": _("Title"),
        "review_by": _("Review by"),
        "last_reviewed": _("Last reviewed"),
        "content_owner": _("Owner"),
        "status_string": _("Status"),
    }
    permission_required = "change"

    def get_filename(self):
        return f"content-due-for-review-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        horizon = timezone.localdate() + datetime.timedelta(days=REVIEW_WARNING_DAYS)
        editable = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        self.queryset = (
            LibraryPage.objects.filter(pk__in=editable.values("pk"))
            .due_for_review(on_or_before=horizon)
            .select_related("content_owner")
            .order_by("review_by", "title")
        )
        return super().get_queryset()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["today"] = timezone.localdate()
        return context


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path(
            "reports/content-review/",
            ContentReviewReportView.as_view(),
            name="library_review_report",
        ),
        path(
            "reports/content-review/results/",
            ContentReviewReportView.as_view(results_only=True),
            name="library_review_report_results",
        ),
    ]


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        _("Content due for review"), reverse("library_review_report"), icon_name="date", order=50
    )


class TeamUseMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_partnership_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_team_use_menu_item():
    return TeamUseMenuItem(
        _("7-minute briefing records"),
        reverse("library:team_use_rollup"),
        icon_name="group",
        order=60,
    )


# --- Library taxonomy ---------------------------------------------------------------------


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class NeglectTypeViewSet(SnippetViewSet):
    model = NeglectType
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]


class AgeGroupViewSet(SnippetViewSet):
    model = AgeGroup
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]


class AudienceSectorViewSet(SnippetViewSet):
    model = AudienceSector
    icon = "group"
    list_display = ["code", "sort_order"]


class TaxonomyGroup(SnippetViewSetGroup):
    """Themes, neglect types, age groups and sectors, kept together in one admin menu."""

    menu_label = _("Library taxonomy")
    menu_icon = "tag"
    menu_order = 300
    items = (ThemeViewSet, NeglectTypeViewSet, AgeGroupViewSet, AudienceSectorViewSet)


register_snippet(TaxonomyGroup)


@hooks.register("register_nav_item")
def register_library_nav_item():
    return NavItem(_("Library"), "library:index", order=10)


@hooks.register("register_dashboard_panel")
def register_library_staff_panel():
    from .dashboard import library_staff_panel

    return DashboardPanel(library_staff_panel, order=60)
