"""Admin screens: partnership staff add and edit training sessions in the publishing admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import TrainingSession


class TrainingSessionViewSet(ModelViewSet):
    model = TrainingSession
    icon = "date"
    menu_label = _("Training sessions")
    menu_order = 250
    add_to_admin_menu = True
    form_fields = [
        "course",
        "starts_at",
        "ends_at",
        "venue",
        "joining_details",
        "capacity",
        "booking_deadline",
        "cancellation_cutoff",
        "trainer",
    ]
    list_display = ["__str__", "capacity", "booking_deadline", "trainer"]
    list_filter = ["course"]
    ordering = ["-starts_at"]


@hooks.register("register_admin_viewset")
def register_training_sessions():
    return TrainingSessionViewSet("training_sessions")
