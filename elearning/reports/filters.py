"""The filters every report shares: a date range and, optionally, one agency or one sector."""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearning.accounts.models import Agency, Sector

MAX_RANGE_DAYS = 366 * 5


@dataclass(frozen=True)
class ReportFilters:
    start: datetime.date
    end: datetime.date
    agency: Agency | None = None
    sector: str = ""

    @property
    def start_dt(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    @property
    def end_dt(self) -> datetime.datetime:
        """Exclusive upper bound: midnight after the last day."""
        return timezone.make_aware(
            datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min)
        )

    @property
    def sector_label(self) -> str:
        return str(dict(Sector.choices).get(self.sector, ""))

    def people_filter(self, prefix: str = "") -> dict:
        """Keyword filters restricting a queryset to people of the chosen agency or sector."""
        if self.agency is not None:
            return {f"{prefix}agency": self.agency}
        if self.sector:
            return {f"{prefix}agency__sector": self.sector}
        return {}

    def querystring(self) -> str:
        from django.utils.http import urlencode

        params = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        if self.agency is not None:
            params["agency"] = self.agency.pk
        if self.sector:
            params["sector"] = self.sector
        return urlencode(params)


def default_filters(today: datetime.date | None = None) -> ReportFilters:
    today = today or timezone.localdate()
    return ReportFilters(start=today - datetime.timedelta(days=365), end=today)


class ReportFilterForm(forms.Form):
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(
            attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}
        ),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(
            attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}
        ),
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.all(), required=False, empty_label=_("All")
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("All"))] + list(Sector.choices), required=False
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                raise forms.ValidationError(_("The start date must be on or before the end date."))
            if (end - start).days > MAX_RANGE_DAYS:
                raise forms.ValidationError(_("Choose a range of five years or less."))
        if data.get("agency") and data.get("sector"):
            raise forms.ValidationError(_("Choose an agency or a sector, not both."))
        return data

    def filters(self) -> ReportFilters:
        """The filters to use: the valid choices, or the defaults where they are not valid."""
        defaults = default_filters()
        if not self.is_valid():
            return defaults
        data = self.cleaned_data
        return ReportFilters(
            start=data.get("start") or defaults.start,
            end=data.get("end") or defaults.end,
            agency=data.get("agency"),
            sector=data.get("sector") or "",
        )
