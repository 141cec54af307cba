"""Self check-in: the trainer's code screen for a part of a session, and the page where
people with a place check in on their phone."""

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elearning.core import refusals
from elearning.core.forms import GovukFormMixin

from .. import permissions, services
from ..models import SessionPart
from ..models.parts import CHECK_IN_CODE_LENGTH
from .common import _MAX_ID, session_or_404


class CheckInForm(GovukFormMixin, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Check-in code"),
        help_text=gettext_lazy("The 6 letters and numbers on the trainer's screen."),
        max_length=20,
        error_messages={"required": gettext_lazy("Enter the check-in code.")},
    )
    part = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "govuk-input govuk-input--width-10 app-check-in-code",
            }
        )


def _part_or_404(part_id, session=None) -> SessionPart:
    if part_id is None or not 0 < part_id <= _MAX_ID:
        raise Http404
    parts = SessionPart.objects.select_related("session__course")
    if session is not None:
        parts = parts.filter(session=session)
    return get_object_or_404(parts, pk=part_id)


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    svg = image.to_string(encoding="unicode")
    # Our own markup, built from the part id and code only; sized by CSS, hidden from
    # screen readers because the code and link are given as text beside it.
    svg = svg.replace(
        "<svg ", '<svg class="app-check-in__qr" aria-hidden="true" focusable="false" ', 1
    )
    return mark_safe(svg)  # noqa: S308


@login_required
def check_in_screen(request, session_id, part_id):
    """What the trainer puts on the projector: the code, the link and the QR code."""
    session = session_or_404(session_id)
    if not permissions.can_mark_register(request.user, session):
        raise PermissionDenied
    part = _part_or_404(part_id, session)
    if request.method == "POST":
        try:
            services.check_in_code(part=part, by=request.user, rotate=True)
        except services.CourseRefusal as error:
            refusals.show(request, error)
        else:
            messages.success(
                request, _("There is a new check-in code. The old one no longer works.")
            )
        return redirect("courses:check_in_screen", session_id=session.pk, part_id=part.pk)
    code = refusal = None
    try:
        code = services.check_in_code(part=part, by=request.user)
    except services.CourseRefusal as error:
        refusal = " ".join(error.messages)
    context = {"session": session, "part": part, "code": code, "refusal": refusal}
    if code:
        entry = request.build_absolute_uri(reverse("courses:check_in"))
        link = f"{entry}?{urlencode({'part': part.pk, 'code': code})}"
        context.update(entry_url=entry, link=link, qr=_qr_svg(link))
    return render(request, "courses/check_in_screen.html", context)


@login_required
def check_in(request):
    """An attendee checks in for the part under way, always as themselves."""
    part = None
    source = request.POST if request.method == "POST" else request.GET
    raw_part = source.get("part") or None
    if raw_part is not None:
        try:
            part = _part_or_404(int(raw_part))
        except ValueError as error:
            raise Http404 from error
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            try:
                record, created = services.check_in(
                    user=request.user, code=form.cleaned_data["code"], part=part
                )
            except services.CourseRefusal as error:
                form.add_error("code", error)
            else:
                if created:
                    messages.success(
                        request,
                        _("You are checked in for %(part)s. The trainer will confirm the register.")
                        % {"part": record.part},
                    )
                else:
                    messages.info(
                        request,
                        _("You are already checked in for %(part)s.") % {"part": record.part},
                    )
                return redirect("courses:session_detail", session_id=record.part.session_id)
    else:
        code = (request.GET.get("code") or "")[: CHECK_IN_CODE_LENGTH * 2]
        form = CheckInForm(initial={"code": code, "part": part.pk if part else None})
    return render(request, "courses/check_in.html", {"form": form, "part": part})
