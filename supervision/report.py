"""The supervision section of the partnership reports: aggregates only.

Nothing here reads record content, wellbeing or case references: only dates, statuses, themes,
rule numbers and counts. Whoever sees partnership reports (``can_view_partnership_reports``)
sees the whole partnership; a supervisor sees the same figures for their own supervisees.
"""

from django.db.models import Count, DateField, F, Func, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from elearning.reports.disclosure import Kind
from elearning.reports.permissions import can_view_partnership_reports
from elearning.reports.sections import Section, SectionResult, Table
from elearning.reports.sections.base import Figure, bar_chart, count, label, percent, share

from .flags import RULES
from .models import (
    Agreement,
    Escalation,
    Flag,
    Record,
    RecordStatus,
    ReflectionTheme,
    ReflectiveEntry,
)


class AddDays(Func):
    """``date + n days`` where ``n`` may be a column, on SQLite and PostgreSQL alike."""

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra_context):
        date_sql, date_params = compiler.compile(self.source_expressions[0])
        days_sql, days_params = compiler.compile(self.source_expressions[1])
        return f"date({date_sql}, '+' || ({days_sql}) || ' days')", [*date_params, *days_params]

    def as_postgresql(self, compiler, connection, **extra_context):
        date_sql, date_params = compiler.compile(self.source_expressions[0])
        days_sql, days_params = compiler.compile(self.source_expressions[1])
        return f"(({date_sql}) + ({days_sql}) * INTERVAL '1 day')::date", [
            *date_params,
            *days_params,
        ]


