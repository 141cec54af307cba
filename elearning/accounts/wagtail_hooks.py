"""Admin screens for partnership admins: agencies (users are managed in Wagtail's own screens,
customised in ``admin_views``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import AssignRoleBulkAction
from .models import Agency


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
