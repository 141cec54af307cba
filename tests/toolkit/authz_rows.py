"""Authorisation rows for the toolkit. The practitioner wrote the assessment and attached it
to a discussion in their own supervision, under a current agreement with the supervisor; the
draft is not attached. Partnership staff and admins see no assessment: 404, as for anyone
refused. The toolkit's blank form is public."""

from tests.security.matrix import (
    LOGIN,
    REDIRECT,
    Row,
    outcomes,
    public,
    signed_in,
)

AUTHOR = outcomes(404, anonymous=LOGIN, practitioner=200)
AUTHOR_REDIRECT = outcomes(404, anonymous=LOGIN, practitioner=REDIRECT)


def setup(ctx):
    from supervision.models import Agreement, RecordStatus
    from tests.supervision.factories import add_discussion, make_agreement, make_record
    from tests.toolkit.factories import make_assessment, make_toolkit
    from toolkit.services import assessment_attach

    practitioner, supervisor = ctx.users["practitioner"], ctx.users["supervisor"]
    toolkit = make_toolkit(areas=3)
    # The supervision rows may already have set up this agreement and a draft record.
    agreement = Agreement.objects.current().filter(
        supervisee=practitioner, supervisor=supervisor
    ).first() or make_agreement(practitioner, supervisor)
    record = agreement.records.filter(status=RecordStatus.DRAFT).first() or make_record(agreement)
    discussion = record.discussions.filter(case__reference="Family Oak").first() or (
        add_discussion(record, reference="Family Oak")
    )
    completed = make_assessment(practitioner, toolkit, levels=[1, 2, 3])
    assessment_attach(by=practitioner, assessment=completed, discussion=discussion)
    draft = make_assessment(practitioner, toolkit, reference="Family Ash")
    ctx.objects.update(toolkit=toolkit, assessment=completed, draft=draft)


def _completed(ctx):
    return {"assessment_id": ctx.objects["assessment"].pk}


def _draft(ctx):
    return {"assessment_id": ctx.objects["draft"].pk}


ROWS = [
    Row("toolkit:assessment_list", signed_in(200), note="each person sees their own"),
    Row("toolkit:assessment_start", signed_in(200)),
    Row(
        "toolkit:assessment_detail",
        outcomes(404, anonymous=LOGIN, practitioner=200, supervisor=200),
        args=_completed,
        note="the supervisor through the attached discussion under a current agreement",
    ),
    Row(
        "toolkit:area_edit",
        AUTHOR,
        args=lambda ctx: {"assessment_id": ctx.objects["draft"].pk, "position": 1},
        note="only the author changes a draft",
    ),
    Row(
        "toolkit:assessment_complete",
        AUTHOR_REDIRECT,
        args=_draft,
        method="POST",
        note="refused with a message while areas have no level; nothing changes",
    ),
    Row(
        "toolkit:assessment_delete",
        AUTHOR_REDIRECT,
        args=_draft,
        method="POST",
        note="the author deletes a draft",
    ),
    Row(
        "toolkit:assessment_pdf",
        AUTHOR,
        args=_completed,
        note="a copy leaves the site with its author only; logged as an export",
    ),
    Row("toolkit:assessment_attach", AUTHOR, args=_completed),
    Row(
        "toolkit:blank_pdf",
        public(200),
        args=lambda ctx: {"page_id": ctx.objects["toolkit"].pk},
        note="anyone prints the blank form",
    ),
]
