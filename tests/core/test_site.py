import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_checks_database_and_answers_ok(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_home_page_has_skip_link_navigation_search_and_footer(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    assert 'role="search"' in html and 'action="/search/"' in html
    assert "govuk-service-navigation" in html
    assert "govuk-footer" in html
    # Brand-neutral: no crown logo and no GDS Transport typeface.
    assert "govuk-logo" not in html and "crown" not in html.lower()


def test_stylesheet_does_not_use_gds_transport_font():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "elearning/static/css/main.css").read_text()
    assert "GDS Transport" not in css
    assert "govuk-service-navigation" in css


def test_footer_links_to_accessibility_and_privacy_pages(client):
    from seeding.library.demo import seed_demo

    seed_demo()
    html = client.get("/").content.decode()
    assert "Accessibility statement" in html
    assert "Privacy notice" in html
    assert client.get("/accessibility/").status_code == 200
    assert client.get("/privacy/").status_code == 200


def test_unknown_page_gives_the_sites_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-template" in response.content.decode()


def test_server_error_page_renders_without_context():
    from django.test import RequestFactory

    from elearning.core.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_security_headers_on_pages(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp


def _page_with_a_nonce(request):
    from django.http import HttpResponse
    from django.template import RequestContext, Template

    template = Template('<script nonce="{{ CSP_NONCE }}">document.title = "x";</script>')
    return HttpResponse(template.render(RequestContext(request)))


def _through_the_policy(view):
    from django.test import RequestFactory

    from elearning.core.middleware import ContentSecurityPolicyMiddleware

    return ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/somewhere/"))


def test_a_page_that_uses_the_nonce_carries_the_one_in_its_policy():
    response = _through_the_policy(_page_with_a_nonce)
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'nonce="{nonce}"' in response.content.decode()


def test_each_response_gets_a_new_nonce():
    first = _through_the_policy(_page_with_a_nonce)["Content-Security-Policy"]
    second = _through_the_policy(_page_with_a_nonce)["Content-Security-Policy"]
    assert re.search(r"nonce-[^']+", first).group(0) != re.search(r"nonce-[^']+", second).group(0)


def test_the_home_page_has_no_inline_style(client):
    # Its one inline script is allowed by its hash (tests/security/test_csp_hashes.py).
    assert "style=" not in client.get("/").content.decode()


def test_email_is_sent_through_a_task(mailoutbox):
    from elearning.core.emails import email_send

    email_send(subject="Hello", body="Body text", to=["someone@example.org"])
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Hello"
    assert mailoutbox[0].to == ["someone@example.org"]


# The worker closes its database connection when it stops, so it cannot share the test's
# transaction (PostgreSQL notices).
@pytest.mark.django_db(transaction=True)
def test_queued_email_waits_for_the_worker_then_is_sent(mailoutbox):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from elearning.core.tasks import send_email

    send_email.using(backend="database").enqueue(
        subject="Queued", body="Body", to=["a@example.org"], from_email="x@example.org"
    )
    assert mailoutbox == []
    assert DBTaskResult.objects.get().task_path == "elearning.core.tasks.send_email"

    call_command("db_worker", "--batch", "--backend", "database", "--no-startup-delay")

    assert [m.subject for m in mailoutbox] == ["Queued"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_dashboard_requires_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
