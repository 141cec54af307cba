"""Admin screens for trainers and venues (Snippets, grouped under "Trainers and venues" in
the menu), and the menu link to the quarterly no-show files."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Trainer, Venue
from .permissions import can_export_no_shows


class TrainerViewSet(SnippetViewSet):
    model = Trainer
    icon = "user"
    list_display = ["name", "organisation", "email", "user", "active"]
    list_filter = ["active"]
    search_fields = ["name", "organisation"]
    ordering = ["name"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    list_display = ["name", "capacity", "active"]
    list_filter = ["active"]
    search_fields = ["name", "address"]
    ordering = ["name"]


class PeoplePlacesGroup(SnippetViewSetGroup):
    """Who runs sessions and where, kept together in one admin menu."""

    menu_label = _("Trainers and venues")
    menu_icon = "group"
    menu_order = 251
    items = (TrainerViewSet, VenueViewSet)


class _NoShowsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_export_no_shows(request.user)


def register_people_places():
    register_snippet(PeoplePlacesGroup)

    @hooks.register("register_admin_menu_item")
    def no_shows_menu_item():
        return _NoShowsMenuItem(
            _("No-shows and charges"), reverse("courses:no_shows"), icon_name="download", order=252
        )
