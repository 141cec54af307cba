"""Authorisation rows for supervision, by role. The practitioner is the supervisee and the
supervisor supervises them under an accepted, current agreement; the supervisor has also
proposed an agreement to the other practitioner, who has not answered it. Everyone else,
partnership staff and admins included, gets 404 from anything that shows a record.

The relationship dimension (proposed, backdated, former, next supervisor, shared record,
self-promoted admin) is in ``tests/supervision/test_relationship_matrix.py``."""

from tests.security.matrix import (
    ADMIN,
    LOGIN,
    OTHER,
    PRACTITIONER,
    REDIRECT,
    SUPERVISOR,
    Row,
    only,
    outcomes,
    signed_in,
)

PARTIES = outcomes(404, anonymous=LOGIN, practitioner=200, supervisor=200)
PARTIES_REDIRECT = outcomes(404, anonymous=LOGIN, practitioner=REDIRECT, supervisor=REDIRECT)


def setup(ctx):
    from wagtail.models import Page

    from supervision.models import Flag, RecordShare
    from tests.supervision.factories import (
        add_discussion,
        add_reflection,
        make_agreement,
        make_record,
        propose,
    )

    agreement = make_agreement(ctx.users[PRACTITIONER], ctx.users[SUPERVISOR])
    record = make_record(agreement)
    discussion = add_discussion(record)
    entry = add_reflection(record)
    flag = Flag.objects.create(
        agreement=agreement,
        supervisee=agreement.supervisee,
        case=discussion.case,
        rule=1,
        evidence="Test evidence",
        evidence_key="test",
    )
    from supervision.services import escalation_create
    from tests.factories import UserFactory

    record.refresh_from_db()
    escalation = escalation_create(
        by=agreement.supervisor,
        discussion=discussion,
        recipient=UserFactory(),
        stage="manager",
        reason="Stuck",
        escalated_on=record.held_on,
    )
    proposal = propose(ctx.users[OTHER], ctx.users[SUPERVISOR])
    share = RecordShare.objects.create(
        record=record, shared_with=UserFactory(), shared_by=agreement.supervisee
    )
    ctx.objects.update(
        proposal=proposal,
        share=share,
        agreement=agreement,
        record=record,
        discussion=discussion,
        entry=entry,
        flag=flag,
        escalation=escalation,
        page=Page.objects.filter(depth__gte=2).live().first() or Page.objects.get(depth=1),
    )


def _record(ctx):
    return {"record_id": ctx.objects["record"].pk}


def _discussion(ctx):
    return {"record_id": ctx.objects["record"].pk, "discussion_id": ctx.objects["discussion"].pk}


