"""The filters every report shares: a date range and, optionally, one agency or one sector,
and one course for the course drill-down."""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from elearning.accounts.models import Agency, Sector
from elearning.core.forms import DateField, GovukFormMixin

MAX_RANGE_DAYS = 366 * 5
# Reports cover 2000-01-01 to a year from today. Nothing here is older, and dates far off
# (9999-12-31) would overflow the date arithmetic the sections do.
EARLIEST_DATE = datetime.date(2000, 1, 1)


@dataclass(frozen=True)
class ReportFilters:
    start: datetime.date
    end: datetime.date
    agency: Agency | None = None
    sector: str = ""
    # The course drill-down: sections that can be narrowed to one course are.
    course: object | None = None

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

    def course_filter(self, path: str = "course") -> dict:
        """Keyword filters restricting a queryset to the chosen course, if one is chosen."""
        return {path: self.course} if self.course is not None else {}

    def params(self) -> dict:
        params = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        if self.agency is not None:
            params["agency"] = self.agency.pk
        if self.sector:
            params["sector"] = self.sector
        if self.course is not None:
            params["course"] = self.course.pk
        return params

    def querystring(self, **changes) -> str:
        """The filters as a query string, with ``changes`` (None removes a filter)."""
        from django.utils.http import urlencode

        params = {**self.params(), **changes}
        return urlencode({key: value for key, value in params.items() if value is not None})

    def cache_key(self) -> str:
        return self.querystring()


def default_filters(today: datetime.date | None = None) -> ReportFilters:
    today = today or timezone.localdate()
    return ReportFilters(start=today - datetime.timedelta(days=365), end=today)


def latest_date(today: datetime.date | None = None) -> datetime.date:
    """The last day a report may run to: a year from today (planned sessions, review dates)."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


def _long(day: datetime.date) -> str:
    return date_format(day, "j F Y")


class ReportFilterForm(GovukFormMixin, forms.Form):
    """The report filters. Anything that cannot be used is refused field by field, with a
    message naming the field: dates outside ``EARLIEST_DATE`` to a year from today, a range
    the wrong way round or longer than five years, an agency or sector not on the list."""

    # Day, month and year boxes; links (drill-downs, bookmarks) carry ``start=YYYY-MM-DD``,
    # which is accepted too, and the filters are always written back that way.
    start = DateField(label=_("From"), required=False, subject=_("the ‘From’ date"), iso_param=True)
    end = DateField(label=_("To"), required=False, subject=_("the ‘To’ date"), iso_param=True)
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.all(),
        required=False,
        empty_label=_("All"),
        error_messages={"invalid_choice": _("Choose an agency from the list.")},
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("All"))] + list(Sector.choices),
        required=False,
        error_messages={"invalid_choice": _("Choose a sector from the list.")},
    )
    course = forms.ModelChoiceField(
        label=_("Course"),
        help_text=_("Training figures for one course; other sections are left out."),
        queryset=CoursePage.objects.order_by("title").only("id", "title"),
        # Looked up by the page's own id column, whose lookups refuse out-of-range numbers
        # (the primary key of a page type is a link to its page, which does not).
        to_field_name="id",
        required=False,
        empty_label=_("All"),
        error_messages={"invalid_choice": _("Choose a course from the list.")},
    )

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.latest = latest_date(self.today)
        allowed = _("Between %(earliest)s and %(latest)s. For example, %(example)s.") % {
            "earliest": _long(EARLIEST_DATE),
            "latest": _long(self.latest),
            "example": f"{self.today.day} {self.today.month} {self.today.year}",
        }
        for name in ("start", "end"):
            self.fields[name].help_text = allowed

    def _clean_date(self, name: str, label: str):
        day = self.cleaned_data.get(name)
        if day is not None and not EARLIEST_DATE <= day <= self.latest:
            raise forms.ValidationError(
                _("The ‘%(label)s’ date must be between %(earliest)s and %(latest)s."),
                params={
                    "label": label,
                    "earliest": _long(EARLIEST_DATE),
                    "latest": _long(self.latest),
                },
            )
        return day

    def clean_start(self):
        return self._clean_date("start", _("From"))

    def clean_end(self):
        return self._clean_date("end", _("To"))

    def clean(self):
        data = super().clean()
        if not self.errors.keys() & {"start", "end"}:
            self._check_range(data.get("start"), data.get("end"))
        if data.get("agency") and data.get("sector"):
            self.add_error("sector", _("Choose an agency or a sector, not both."))
        return data

    def _check_range(self, start, end):
        defaults = default_filters(self.today)
        if start and end and start > end:
            self.add_error("end", _("The ‘To’ date must be the same as or after the ‘From’ date."))
            return
        if start and not end and start > defaults.end:
            self.add_error(
                "start",
                _("The ‘From’ date must be today or earlier, unless you also give a ‘To’ date."),
            )
            return
        if end and not start and end < defaults.start:
            self.add_error(
                "end",
                _(
                    "The ‘To’ date must be on or after %(start)s, unless you also give a "
                    "‘From’ date."
                )
                % {"start": _long(defaults.start)},
            )
            return
        if ((end or defaults.end) - (start or defaults.start)).days > MAX_RANGE_DAYS:
            self.add_error("start" if start else "end", _("Choose a range of five years or less."))

    def filters(self) -> ReportFilters:
        """The filters to use: the valid choices, or the defaults where they are not valid."""
        defaults = default_filters(self.today)
        if not self.is_valid():
            return defaults
        data = self.cleaned_data
        return ReportFilters(
            start=data.get("start") or defaults.start,
            end=data.get("end") or defaults.end,
            agency=data.get("agency"),
            sector=data.get("sector") or "",
            course=data.get("course"),
        )
