"""Admin screens for partnership admins: agencies (users are managed in Wagtail's own screens,
customised in ``admin_views``)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from .admin_views import AssignRoleBulkAction, person_leave_view
from .models import Agency
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
