"""The quarterly file of no-shows and charges for one agency, for partnership staff."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elearning.accounts.models import Agency
from elearning.core.exports import csv_response
from elearning.core.forms import GovukFormMixin

from .. import permissions
from ..services import no_shows

_MAX_ID = 2**63 - 1


class NoShowFileForm(GovukFormMixin, forms.Form):
    quarter = forms.ChoiceField(
        label=gettext_lazy("Quarter"),
        help_text=gettext_lazy("Sessions that started in these three months."),
        error_messages={
            "required": gettext_lazy("Choose a quarter."),
            "invalid_choice": gettext_lazy("Choose a quarter from the list."),
        },
    )
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Agency"),
        queryset=Agency.objects.order_by("name"),
        help_text=gettext_lazy("The agency people were with when they booked."),
        error_messages={
            "required": gettext_lazy("Choose an agency."),
            "invalid_choice": gettext_lazy("Choose an agency from the list."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.quarters = {q.slug: q for q in no_shows.recent_quarters()}
        self.fields["quarter"].choices = [(slug, q.label) for slug, q in self.quarters.items()]


def _refuse_unless_allowed(request):
    if not permissions.can_export_no_shows(request.user):
        raise Http404


@login_required
def no_show_files(request):
    """Choose a quarter and an agency, then download the file."""
    _refuse_unless_allowed(request)
    form = NoShowFileForm(request.GET or None)
    if form.is_valid():
        quarter = form.quarters[form.cleaned_data["quarter"]]
        return redirect(
            "courses:no_shows_csv",
            year=quarter.year,
            quarter=quarter.number,
            agency_id=form.cleaned_data["agency"].pk,
        )
    return render(
        request,
        "courses/no_shows.html",
        {"form": form, "charge": no_shows.current_charge()},
    )


def _not_found(request, message: str):
    return render(
        request,
        "courses/no_shows.html",
        {"form": NoShowFileForm(), "not_found": message, "charge": no_shows.current_charge()},
        status=404,
    )


@login_required
def no_shows_csv(request, year: int, quarter: int, agency_id: int):
    _refuse_unless_allowed(request)
    chosen = no_shows.quarter_or_none(year, quarter)
    if chosen is None:
        return _not_found(
            request, _("There is no quarter %(year)s Q%(q)s.") % {"year": year, "q": quarter}
        )
    agency = Agency.objects.filter(pk=agency_id).first() if 0 < agency_id <= _MAX_ID else None
    if agency is None:
        return _not_found(request, _("There is no such agency. Choose one from the list."))
    header, rows = no_shows.quarter_csv_rows(agency=agency, quarter=chosen)
    return csv_response(f"no-shows-{chosen.slug}-{agency.name}.csv", header, rows)
