"""The cells of the relationship matrix (test_relationship_matrix.py): each supervision URL,
what it points at in the world of ``relationships.py``, and which relationships may open it
(every other signed-in person gets 404, an anonymous visitor the login page)."""

from dataclasses import dataclass, field

from tests.security.matrix import LOGIN, REDIRECT

from .relationships import (
    ANON,
    BACKDATER,
    CURRENT,
    FORMER,
    GRACE,
    OTHER,
    PROPOSED,
    RECIPIENT,
    RELATIONSHIPS,
    SELF_ADMIN,
    STAFF,
    SUPERVISEE,
)


@dataclass
class Cell:
    name: str
    target: str  # what the URL points at, for the test id
    args: object  # world -> kwargs
    allowed: dict = field(default_factory=dict)  # relationship -> outcome; others get 404
    method: str = "GET"

    def expected(self) -> dict:
        result = dict.fromkeys(RELATIONSHIPS, 404)
        result[ANON] = LOGIN
        result.update(self.allowed)
        return result


def rec(key):
    return lambda w: {"record_id": w[key].pk}


def agr(key):
    return lambda w: {"agreement_id": w[key].pk}


OWN = dict.fromkeys([r for r in RELATIONSHIPS if r != ANON], 200)

CELLS = [
    # Records: reached only through their own agreement, while it is current.
    Cell(
        "supervision:record_detail", "current draft", rec("r_cur"), {SUPERVISEE: 200, CURRENT: 200}
    ),
    Cell(
        "supervision:record_detail",
        "old record shared with the next supervisor",
        rec("r_old_shared"),
        {SUPERVISEE: 200, CURRENT: 200},
    ),
    Cell("supervision:record_detail", "old record, not shared", rec("r_old2"), {SUPERVISEE: 200}),
    Cell(
        "supervision:record_detail",
        "sent to the former supervisor, grace over",
        rec("r_f1_sent"),
        {SUPERVISEE: 200},
    ),
    Cell(
        "supervision:record_detail",
        "sent to the former supervisor, within grace",
        rec("r_grace"),
        {SUPERVISEE: 200, GRACE: 200},
    ),
    # Copies (print and PDF): the two parties only, while the record's agreement is current.
    # Neither the signing grace period nor a share lets anyone take a copy.
    Cell(
        "supervision:record_print", "current draft", rec("r_cur"), {SUPERVISEE: 200, CURRENT: 200}
    ),
    Cell("supervision:record_print", "old record", rec("r_old2"), {SUPERVISEE: 200}),
    Cell("supervision:record_print", "within grace", rec("r_grace"), {SUPERVISEE: 200}),
    Cell("supervision:record_print", "old record shared", rec("r_old_shared"), {SUPERVISEE: 200}),
    Cell("supervision:record_pdf", "current draft", rec("r_cur"), {SUPERVISEE: 200, CURRENT: 200}),
    Cell("supervision:record_pdf", "within grace", rec("r_grace"), {SUPERVISEE: 200}),
    Cell("supervision:record_pdf", "old record shared", rec("r_old_shared"), {SUPERVISEE: 200}),
    Cell("supervision:record_edit", "current draft", rec("r_cur"), {SUPERVISEE: 200, CURRENT: 200}),
    Cell(
        "supervision:record_edit",
        "old record shared",
        rec("r_old_shared"),
        {SUPERVISEE: REDIRECT, CURRENT: REDIRECT},
    ),
    Cell("supervision:record_edit", "old record", rec("r_old2"), {SUPERVISEE: REDIRECT}),
    Cell(
        "supervision:record_edit",
        "within grace",
        rec("r_grace"),
        {SUPERVISEE: REDIRECT, GRACE: REDIRECT},
    ),
    Cell(
        "supervision:actions_review", "current draft", rec("r_cur"), {SUPERVISEE: 200, CURRENT: 200}
    ),
    Cell(
        "supervision:discussion_add", "current draft", rec("r_cur"), {SUPERVISEE: 200, CURRENT: 200}
    ),
    Cell(
        "supervision:discussion_edit",
        "current draft",
        lambda w: {"record_id": w["r_cur"].pk, "discussion_id": w["d_cur"].pk},
        {SUPERVISEE: 200, CURRENT: 200},
    ),
    Cell(
        "supervision:discussion_edit",
        "old record",
        lambda w: {"record_id": w["r_old2"].pk, "discussion_id": w["d_old2"].pk},
        {SUPERVISEE: REDIRECT},
    ),
    Cell(
        "supervision:discussion_delete",
        "old record, escalated",
        lambda w: {"record_id": w["r_old2"].pk, "discussion_id": w["d_old2"].pk},
        {SUPERVISEE: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:reflection_add",
        "current draft",
        rec("r_cur"),
        {SUPERVISEE: 200, CURRENT: REDIRECT},
    ),
    Cell(
        "supervision:reflection_edit",
        "current draft",
        lambda w: {"record_id": w["r_cur"].pk, "entry_id": w["e_cur"].pk},
        {SUPERVISEE: 200, CURRENT: 200},
    ),
    Cell(
        "supervision:record_sign",
        "within grace",
        rec("r_grace"),
        {SUPERVISEE: REDIRECT, GRACE: 200},
    ),
    Cell("supervision:record_sign", "grace over", rec("r_f1_sent"), {SUPERVISEE: REDIRECT}),
    Cell(
        "supervision:record_send",
        "current draft",
        rec("r_cur"),
        {SUPERVISEE: REDIRECT, CURRENT: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:record_return",
        "within grace",
        rec("r_grace"),
        {SUPERVISEE: REDIRECT, GRACE: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:addendum_add",
        "old record",
        rec("r_old2"),
        {SUPERVISEE: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:addendum_add",
        "old record shared",
        rec("r_old_shared"),
        {SUPERVISEE: REDIRECT, CURRENT: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:record_share",
        "old record",
        rec("r_old2"),
        {SUPERVISEE: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:record_share_revoke",
        "share with the next supervisor",
        lambda w: {"record_id": w["r_old_shared"].pk, "share_id": w["share"].pk},
        {SUPERVISEE: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:escalation_create",
        "current draft",
        lambda w: {"record_id": w["r_cur"].pk, "discussion_id": w["d_cur"].pk},
        {SUPERVISEE: 200, CURRENT: 200},
    ),
    Cell(
        "supervision:escalation_create",
        "old record",
        lambda w: {"record_id": w["r_old2"].pk, "discussion_id": w["d_old2"].pk},
        {SUPERVISEE: 200},
    ),
    Cell(
        "supervision:escalation_detail",
        "escalation from an old record",
        lambda w: {"escalation_id": w["escalation"].pk},
        {SUPERVISEE: 200, RECIPIENT: 200},
    ),
    # Cases and flags follow the supervisee to their current supervisors.
    Cell(
        "supervision:case_timeline",
        "the supervisee's case",
        lambda w: {"case_id": w["case"].pk},
        {SUPERVISEE: 200, CURRENT: 200},
    ),
    Cell(
        "supervision:flag_detail",
        "open flag from the old agreement",
        lambda w: {"flag_id": w["flag_open"].pk},
        {SUPERVISEE: 200, CURRENT: 200},
    ),
    Cell(
        "supervision:flag_detail",
        "closed flag from the old agreement",
        lambda w: {"flag_id": w["flag_closed"].pk},
        {SUPERVISEE: 200},
    ),
    # Agreements: parties and admins read them; only the supervisee answers; only a proposal
    # changes; nothing starts under an ended or unanswered agreement.
    Cell(
        "supervision:agreement_detail",
        "current",
        agr("current"),
        {SUPERVISEE: 200, CURRENT: 200, SELF_ADMIN: 200},
    ),
    Cell(
        "supervision:agreement_detail",
        "ended",
        agr("old"),
        {SUPERVISEE: 200, FORMER: 200, SELF_ADMIN: 200},
    ),
    Cell(
        "supervision:agreement_detail",
        "proposal",
        agr("proposal"),
        {SUPERVISEE: 200, PROPOSED: 200, SELF_ADMIN: 200},
    ),
    Cell(
        "supervision:agreement_answer",
        "proposal",
        agr("proposal"),
        {SUPERVISEE: 200, PROPOSED: REDIRECT},
    ),
    Cell(
        "supervision:agreement_answer",
        "current",
        agr("current"),
        {SUPERVISEE: REDIRECT, CURRENT: REDIRECT},
    ),
    Cell(
        "supervision:agreement_edit",
        "proposal",
        agr("proposal"),
        {SUPERVISEE: REDIRECT, PROPOSED: 200, SELF_ADMIN: 200},
    ),
    Cell(
        "supervision:agreement_edit",
        "ended (extending it)",
        agr("old"),
        {SUPERVISEE: REDIRECT, FORMER: REDIRECT, SELF_ADMIN: REDIRECT},
    ),
    Cell(
        "supervision:agreement_edit",
        "current",
        agr("current"),
        {SUPERVISEE: REDIRECT, CURRENT: REDIRECT, SELF_ADMIN: REDIRECT},
    ),
    Cell(
        "supervision:agreement_end",
        "ended",
        agr("old"),
        {SUPERVISEE: REDIRECT, FORMER: REDIRECT, SELF_ADMIN: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:agreement_end",
        "current",
        agr("current"),
        {SUPERVISEE: REDIRECT, CURRENT: REDIRECT, SELF_ADMIN: REDIRECT},
        method="POST",
    ),
    Cell(
        "supervision:record_start",
        "current",
        agr("current"),
        {SUPERVISEE: 200, CURRENT: 200},
    ),
    Cell(
        "supervision:record_start",
        "ended",
        agr("old"),
        {SUPERVISEE: REDIRECT, FORMER: REDIRECT},
    ),
    Cell(
        "supervision:record_start",
        "proposal",
        agr("proposal"),
        {SUPERVISEE: REDIRECT, PROPOSED: REDIRECT},
    ),
    # Each person's own pages.
    Cell("supervision:home", "own", lambda w: {}, OWN),
    Cell("supervision:agreement_list", "own", lambda w: {}, OWN),
    Cell(
        "supervision:agreement_create",
        "propose",
        lambda w: {},
        {CURRENT: 200, FORMER: 200, GRACE: 200, PROPOSED: 200, BACKDATER: 200, SELF_ADMIN: 200},
    ),
    Cell("supervision:escalation_list", "own", lambda w: {}, OWN),
    Cell("supervision:access_log", "own", lambda w: {}, OWN),
    Cell("supervision:cpd_export_page", "own", lambda w: {}, OWN),
]

# Signed-in relationships that must never reach a record's content, whatever the URL.
OUTSIDERS = (OTHER, STAFF, SELF_ADMIN, BACKDATER, PROPOSED)
