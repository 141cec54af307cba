import pytest
from django.urls import reverse

from elearning.core import registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(registry, "_dashboard_panels", [])
    monkeypatch.setattr(registry, "_nav_items", [])


def test_registered_dashboard_panel_is_rendered(clean_registry, login, practitioner):
    def panel(request):
        return {"template": "tests/panel.html", "heading": f"Panel for {request.user.email}"}

    registry.register_dashboard_panel(panel)
    registry.register_dashboard_panel(panel)  # registering twice shows it once
    html = login(practitioner).get(reverse("dashboard")).content.decode()
    assert html.count(f"Panel for {practitioner.email}") == 1


def test_nav_items_follow_visibility(clean_registry, login, practitioner, client):
    registry.register_nav_item("Only signed in", "dashboard", visible=lambda u: u.is_authenticated)
    assert "Only signed in" in login(practitioner).get("/").content.decode()
    assert "Only signed in" not in client.get("/").content.decode()
