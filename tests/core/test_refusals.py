"""The one refusal every service raises, and how a view that does not catch it still shows it."""

import pytest
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import include, path

from courses.services import CourseRefusal
from elearning.accounts.services import AccountRefusal
from elearning.core.refusals import Refusal, RefusalMiddleware
from elearning.core.work import WorkRefusal
from supervision.services import StaleRecord, SupervisionError
from toolkit.services import ToolkitRefusal


@pytest.mark.parametrize(
    "kind", [CourseRefusal, AccountRefusal, WorkRefusal, SupervisionError, ToolkitRefusal]
)
def test_every_app_refuses_with_the_one_base(kind):
    assert issubclass(kind, Refusal)
    assert str(kind("You cannot do that.")) == "You cannot do that."


def test_a_stale_record_is_a_refusal_too():
    assert issubclass(StaleRecord, Refusal)


def test_several_messages_read_as_one_sentence_each():
    assert str(Refusal(["First.", "Second."])) == "First. Second."


def _refusing_view(request):
    raise CourseRefusal("That session is full.")


# The site's own addresses stay, so the 400 page can draw its menus.
urlpatterns = [path("refuse/", _refusing_view), path("", include("elearning.urls"))]


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_an_uncaught_refusal_on_a_post_is_a_message_and_a_redirect_back(client):
    response = client.post("/refuse/", HTTP_REFERER="http://testserver/courses/")
    assert response.status_code == 302
    assert response["Location"] == "http://testserver/courses/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["That session is full."]


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_a_refusal_never_sends_a_post_back_to_another_site(client):
    response = client.post("/refuse/", HTTP_REFERER="https://elsewhere.example/")
    assert response.status_code == 302
    assert response["Location"] == "/refuse/"


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_an_uncaught_refusal_on_a_get_is_a_400_page_with_the_message(client):
    response = client.get("/refuse/")
    assert response.status_code == 400
    assert "That session is full." in response.content.decode()


def test_other_exceptions_pass_through():
    middleware = RefusalMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    assert middleware.process_exception(request, ValueError("no")) is None
