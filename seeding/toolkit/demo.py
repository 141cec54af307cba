"""Demo toolkit: the nine-area neglect toolkit, and the health visitor's two assessments of
'Family Oak' twelve weeks apart. No area is better the second time and home conditions are
worse. The health visitor takes both to her own supervision with the practice supervisor, who
also supervises the social worker on the same family, so the supervisor sees the levels and
the change on the discussion.

An assessment is only ever attached to its author's own supervision: attaching it to another
person's would show it to a supervisor its author has no agreement with.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from elearning.accounts.models import User
from elearning.library.site_setup import site_tree_ensure
from seeding.toolkit.content import GUIDANCE, NEXT_STEPS, areas_stream
from supervision import services as supervision_services
from supervision.models import Agreement, CaseDiscussion
from toolkit import services
from toolkit.models import Assessment, ToolkitPage

SLUG = "neglect-toolkit"

# Levels in the nine areas, first and second assessment: none better, home conditions worse.
FIRST = [2, 3, 2, 2, 2, 2, 2, 3, 3]
SECOND = [2, 3, 2, 3, 2, 2, 2, 3, 3]
EVIDENCE = {
    3: "Baby's weight has dropped on the centile chart; two clinic appointments missed.",
    4: "Kitchen unusable at the visit; the baby's cot was full of washing.",
}
CHILD_WORDS = "The older child said: 'There's never breakfast, I get it at school.'"


def _toolkit() -> ToolkitPage:
    page = ToolkitPage.objects.filter(slug=SLUG).first()
    if page is not None:
        return page
    home = site_tree_ensure()
    page = home.add_child(
        instance=ToolkitPage(
            title="Neglect toolkit",
            slug=SLUG,
            intro=(
                "Nine areas of a child's needs to look at with the family, rated from needs "
                "met to serious unmet need, with questions to hear the child's voice."
            ),
            guidance=GUIDANCE,
            next_steps=NEXT_STEPS,
            threshold_title="Continuum of need",
            areas=areas_stream(),
        )
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _assessment(author, toolkit, levels, assessed_on) -> Assessment:
    assessment = services.assessment_start(
        by=author, toolkit=toolkit, case_reference="Family Oak", assessed_on=assessed_on
    )
    for finding, level in zip(assessment.findings.all(), levels, strict=True):
        services.finding_save(
            by=author,
            assessment=assessment,
            finding=finding,
            data={
                "level": level,
                "evidence": EVIDENCE.get(finding.position, "Discussed with the parents."),
                "child_words": CHILD_WORDS if finding.position == 1 else "",
                "strengths": "Parents keep the home visits." if finding.position == 8 else "",
            },
        )
    return services.assessment_complete(by=author, assessment=assessment)


@transaction.atomic
def seed_demo() -> None:
    toolkit = _toolkit()
    health_visitor = User.objects.filter(email="practitioner@demo.example").first()
    supervisor = User.objects.filter(email="supervisor@demo.example").first()
    if health_visitor is None or supervisor is None:
        return
    if Assessment.objects.filter(author=health_visitor, case_reference="Family Oak").exists():
        return
    today = timezone.localdate()
    first = _assessment(health_visitor, toolkit, FIRST, today - datetime.timedelta(weeks=13))
    second = _assessment(health_visitor, toolkit, SECOND, today - datetime.timedelta(weeks=1))
    agreement = (
        Agreement.objects.current().filter(supervisee=health_visitor, supervisor=supervisor).first()
    )
    record = agreement.records.order_by("-held_on").first() if agreement else None
    if record is None:
        return
    discussion = CaseDiscussion.objects.filter(record=record, case__reference="Family Oak").first()
    if discussion is None:
        record.refresh_from_db()
        discussion = supervision_services.discussion_save(
            by=health_visitor,
            record=record,
            version=record.version,
            reference="Family Oak",
            data={
                "current_position": "Baby's weight still falling; home conditions worse.",
                "worries": "Nothing is better since the neglect assessment twelve weeks ago.",
                "worry_scale": 7,
                "change_check": "no",
                "child_seen_alone": True,
                "voice_recorded": True,
                "adults_known": True,
            },
        )
    for assessment in (first, second):
        services.assessment_attach(by=health_visitor, assessment=assessment, discussion=discussion)
