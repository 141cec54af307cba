"""The supervision section of the partnership reports: aggregates only.

Nothing here reads record content, wellbeing or case references: only dates, statuses, themes,
rule numbers and counts. Whoever sees partnership reports (``can_view_partnership_reports``)
sees the whole partnership; a supervisor sees the same figures for their own supervisees.
"""

from django.db.models import Count, DateField, F, Func, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from elearning.reports.charts import bar_chart
from elearning.reports.permissions import can_view_partnership_reports
from elearning.reports.sections import Section, SectionResult, Table, register_section
from elearning.reports.suppression import suppress_rows

from .flags import RULES
from .models import Agreement, Escalation, Flag, Record, RecordStatus, ReflectiveEntry, Theme


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


def _percent(part: int | None, whole: int | None) -> int | None:
    if part is None or not whole:
        return None
    return round(100 * part / whole)


class SupervisionSection(Section):
    """How supervision is going: frequency, signing, themes, flags and escalations."""

    slug = "supervision"
    title = _("Reflective supervision")
    summary = _(
        "Aggregates only: never the content of supervision or the names of cases. Figures by "
        "agency are hidden where fewer than 5 supervisees are counted."
    )
    team_view = True

    def _scope(self, user, filters) -> dict:
        """Who is counted: the filtered partnership, or a supervisor's own supervisees."""
        scope = filters.people_filter("supervisee__")
        if not can_view_partnership_reports(user):
            scope["supervisor"] = user
        return scope

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
        agency_rows = suppress_rows(
            [
                {
                    "agency": r["supervisee__agency__name"] or _("No agency"),
                    "supervisees": r["supervisees"],
                    "seen": r["seen"],
                    "percent": _percent(r["seen"], r["supervisees"]),
                }
                for r in by_agency
            ],
            "supervisees",
            ("seen", "percent"),
        )

        records = Record.objects.filter(held_on__gte=filters.start, held_on__lte=end, **scope)
        signing = records.annotate(locked_date=TruncDate("locked_at")).aggregate(
            held=Count("pk"),
            signed_in_week=Count(
                "pk",
                filter=Q(status=RecordStatus.LOCKED, locked_date__lte=AddDays(F("held_on"), 7)),
            ),
        )

        theme_labels = dict(Theme.choices)
        themes = dict(
            ReflectiveEntry.objects.filter(record__in=records)
            .values("theme")
            .annotate(n=Count("record", distinct=True))
            .values_list("theme", "n")
        )
        theme_rows = [
            {"theme": theme_labels[key], "records": themes.get(key, 0)} for key in Theme.values
        ]

        flag_scope = {k.replace("supervisor", "agreement__supervisor"): v for k, v in scope.items()}
        flags = {
            row["rule"]: row
            for row in Flag.objects.filter(
                raised_at__gte=filters.start_dt, raised_at__lt=filters.end_dt, **flag_scope
            )
            .values("rule")
            .annotate(raised=Count("pk"), responded=Count("pk", filter=~Q(response="")))
        }
        flag_rows = [
            {
                "rule": f"{number}. {rule.title}",
                "raised": flags.get(number, {}).get("raised", 0),
                "responded": flags.get(number, {}).get("responded", 0),
            }
            for number, rule in RULES.items()
        ]
        escalation_scope = {f"discussion__record__{k}": v for k, v in scope.items()}
        open_escalations = Escalation.objects.filter(outcome="", **escalation_scope).count()

        return SectionResult(
            figures=[
                (_("Supervisees with a current agreement"), total),
                (
                    _("Seen within their agreed frequency"),
                    f"{_percent(seen_total, total)}%" if total else "–",
                ),
                (_("Records held in the period"), signing["held"]),
                (
                    _("Signed within 7 days"),
                    f"{_percent(signing['signed_in_week'], signing['held'])}%"
                    if signing["held"]
                    else "–",
                ),
                (_("Flags raised"), sum(r["raised"] for r in flag_rows)),
                (_("Flags responded to"), sum(r["responded"] for r in flag_rows)),
                (_("Open escalations"), open_escalations),
            ],
            charts=[
                bar_chart(
                    id="supervision-themes",
                    title=str(_("Themes discussed")),
                    caption=str(_("Records in the period with a reflection on each theme.")),
                    data=[(str(r["theme"]), r["records"]) for r in theme_rows],
                ),
                bar_chart(
                    id="supervision-flags",
                    title=str(_("Flags raised by rule")),
                    caption=str(_("Flags raised in the period, by the rule that raised them.")),
                    data=[(r["rule"], r["raised"]) for r in flag_rows],
                ),
            ],
            tables=[
                Table(
                    id="frequency-by-agency",
                    title=str(_("Seen within the agreed frequency, by agency")),
                    columns=[
                        ("agency", _("Agency")),
                        ("supervisees", _("Supervisees")),
                        ("seen", _("Seen within frequency")),
                        ("percent", _("Per cent")),
                    ],
                    rows=agency_rows,
                ),
                Table(
                    id="themes",
                    title=str(_("Themes discussed")),
                    columns=[("theme", _("Theme")), ("records", _("Records"))],
                    rows=theme_rows,
                ),
                Table(
                    id="flags",
                    title=str(_("Flags by rule")),
                    columns=[
                        ("rule", _("Rule")),
                        ("raised", _("Raised")),
                        ("responded", _("Responded to")),
                    ],
                    rows=flag_rows,
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


register_section(SupervisionSection())
