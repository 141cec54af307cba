"""What a draft holds: case discussions by pseudonymised reference, and actions. Reflections
are in ``reflections``."""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..models import (
    DISCUSSION_FIELDS,
    AccessLogEntry,
    Action,
    CaseDiscussion,
    CaseReference,
    Record,
)
from .access_log import access_log
from .common import (
    SupervisionError,
    _bump,
    _full_clean,
    _require_draft,
)


def case_reference_for(*, supervisee, reference: str) -> CaseReference:
    reference = " ".join(reference.split())
    case = CaseReference.objects.filter(supervisee=supervisee, reference__iexact=reference).first()
    if case is not None:
        return case
    case = CaseReference(supervisee=supervisee, reference=reference)
    _full_clean(case, exclude=["supervisee"])
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        case = CaseReference.objects.get(supervisee=supervisee, reference=reference)
    return case


@transaction.atomic
def discussion_save(
    *,
    by,
    record: Record,
    version: int,
    reference: str,
    data: dict,
    discussion: CaseDiscussion | None = None,
    new_actions: list[dict] = (),
    ip: str | None = None,
) -> CaseDiscussion:
    """Add or change a case discussion in a draft, with any new actions for the case."""
    _require_draft(by, record)
    case = case_reference_for(supervisee=record.supervisee, reference=reference)
    if discussion is None:
        if record.discussions.filter(case=case).exists():
            raise SupervisionError(_("This case is already discussed in this record."))
        discussion = CaseDiscussion(record=record)
    elif discussion.record_id != record.pk:
        raise SupervisionError(_("That discussion belongs to another record."))
    discussion.case = case
    for name in DISCUSSION_FIELDS:
        if name in data:
            setattr(discussion, name, data[name])
    _full_clean(discussion)
    actions = [Action(record=record, case=case, **values) for values in new_actions]
    for action in actions:
        _full_clean(action, exclude=["record", "carried_from"])
    _bump(record, version)
    discussion.save()
    Action.objects.bulk_create(actions)
    access_log(
        user=by,
        record=record,
        action=AccessLogEntry.Action.CHANGE,
        what=f"Case discussion {discussion.pk}",
        ip=ip,
    )
    return discussion


@transaction.atomic
def discussion_delete(
    *, by, record: Record, version: int, discussion: CaseDiscussion, ip: str | None = None
) -> None:
    _require_draft(by, record)
    if discussion.record_id != record.pk:
        raise SupervisionError(_("That discussion belongs to another record."))
    if discussion.escalations.exists():
        raise SupervisionError(
            _(
                "This case discussion has been escalated, so it is kept with its escalation. "
                "Change it instead of removing it."
            )
        )
    _bump(record, version)
    record.actions.filter(case=discussion.case, carried_from__isnull=True).delete()
    discussion.delete()
    access_log(
        user=by,
        record=record,
        action=AccessLogEntry.Action.CHANGE,
        what="Case discussion removed",
        ip=ip,
    )


@transaction.atomic
def actions_review(
    *, by, record: Record, version: int, updates: dict[int, dict], ip: str | None = None
) -> None:
    """Record progress on actions: ``updates`` maps action id to status and barriers."""
    _require_draft(by, record)
    actions = {a.pk: a for a in record.actions.all()}
    if set(updates) - set(actions):
        raise SupervisionError(_("That action is not part of this record."))
    for pk, values in updates.items():
        action = actions[pk]
        action.status = values["status"]
        action.barriers = values.get("barriers", "")
        _full_clean(action, exclude=["record", "carried_from"])
    _bump(record, version)
    Action.objects.bulk_update([actions[pk] for pk in updates], ["status", "barriers"])
    access_log(user=by, record=record, action=AccessLogEntry.Action.CHANGE, what="Actions", ip=ip)


@transaction.atomic
def action_add(
    *,
    by,
    record: Record,
    version: int,
    description: str,
    owner: str,
    due_on: datetime.date | None,
    ip: str | None = None,
) -> Action:
    """An action not tied to one case (for example a training need)."""
    _require_draft(by, record)
    action = Action(record=record, description=description, owner=owner, due_on=due_on)
    _full_clean(action, exclude=["carried_from"])
    _bump(record, version)
    action.save()
    access_log(
        user=by, record=record, action=AccessLogEntry.Action.CHANGE, what="Action added", ip=ip
    )
    return action
