"""The one way a service says no, and the one place a view turns that into words on the page.

Every app's services refuse by raising a subclass of :class:`Refusal` (``CourseRefusal``,
``SupervisionError``, ``ToolkitRefusal``, ``AccountRefusal`` ...) whose message is written for the
person who asked. A refusal leaves stored data unchanged: services raise it before they write, or
inside ``transaction.atomic`` so the write is rolled back.

Views then do one of two things, both defined here:

- :func:`show` puts the message at the top of the next page (Django's messages), for one-button
  actions that redirect;
- :func:`on_form` puts it on a form as a non-field error, for forms that are shown again with the
  person's input kept.

A refusal that no view catches is still shown, never turned into a server error:
:class:`RefusalMiddleware` shows it as a message and sends a POST back to the page it came from,
and answers any other method with a 400 page carrying the message.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


class Refusal(ValidationError):
    """A request a service refuses; ``str()`` is the message to show the person."""

    def __str__(self) -> str:
        return " ".join(str(message) for message in self.messages)


def show(request, refusal: Refusal) -> None:
    """Show ``refusal`` as an error message on the next page."""
    messages.error(request, str(refusal))


def on_form(form, refusal: Refusal) -> None:
    """Show ``refusal`` on ``form`` as an error about the form as a whole."""
    form.add_error(None, str(refusal))


class RefusalMiddleware:
    """Shows a refusal that reached no view's ``except``: a message and a redirect back for a
    POST (its address is this site's own), a 400 page otherwise. Nothing was written: the service
    refused before writing, or its transaction was rolled back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Refusal):
            return None
        if request.method == "POST":
            show(request, exception)
            back = request.get_full_path()
            referer = request.META.get("HTTP_REFERER", "")
            if referer and url_has_allowed_host_and_scheme(
                referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                back = referer
            return HttpResponseRedirect(back)
        return render(request, "core/refused.html", {"message": str(exception)}, status=400)