ROWS = [
    Row("supervision:home", signed_in(200)),
    Row("supervision:agreement_list", signed_in(200), note="each person sees their own"),
    Row("supervision:agreement_create", only({SUPERVISOR, ADMIN}, refused=404)),
    Row(
        "supervision:agreement_detail",
        outcomes(404, anonymous=LOGIN, practitioner=200, supervisor=200, admin=200),
        args=lambda ctx: {"agreement_id": ctx.objects["agreement"].pk},
        note="admins manage agreements, which hold no supervision content",
    ),
    Row(
        "supervision:agreement_edit",
        outcomes(404, anonymous=LOGIN, other_practitioner=REDIRECT, supervisor=200, admin=200),
        args=lambda ctx: {"agreement_id": ctx.objects["proposal"].pk},
        note="only a proposal changes, by its supervisor or an admin; the supervisee answers it",
    ),
    Row(
        "supervision:agreement_answer",
        outcomes(404, anonymous=LOGIN, other_practitioner=200, supervisor=REDIRECT),
        args=lambda ctx: {"agreement_id": ctx.objects["proposal"].pk},
        note="only the supervisee answers a proposal",
    ),
    Row(
        "supervision:agreement_end",
        outcomes(404, anonymous=LOGIN, practitioner=REDIRECT, supervisor=REDIRECT, admin=REDIRECT),
        args=lambda ctx: {"agreement_id": ctx.objects["agreement"].pk},
        method="POST",
        note="either party or an admin ends it; the first to post ends it",
    ),
    Row(
        "supervision:record_share",
        outcomes(404, anonymous=LOGIN),
        args=_record,
        method="POST",
        note="only a signed record is shared, by its supervisee (the record here is a draft)",
    ),
    Row(
        "supervision:record_share_revoke",
        outcomes(404, anonymous=LOGIN, practitioner=REDIRECT),
        args=lambda ctx: {
            "record_id": ctx.objects["record"].pk,
            "share_id": ctx.objects["share"].pk,
        },
        method="POST",
        note="only the supervisee stops sharing",
    ),
    Row(
        "supervision:record_start",
        PARTIES,
        args=lambda ctx: {"agreement_id": ctx.objects["agreement"].pk},
    ),
    Row("supervision:record_detail", PARTIES, args=_record),
    Row(
        "supervision:record_print",
        PARTIES,
        args=_record,
        note="a copy leaves the site: the two parties only; logged as an export",
    ),
    Row(
        "supervision:record_pdf",
        PARTIES,
        args=_record,
        note="a copy leaves the site: the two parties only; logged as an export",
    ),
    Row("supervision:record_edit", PARTIES, args=_record),
    Row("supervision:actions_review", PARTIES, args=_record),
    Row("supervision:discussion_add", PARTIES, args=_record),
    Row("supervision:discussion_edit", PARTIES, args=_discussion),
    Row(
        "supervision:discussion_delete",
        PARTIES_REDIRECT,
        args=_discussion,
        method="POST",
        note="an empty form is refused with a message; nothing is removed",
    ),
    Row("supervision:escalation_create", PARTIES, args=_discussion),
    Row(
        "supervision:reflection_add",
        outcomes(404, anonymous=LOGIN, practitioner=200, supervisor=REDIRECT),
        args=_record,
        note="the supervisee writes reflections; the supervisor responds to each",
    ),
    Row(
        "supervision:reflection_edit",
        PARTIES,
        args=lambda ctx: {
            "record_id": ctx.objects["record"].pk,
            "entry_id": ctx.objects["entry"].pk,
        },
    ),
    Row("supervision:record_send", PARTIES_REDIRECT, args=_record, method="POST"),
    Row(
        "supervision:record_sign",
        PARTIES_REDIRECT,
        args=_record,
        note="a draft cannot be signed: the parties are sent back to it",
    ),
    Row("supervision:record_return", PARTIES_REDIRECT, args=_record, method="POST"),
    Row("supervision:addendum_add", PARTIES_REDIRECT, args=_record, method="POST"),
    Row(
        "supervision:case_timeline",
        PARTIES,
        args=lambda ctx: {"case_id": ctx.objects["discussion"].case_id},
    ),
    Row("supervision:flag_detail", PARTIES, args=lambda ctx: {"flag_id": ctx.objects["flag"].pk}),
    Row(
        "supervision:escalation_detail",
        PARTIES,
        args=lambda ctx: {"escalation_id": ctx.objects["escalation"].pk},
        note="and the named recipient; tested in tests/supervision",
    ),
    Row(
        "supervision:escalation_list",
        signed_in(200),
        note="each person sees the escalations they may open; tested in tests/supervision",
    ),
    Row("supervision:access_log", signed_in(200), note="each supervisee sees their own"),
    Row("supervision:cpd_export_page", signed_in(200)),
    Row(
        "supervision:cpd_export",
        signed_in(REDIRECT),
        args=lambda ctx: {"fmt": "csv"},
        note="everyone must sign in again first; the file holds only their own reflections",
    ),
    Row(
        "supervision:topic_add",
        signed_in(REDIRECT),
        args=lambda ctx: {"page_id": ctx.objects["page"].pk},
        method="POST",
        note="adds to the person's own next record, or says they have no agreement",
    ),
]
