"""The ten drift rules. Each is a small function that looks at signed discussions of one case
(oldest first) or at one agreement's records and returns a ``Finding`` or None.

A finding prompts a conversation, never a decision. Its ``key`` names the evidence the rule
saw, so the same evidence never raises the same flag twice. Thresholds come from
``SupervisionSettings``; evidence is written from dates and choices, never from free text.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import NOT_CHANGING, ActionStatus, ChangeCheck


@dataclass(frozen=True)
class Finding:
    evidence: str
    key: str


@dataclass(frozen=True)
class Rule:
    number: int
    title: str
    check: Callable
    per_case: bool = True
    # Rules about time passing run in the daily task only, not after each signature.
    daily_only: bool = False


def _day(d: datetime.date) -> str:
    return date_format(d, "j M Y")


def _dates(discussions) -> str:
    return ", ".join(_day(d.record.held_on) for d in discussions)


def _last_run(discussions, n: int, predicate):
    """The last ``n`` discussions if every one matches ``predicate``."""
    if len(discussions) < n:
        return None
    run = discussions[-n:]
    return run if all(predicate(d) for d in run) else None


def rule_not_changing(discussions, settings, today, actions=()) -> Finding | None:
    """1. The change check 'no' or 'unclear' in consecutive discussions."""
    run = _last_run(
        discussions, settings.not_changing_run, lambda d: d.change_check in NOT_CHANGING
    )
    if not run:
        return None
    return Finding(
        _("The change check was 'no' or 'unclear' in %(n)d discussions in a row: %(dates)s.")
        % {"n": len(run), "dates": _dates(run)},
        f"d{run[-1].pk}",
    )


def rule_carried_forward(discussions, settings, today, actions=()) -> Finding | None:
    """2. The same action carried forward repeatedly."""
    carried = [
        a
        for a in actions
        if a.times_carried >= settings.carried_forward and a.status != ActionStatus.DONE
    ]
    if not carried:
        return None
    action = max(carried, key=lambda a: a.times_carried)
    return Finding(
        _("An action has been carried forward %(n)d times and is still %(status)s.")
        % {"n": action.times_carried, "status": action.get_status_display().lower()},
        f"a{action.pk}",
    )


def rule_child_not_seen(discussions, settings, today, actions=()) -> Finding | None:
    """3. The child not seen alone, or their voice not recorded, in consecutive discussions."""
    run = _last_run(
        discussions,
        settings.not_seen_alone_run,
        lambda d: not (d.child_seen_alone and d.voice_recorded),
    )
    if not run:
        return None
    return Finding(
        _(
            "The child was not seen alone or their voice not recorded in %(n)d discussions in a "
            "row: %(dates)s."
        )
        % {"n": len(run), "dates": _dates(run)},
        f"d{run[-1].pk}",
    )


def rule_adults_unknown(discussions, settings, today, actions=()) -> Finding | None:
    """4. Adults in the household, including men, not known or assessed."""
    run = _last_run(discussions, settings.adults_unknown_run, lambda d: not d.adults_known)
    if not run:
        return None
    return Finding(
        _(
            "Not all adults in the household (including men) were known and assessed in %(n)d "
            "discussions in a row: %(dates)s."
        )
        % {"n": len(run), "dates": _dates(run)},
        f"d{run[-1].pk}",
    )


def rule_chronology_stale(discussions, settings, today, actions=()) -> Finding | None:
    """5. The chronology not reviewed for longer than allowed."""
    if not discussions or discussions[-1].case.closed:
        return None
    latest = discussions[-1]
    reviewed = max(
        (d.chronology_reviewed_on for d in discussions if d.chronology_reviewed_on), default=None
    )
    limit = datetime.timedelta(weeks=settings.chronology_weeks)
    if reviewed is not None and today - reviewed <= limit:
        return None
    if reviewed is None:
        # A new case gets the allowed time from its first discussion.
        if today - discussions[0].record.held_on <= limit:
            return None
        evidence = _("No chronology review has been recorded for this case.")
    else:
        evidence = _(
            "The chronology was last reviewed on %(date)s, more than %(weeks)d weeks ago."
        ) % {"date": _day(reviewed), "weeks": settings.chronology_weeks}
    return Finding(str(evidence), f"c{latest.pk}-{reviewed or 'never'}")


def rule_desensitisation(discussions, settings, today, actions=()) -> Finding | None:
    """6. Worry falling while nothing changes, or normalising words in the notes."""
    run = _last_run(discussions, settings.worry_trend_run, lambda d: d.change_check in NOT_CHANGING)
    if run:
        scores = [d.worry_scale for d in run]
        never_rises = all(b <= a for a, b in zip(scores, scores[1:], strict=False))
        if never_rises and scores[-1] < scores[0]:
            return Finding(
                _(
                    "The worry scale fell from %(first)d to %(last)d over %(dates)s while the "
                    "change check stayed 'no' or 'unclear'. Has something changed for the child, "
                    "or has our worry?"
                )
                % {"first": scores[0], "last": scores[-1], "dates": _dates(run)},
                f"d{run[-1].pk}",
            )
    if discussions:
        latest = discussions[-1]
        text = latest.free_text.lower()
        found = [phrase for phrase in settings.phrases() if phrase in text]
        if found:
            return Finding(
                _("The notes of %(date)s use normalising words (%(phrases)s).")
                % {"date": _day(latest.record.held_on), "phrases": ", ".join(found)},
                f"t{latest.pk}",
            )
    return None


def rule_stuck_without_escalation(discussions, settings, today, actions=()) -> Finding | None:
    """7. 'Stuck' recorded repeatedly with no escalation logged."""
    stuck = [d for d in discussions if d.stuck]
    if len(stuck) < settings.stuck_count:
        return None
    if any(d.escalation_count for d in discussions):
        return None
    return Finding(
        _("'Stuck' was recorded %(n)d times (%(dates)s) and no escalation has been logged.")
        % {"n": len(stuck), "dates": _dates(stuck)},
        f"d{stuck[-1].pk}",
    )


def rule_worker_changes(discussions, settings, today, actions=()) -> Finding | None:
    """9. Changes of allocated worker with no recorded change for the child."""
    if not discussions:
        return None
    since = today - datetime.timedelta(days=round(settings.worker_change_months * 30.44))
    recent = [d for d in discussions if d.record.held_on >= since]
    changes = [d for d in recent if d.worker_changed]
    if len(changes) < settings.worker_changes:
        return None
    if any(d.change_check == ChangeCheck.YES for d in recent):
        return None
    return Finding(
        _(
            "The allocated worker changed %(n)d times in %(months)d months (%(dates)s) with no "
            "recorded change for the child."
        )
        % {"n": len(changes), "months": settings.worker_change_months, "dates": _dates(changes)},
        f"d{changes[-1].pk}",
    )


def rule_supervision_gap(records, agreement, today, *, until_today=True) -> Finding | None:
    """8. A gap between supervision sessions longer than the agreement allows.

    ``records`` are the agreement's records, oldest first. The gap up to today counts while
    the agreement runs."""
    allowed = agreement.frequency_days
    if not records:
        return None
    for earlier, later in zip(records[-2:-1], records[-1:], strict=False):
        gap = (later.held_on - earlier.held_on).days
        if gap > allowed:
            return Finding(
                _(
                    "%(gap)d days passed between supervision on %(first)s and %(second)s; the "
                    "agreement expects every %(allowed)d days."
                )
                % {
                    "gap": gap,
                    "first": _day(earlier.held_on),
                    "second": _day(later.held_on),
                    "allowed": allowed,
                },
                f"g{later.pk}",
            )
    last = records[-1]
    if until_today and agreement.active_on(today) and (today - last.held_on).days > allowed:
        return Finding(
            _(
                "No supervision since %(date)s (%(days)d days); the agreement expects every "
                "%(allowed)d days."
            )
            % {"date": _day(last.held_on), "days": (today - last.held_on).days, "allowed": allowed},
            f"s{last.pk}",
        )
    return None


def rule_toolkit_not_improving(assessments, settings, today=None) -> Finding | None:
    """10. Neglect toolkit reviews of one case: no area better than in an assessment at least
    ``toolkit_review_weeks`` earlier, or any area worse than in the one before.

    ``assessments`` are (id, date, {area id: level}) for completed assessments, oldest first;
    a lower level is better."""
    if len(assessments) < 2:
        return None
    latest_id, latest_on, latest = assessments[-1]
    previous_on, previous = assessments[-2][1], assessments[-2][2]
    worse = [
        a for a, level in latest.items() if previous.get(a) is not None and level > previous[a]
    ]
    if worse:
        return Finding(
            _("%(n)d area(s) worse in the neglect assessment of %(latest)s than in %(before)s.")
            % {"n": len(worse), "latest": _day(latest_on), "before": _day(previous_on)},
            f"t{latest_id}",
        )
    gap = datetime.timedelta(weeks=settings.toolkit_review_weeks)
    earlier = [a for a in assessments[:-1] if latest_on - a[1] >= gap]
    if not earlier:
        return None
    earlier_on, levels = earlier[-1][1], earlier[-1][2]
    compared = [a for a in latest if levels.get(a) is not None]
    if compared and not any(latest[a] < levels[a] for a in compared):
        return Finding(
            _(
                "No area better in the neglect assessment of %(latest)s than in %(before)s, "
                "%(weeks)d weeks earlier."
            )
            % {
                "latest": _day(latest_on),
                "before": _day(earlier_on),
                "weeks": (latest_on - earlier_on).days // 7,
            },
            f"t{latest_id}",
        )
    return None


RULES = {
    rule.number: rule
    for rule in [
        Rule(1, _("Change check not moving"), rule_not_changing),
        Rule(2, _("Action carried forward"), rule_carried_forward),
        Rule(3, _("Child not seen alone or heard"), rule_child_not_seen),
        Rule(4, _("Adults in the household not known"), rule_adults_unknown),
        Rule(5, _("Chronology not reviewed"), rule_chronology_stale, daily_only=True),
        Rule(6, _("Possible desensitisation"), rule_desensitisation),
        Rule(7, _("Stuck with no escalation"), rule_stuck_without_escalation),
        Rule(8, _("Supervision overdue"), rule_supervision_gap, per_case=False),
        Rule(9, _("Changes of worker, no change for the child"), rule_worker_changes),
        # Raised when an assessment is taken to supervision (toolkit.drift), not in the loop.
        Rule(10, _("Neglect toolkit: no better"), rule_toolkit_not_improving, per_case=False),
    ]
}
