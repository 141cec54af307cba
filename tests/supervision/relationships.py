"""One supervisee and everyone who has, had or tried to get a relationship with them.

The supervisee (S) was supervised by F1 from 300 days ago until 30 days ago, and by F2 from
250 days ago until 5 days ago; C has supervised them for 20 days. P has proposed an agreement
S has not answered. X tried to propose one starting 400 days ago, which was refused. An admin
tried to give themselves the supervisor role, which was refused. E received an escalation from
one of F1's records. Counting by hand:

- r_old_shared: locked, under F1's agreement, shared by S with C.
- r_old2: locked, under F1's agreement, not shared; its discussion was escalated to E.
- r_f1_sent: sent by S to F1 for signature 40 days ago; F1's grace period ended 16 days ago.
- r_grace: sent by S to F2 for signature 6 days ago; F2 is 5 days into the 14-day grace.
- r_cur: a draft under C's agreement, with a discussion and a reflection.
- flag_open: open, raised under F1's agreement (it follows S to C).
- flag_closed: responded to by F1 (it does not follow).
"""

import datetime

from django.utils import timezone

from elearning.accounts.roles import SUPERVISORS_GROUP
from supervision import services
from supervision.models import Flag, FlagResponse
from tests.factories import UserFactory, role_user

from .factories import (
    add_discussion,
    add_reflection,
    at,
    give_content,
    make_agreement,
    make_record,
    propose,
)

SUPERVISEE = "supervisee"
CURRENT = "next_supervisor"
FORMER = "former_past_grace"
GRACE = "former_in_grace"
PROPOSED = "proposed_not_accepted"
BACKDATER = "stranger_backdated"
SELF_ADMIN = "admin_self_granted"
RECIPIENT = "escalation_recipient"
OTHER = "other_practitioner"
STAFF = "staff"
ANON = "anonymous"

# Refused people first, the parties last: a row's POST by a party may change the object.
RELATIONSHIPS = (
    ANON,
    OTHER,
    STAFF,
    SELF_ADMIN,
    BACKDATER,
    PROPOSED,
    RECIPIENT,
    FORMER,
    GRACE,
    CURRENT,
    SUPERVISEE,
)


def _days(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def _send(record, by):
    give_content(record)
    services.record_send(by=by, record=record, version=record.version)
    record.refresh_from_db()
    return record


def _lock(record, sender, signer):
    _send(record, sender)
    services.record_sign(by=signer, record=record, version=record.version)
    record.refresh_from_db()
    return record


def build_world() -> dict:
    from django.contrib.auth.models import Group

    from elearning.accounts.services import AccountRefusal, roles_change

    s = role_user("practitioner")
    f1, f2, c, p, x = (role_user("supervisor") for _ in range(5))
    admin = role_user("admin")
    recipient = UserFactory()

    old = make_agreement(s, f1, days_ago=300)
    r_old_shared = make_record(old, days_ago=200)
    add_discussion(r_old_shared, reference="Family Oak")
    _lock(r_old_shared, s, f1)
    r_old2 = make_record(old, days_ago=150)
    d_old2 = add_discussion(r_old2, reference="Family Oak", current_position="Old secret")
    _lock(r_old2, s, f1)
    escalation = services.escalation_create(
        by=f1,
        discussion=d_old2,
        recipient=recipient,
        stage="manager",
        reason="Stuck",
        escalated_on=r_old2.held_on,
    )
    r_f1_sent = make_record(old, days_ago=45)
    _send(r_f1_sent, s)
    case = d_old2.case
    flag_open = Flag.objects.create(
        agreement=old,
        supervisee=s,
        case=case,
        rule=1,
        evidence="Three 'no' in a row",
        evidence_key="o",
    )
    flag_closed = Flag.objects.create(
        agreement=old,
        supervisee=s,
        case=case,
        rule=3,
        evidence="Not seen alone twice",
        evidence_key="c",
        response=FlagResponse.DISCUSSED,
        response_reason="F1's private reasoning",
        responded_by=f1,
        responded_at=at(_days(100)),
    )
    services.agreement_end(by=f1, agreement=old, now=at(_days(30)))

    grace = make_agreement(s, f2, days_ago=250)
    r_grace = make_record(grace, days_ago=6)
    _send(r_grace, s)
    services.agreement_end(by=s, agreement=grace, now=at(_days(5)))

    current = make_agreement(s, c, days_ago=20)
    r_cur = make_record(current, days_ago=2)
    d_cur = add_discussion(r_cur, reference="Family Oak")
    e_cur = add_reflection(r_cur)
    r_cur.refresh_from_db()
    share = services.record_share(by=s, record=r_old_shared, with_user=c)

    proposal = propose(s, p)
    try:
        services.agreement_propose(by=x, supervisee=s, supervisor=x, starts_on=_days(400))
    except services.SupervisionError:
        pass
    else:  # pragma: no cover - the world would be wrong
        raise AssertionError("a backdated proposal was accepted")
    try:
        roles_change(by=admin, user=admin, groups=[Group.objects.get(name=SUPERVISORS_GROUP)])
    except AccountRefusal:
        pass
    else:  # pragma: no cover
        raise AssertionError("an admin gave themselves a role")

    return {
        "users": {
            SUPERVISEE: s,
            CURRENT: c,
            FORMER: f1,
            GRACE: f2,
            PROPOSED: p,
            BACKDATER: x,
            SELF_ADMIN: admin,
            RECIPIENT: recipient,
            OTHER: role_user("practitioner"),
            STAFF: role_user("staff"),
        },
        "old": old,
        "grace": grace,
        "current": current,
        "proposal": proposal,
        "r_old_shared": r_old_shared,
        "r_old2": r_old2,
        "d_old2": d_old2,
        "r_f1_sent": r_f1_sent,
        "r_grace": r_grace,
        "r_cur": r_cur,
        "d_cur": d_cur,
        "e_cur": e_cur,
        "case": case,
        "flag_open": flag_open,
        "flag_closed": flag_closed,
        "escalation": escalation,
        "share": share,
    }
