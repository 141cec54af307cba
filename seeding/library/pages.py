# ruff: noqa: E501  (demo prose reads better unwrapped)
"""Demo library pages: the library index, the guides and briefings in
``seeding.library.content``, a case-review briefing, the moderation workflow, and a recorded
team use."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from elearning.accounts import roles
from elearning.library.models import (
    AgeGroup,
    AudienceSector,
    CaseReviewBriefingPage,
    CaseReviewSource,
    HomePage,
    LibraryIndexPage,
    NeglectType,
    OneMinuteGuidePage,
    SevenMinuteBriefingPage,
    TeamUse,
    Theme,
)
from elearning.library.taxonomy import taxonomy_ensure
from seeding.library.content import BRIEFINGS, GUIDES, HELP, _links, _p, _ul

WORKFLOW_NAME = "Library moderation"
TASK_NAME = "Partnership moderator approval"


def _set_taxonomy(page, spec):
    page.themes.set(Theme.objects.filter(slug__in=spec["themes"]))
    page.neglect_types.set(NeglectType.objects.filter(slug__in=spec["neglect"]))
    page.age_groups.set(AgeGroup.objects.filter(slug__in=spec["ages"]))
    page.audience_sectors.set(AudienceSector.objects.filter(code__in=spec["sectors"]))


def _add(index, page, spec):
    _set_taxonomy(page, spec)
    index.add_child(instance=page)
    page.save_revision().publish()


def library_demo_seed() -> None:
    """Create the library once; later runs leave what editors changed alone."""
    taxonomy_ensure()
    User = get_user_model()
    owner = User.objects.filter(email="staff@demo.example").first()
    home = HomePage.objects.get()
    index = LibraryIndexPage.objects.child_of(home).first()
    if index is None:
        index = LibraryIndexPage(
            title="Learning library",
            slug="library",
            intro="One-minute guides, 7-minute briefings and learning from case reviews on "
            "child neglect.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()

    today = timezone.localdate()
    reviewed = today - datetime.timedelta(days=120)
    for spec in GUIDES:
        if OneMinuteGuidePage.objects.filter(slug=spec["slug"]).exists():
            continue
        overdue = spec["overdue"]
        page = OneMinuteGuidePage(
            title=spec["title"],
            slug=spec["slug"],
            series_number=spec["series_number"],
            audience=spec["audience"],
            summary=spec["summary"],
            what_is_it=spec["what_is_it"],
            who_it_affects=spec["who_it_affects"],
            what_it_looks_like=spec["what_it_looks_like"],
            why_it_matters=spec["why_it_matters"],
            what_to_do=spec["what_to_do"],
            key_facts=spec["key_facts"],
            where_to_get_help=HELP,
            further_information=_links(
                (
                    "Working Together to Safeguard Children 2023",
                    "Statutory guidance (Department for Education).",
                ),
            ),
            content_owner=owner,
            last_reviewed=today - datetime.timedelta(days=400) if overdue else reviewed,
            review_by=today - datetime.timedelta(days=35)
            if overdue
            else reviewed + datetime.timedelta(days=365),
        )
        _add(index, page, spec)

    for spec in BRIEFINGS:
        if SevenMinuteBriefingPage.objects.filter(slug=spec["slug"]).exists():
            continue
        page = SevenMinuteBriefingPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            source_type=spec["source_type"],
            points=[("point", {"heading": h, "body": f"<p>{b}</p>"}) for h, b in spec["points"]],
            discussion_questions=[("question", q) for q in spec["questions"]],
            content_owner=owner,
            last_reviewed=reviewed,
            review_by=today + datetime.timedelta(days=20),
        )
        _add(index, page, spec)

    if not CaseReviewBriefingPage.objects.filter(
        slug="neglect-learning-from-case-reviews"
    ).exists():
        _case_review_seed(index, owner, reviewed)

    _workflow_seed(index)
    _team_use_seed()


def _case_review_seed(index, owner, reviewed):
    spec = {
        "themes": [
            "professional-desensitisation",
            "case-drift-and-start-again-syndrome",
            "invisible-and-unseen-men",
            "missed-appointments-was-not-brought",
            "babies-and-pre-mobile-infants",
            "information-sharing",
        ],
        "neglect": ["physical", "emotional", "medical", "educational"],
        "ages": ["unborn", "0-1", "1-4", "5-11", "12-17"],
        "sectors": [],
    }
    page = CaseReviewBriefingPage(
        title="Neglect: learning from case reviews",
        slug="neglect-learning-from-case-reviews",
        summary="What published case reviews about neglect tell every agency about recognising "
        "it early and acting in time.",
        introduction=_p(
            "Neglect wears down families and professionals alike. Children in these reviews often "
            "saw one attempt after another to improve things, without lasting change.",
            "Practitioners in every agency need to recognise physical, emotional, medical and "
            "educational neglect, understand its cumulative effect, and act in time.",
        ),
        why_commissioned=_p("Children died or were seriously harmed in several ways:")
        + _ul(
            "chronic neglect over many years, sometimes alongside other abuse",
            "abuse where neglect came first or was part of the picture",
            "sudden unexpected death in infancy linked to unsafe sleep",
            "accidents in homes made unsafe by long-term neglect",
            "suicide or self-harm after years of neglect",
            "medical needs not met, including medication not given",
        ),
        key_issues=[
            (
                "issue",
                {
                    "heading": "Risk factors",
                    "body": _p(
                        "Domestic abuse, parental substance use and mental ill health, young or isolated "
                        "parents, money and housing problems, and children with complex health needs."
                    ),
                },
            ),
            (
                "issue",
                {
                    "heading": "Signs not recognised",
                    "body": _p(
                        "Tooth decay, head lice, injuries, faltering growth, speech delay, poor attendance "
                        "and missed appointments were dealt with one by one rather than as a pattern."
                    ),
                },
            ),
            (
                "issue",
                {
                    "heading": "Desensitisation",
                    "body": _p(
                        "Professionals used to high levels of need sometimes stopped seeing the risk."
                    ),
                },
            ),
            (
                "issue",
                {
                    "heading": "Case drift and starting again",
                    "body": _p(
                        "Cases were transferred or closed with nothing changed; each new worker began "
                        "afresh and patterns were missed."
                    ),
                },
            ),
            (
                "issue",
                {
                    "heading": "Information sharing and unseen men",
                    "body": _p(
                        "Little was known about fathers and male carers, and moves between areas broke "
                        "the flow of information."
                    ),
                },
            ),
        ],
        learning=[
            (
                "learning",
                {
                    "heading": "Know who is most vulnerable",
                    "body": _p(
                        "Unborn, newborn and premature babies, disabled children and teenagers."
                    ),
                },
            ),
            (
                "learning",
                {
                    "heading": "Respond to children not brought to appointments",
                    "body": _p(
                        "Follow up, look for patterns and tell other professionals involved."
                    ),
                },
            ),
            (
                "learning",
                {
                    "heading": "Keep the child at the centre",
                    "body": _p(
                        "See the child alone, record their voice and describe their daily life."
                    ),
                },
            ),
            (
                "learning",
                {
                    "heading": "Use supervision and escalation",
                    "body": _p(
                        "Give practitioners time to reflect, challenge drift and escalate stuck cases."
                    ),
                },
            ),
        ],
        further_reading=_links(
            ("Working Together to Safeguard Children 2023", "Statutory guidance."),
            (
                "Complexity and challenge: a triennial analysis of serious case reviews 2014 to 2017",
                "Department for Education, 2020.",
            ),
        ),
        period_start=2021,
        period_end=2022,
        content_owner=owner,
        last_reviewed=reviewed,
        review_by=reviewed + datetime.timedelta(days=365),
    )
    page.reviews = [
        CaseReviewSource(
            year=2021,
            area="A county partnership",
            title="Child practice review: sibling group, chronic neglect",
        ),
        CaseReviewSource(
            year=2022,
            area="A metropolitan borough",
            title="Learning review: infant death and unsafe sleep",
        ),
        CaseReviewSource(
            year=2022,
            area="A unitary authority",
            title="Rapid review: young person, self-harm after long-term neglect",
        ),
    ]
    _add(index, page, spec)


def _workflow_seed(index) -> None:
    """Authors (partnership staff) submit; a partnership moderator approves and publishes."""
    moderators = Group.objects.get(name=roles.MODERATORS_GROUP)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})


def _team_use_seed() -> None:
    User = get_user_model()
    briefing = SevenMinuteBriefingPage.objects.filter(slug="was-not-brought").first()
    recorder = User.objects.filter(email="practitioner@demo.example").first()
    if briefing is None or recorder is None or TeamUse.objects.exists():
        return
    TeamUse.objects.create(
        briefing=briefing,
        recorded_by=recorder,
        agency=recorder.agency,
        team="Health visiting, north locality",
        date_discussed=timezone.localdate() - datetime.timedelta(days=7),
        attendees=9,
        agreed_actions="Record 'was not brought' and phone the family after any missed check.",
        how_we_will_know="Audit of 20 records in three months shows follow-up each time.",
    )
