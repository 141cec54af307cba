import pytest
from django.urls import reverse
from wagtail import hooks

from elearning.core.registry import DashboardPanel, NavItem

pytestmark = pytest.mark.django_db


def test_registered_dashboard_panel_is_rendered(login, practitioner):
    def panel(request):
        return {"template": "tests/panel.html", "heading": f"Panel for {request.user.email}"}

    def register_panel():
        return DashboardPanel(panel)

    # Registering twice shows it once.
    with hooks.register_temporarily(
        [("register_dashboard_panel", register_panel), ("register_dashboard_panel", register_panel)]
    ):
        html = login(practitioner).get(reverse("dashboard")).content.decode()
    assert html.count(f"Panel for {practitioner.email}") == 1


def test_nav_items_follow_visibility(login, practitioner, client):
    def register_item():
        return NavItem("Only signed in", "dashboard", visible=lambda u: u.is_authenticated)

    with hooks.register_temporarily("register_nav_item", register_item):
        assert "Only signed in" in login(practitioner).get("/").content.decode()
        assert "Only signed in" not in client.get("/").content.decode()