class SupervisionSection(Section):
    """How supervision is going: frequency, signing, themes, flags and escalations."""

    slug = "supervision"
    order = 90
    title = _("Reflective supervision")
    summary = _(
        "Aggregates only: never the content of supervision, the names of cases or of supervisees."
    )
    team_view = True

    def _scope(self, user, filters) -> dict:
        """Who is counted: the filtered partnership, or a supervisor's own supervisees."""
        scope = filters.people_filter("supervisee__")
        if not can_view_partnership_reports(user):
            scope["supervisor"] = user
        return scope

    def population(self, filters, user) -> int | None:
        """A supervisor's team view is narrowed to the people who accepted them as their
        supervisor (a proposal nobody accepted counts for nothing), within the chosen agency or
        sector."""
        if can_view_partnership_reports(user):
            return super().population(filters, user)
        return (
            Agreement.objects.filter(
                supervisor=user,
                accepted_at__isnull=False,
                **filters.people_filter("supervisee__"),
            )
            .values("supervisee")
            .distinct()
            .count()
        )

    def compute(self, filters, user) -> SectionResult:
        scope = self._scope(user, filters)
        end = filters.end
        last_held = Subquery(
            Record.objects.filter(agreement_id=OuterRef("pk"), held_on__lte=end)
            .order_by("-held_on")
            .values("held_on")[:1]
        )
        agreements = (
            Agreement.objects.filter(
                starts_on__lte=end, accepted_at__isnull=False, declined_at__isnull=True, **scope
            )
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=end))
            .exclude(ended_at__date__lte=end)
            .annotate(due=AddDays(last_held, F("frequency_days")))
        )
        seen = Q(due__gte=end)
        by_agency = list(
            agreements.values("supervisee__agency__name")
            .annotate(
                supervisees=Count("supervisee", distinct=True),
                seen=Count("supervisee", distinct=True, filter=seen),
            )
            .order_by("supervisee__agency__name")
        )
        total = sum(r["supervisees"] for r in by_agency)
        seen_total = sum(r["seen"] for r in by_agency)
        agency_rows = [
            {
                "agency": r["supervisee__agency__name"] or _("No agency"),
                "supervisees": r["supervisees"],
                "seen": r["seen"],
                "percent": percent(r["seen"], r["supervisees"]),
            }
            for r in by_agency
        ]

        records = Record.objects.filter(held_on__gte=filters.start, held_on__lte=end, **scope)
        signing = records.annotate(locked_date=TruncDate("locked_at")).aggregate(
            held=Count("pk"),
            people=Count("supervisee", distinct=True),
            signed_in_week=Count(
                "pk",
                filter=Q(status=RecordStatus.LOCKED, locked_date__lte=AddDays(F("held_on"), 7)),
            ),
        )

        theme_labels = dict(ReflectionTheme.choices)
        themes = {
            row["theme"]: row
            for row in ReflectiveEntry.objects.filter(record__in=records)
            .values("theme")
            .annotate(
                records=Count("record", distinct=True),
                people=Count("record__supervisee", distinct=True),
            )
        }
        theme_rows = [
            {
                "theme": theme_labels[key],
                "records": themes.get(key, {}).get("records", 0),
                "people": themes.get(key, {}).get("people", 0),
            }
            for key in ReflectionTheme.values
        ]

        flag_scope = {k.replace("supervisor", "agreement__supervisor"): v for k, v in scope.items()}
        flags = {
            row["rule"]: row
            for row in Flag.objects.filter(
                raised_at__gte=filters.start_dt, raised_at__lt=filters.end_dt, **flag_scope
            )
            .values("rule")
            .annotate(
                raised=Count("pk"),
                responded=Count("pk", filter=~Q(response="")),
                people=Count("agreement__supervisee", distinct=True),
            )
        }
        flag_rows = [
            {
                "rule": f"{number}. {rule.title}",
                "raised": flags.get(number, {}).get("raised", 0),
                "responded": flags.get(number, {}).get("responded", 0),
                "people": flags.get(number, {}).get("people", 0),
            }
            for number, rule in RULES.items()
        ]
        flagged = Flag.objects.filter(
            raised_at__gte=filters.start_dt, raised_at__lt=filters.end_dt, **flag_scope
        ).aggregate(people=Count("agreement__supervisee", distinct=True))["people"]
        escalation_scope = {f"discussion__record__{k}": v for k, v in scope.items()}
        escalations = Escalation.objects.filter(outcome="", **escalation_scope).aggregate(
            open=Count("pk"), people=Count("discussion__record__supervisee", distinct=True)
        )

        return SectionResult(
            figures=[
                Figure(_("Supervisees with a current agreement"), total, Kind.COUNT),
                Figure(
                    _("Seen within their agreed frequency"),
                    percent(seen_total, total),
                    Kind.PERCENT,
                    people=total,
                ),
                Figure(
                    _("Records held in the period"),
                    signing["held"],
                    Kind.COUNT,
                    people=signing["people"],
                ),
                Figure(
                    _("Signed within 7 days"),
                    percent(signing["signed_in_week"], signing["held"]),
                    Kind.PERCENT,
                    people=signing["people"],
                ),
                Figure(
                    _("Flags raised"),
                    sum(r["raised"] for r in flag_rows),
                    Kind.COUNT,
                    people=flagged,
                ),
                Figure(
                    _("Flags responded to"),
                    sum(r["responded"] for r in flag_rows),
                    Kind.COUNT,
                    people=flagged,
                ),
                Figure(
                    _("Open escalations"),
                    escalations["open"],
                    Kind.COUNT,
                    people=escalations["people"],
                ),
            ],
            tables=[
                Table(
                    id="frequency-by-agency",
                    title=str(_("Seen within the agreed frequency, by agency")),
                    columns=[
                        label("agency", _("Agency")),
                        count("supervisees", _("Supervisees")),
                        count("seen", _("Seen within frequency"), people="supervisees"),
                        share("percent", _("Per cent"), people="supervisees"),
                    ],
                    rows=agency_rows,
                ),
                Table(
                    id="themes",
                    title=str(_("Themes discussed")),
                    columns=[
                        label("theme", _("Theme")),
                        count("records", _("Records"), people="people"),
                    ],
                    rows=theme_rows,
                    chart=bar_chart(
                        _("Themes discussed"),
                        _("Records in the period with a reflection on each theme."),
                        "theme",
                        "records",
                    ),
                ),
                Table(
                    id="flags",
                    title=str(_("Flags by rule")),
                    columns=[
                        label("rule", _("Rule")),
                        count("raised", _("Raised"), people="people"),
                        count("responded", _("Responded to"), people="people"),
                    ],
                    rows=flag_rows,
                    chart=bar_chart(
                        _("Flags raised by rule"),
                        _("Flags raised in the period, by the rule that raised them."),
                        "rule",
                        "raised",
                    ),
                ),
            ],
            notes=[
                str(
                    _(
                        "Seen within frequency: the most recent supervision on or before %(end)s "
                        "was no longer ago than the agreement allows."
                    )
                    % {"end": end}
                ),
            ],
        )


section = SupervisionSection()
