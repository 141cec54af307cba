# ruff: noqa: E501  (demo prose reads better unwrapped)
"""Demo library content, as data: the one-minute guides and 7-minute briefings written for
this site from the facts in the partnership's source documents, and the small HTML helpers
the case-review briefing in ``seeding.library.pages`` shares with them."""

from elearning.library.models import SourceType


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _p(*paras: str) -> str:
    return "".join(f"<p>{para}</p>" for para in paras)


def _facts(*pairs):
    return [("fact", {"fact": fact, "source": source}) for fact, source in pairs]


def _links(*pairs):
    return [("link", {"title": title, "url": "", "description": desc}) for title, desc in pairs]


HELP = _p(
    "Talk to your agency's designated safeguarding lead or your supervisor first.",
    "If a child is at risk of immediate harm, call 999. If you think a child needs protection, "
    "contact children's social care through the local front door without delay.",
    "For early help advice, contact your local early help team.",
)

GUIDES = [
    {
        "slug": "recognising-neglect",
        "title": "Recognising neglect",
        "series_number": 1,
        "audience": "All practitioners",
        "summary": "What neglect is, how it shows itself, and why its slow, cumulative nature makes "
        "it easy to miss.",
        "what_is_it": _p(
            "Neglect is a persistent failure to meet a child's basic physical or psychological "
            "needs that is likely to seriously impair their health or development (Working "
            "Together to Safeguard Children 2023). It can start before birth, for example through "
            "substance use in pregnancy."
        ),
        "who_it_affects": _p(
            "Children of any age, from unborn babies to teenagers. Babies, disabled children and "
            "children with complex health needs are especially vulnerable, and older children's "
            "needs can be overlooked when there are younger brothers or sisters."
        ),
        "what_it_looks_like": _ul(
            "Health needs left untreated, such as persistent nappy rash or tooth decay, or a child "
            "not registered with a GP or dentist",
            "Missed health appointments and poor school attendance",
            "Little warmth, stimulation or interest from carers",
            "Children left unsupervised or living in an unsafe home",
            "Care that improves for a while and then slips back",
        ),
        "why_it_matters": _p(
            "Neglect harms brain development, physical health, learning and relationships, and "
            "the effects can last into adult life. Because it builds up slowly, it rarely causes "
            "the kind of crisis that prompts urgent action."
        ),
        "what_to_do": _ul(
            "Look at the pattern over time, not single incidents: keep a chronology",
            "Seek the child's view and describe their daily life",
            "Share what you know with other agencies and ask what they know",
            "Talk to your safeguarding lead and follow local procedures",
        ),
        "key_facts": _facts(
            (
                "Neglect is the most common reason for a child to be on a child protection plan.",
                "Neglect one-minute guide, February 2025",
            ),
            (
                "Neglect features in about 60% of child safeguarding practice reviews.",
                "Neglect one-minute guide, February 2025",
            ),
        ),
        "themes": ["cumulative-harm", "the-childs-voice-and-lived-experience", "chronologies"],
        "neglect": ["physical", "emotional", "medical", "educational", "supervisory"],
        "ages": ["unborn", "0-1", "1-4", "5-11", "12-17"],
        "sectors": [],
        "overdue": False,
    },
    {
        "slug": "adolescent-neglect",
        "title": "Adolescent neglect",
        "series_number": 2,
        "audience": "Practitioners working with young people aged 12 to 17",
        "summary": "Neglect harms teenagers as much as younger children, but it is often mistaken "
        "for a young person's own choices.",
        "what_is_it": _p(
            "Neglect of a young person: their carers persistently fail to meet their physical or "
            "emotional needs, including supervision, health care, education and a safe home."
        ),
        "who_it_affects": _p(
            "Young people aged 12 to 17, including those who have been neglected since early "
            "childhood and those for whom neglect starts in adolescence, for example when a new "
            "partner joins the household."
        ),
        "what_it_looks_like": _ul(
            "Going missing, or staying away from home",
            "Falling out of school or education",
            "Drug or alcohol use, self-harm or low mood",
            "Being exploited or groomed",
            "Housing problems or being asked to leave home",
        ),
        "why_it_matters": _p(
            "Research shows that neglect experienced only in adolescence leads to outcomes at "
            "least as poor as neglect experienced only in early childhood. Case reviews describe "
            "teenagers whose long-term neglect contributed to self-harm and suicide."
        ),
        "what_to_do": _ul(
            "Ask who is looking after the young person and whether their needs are met",
            "Do not describe a teenager's risks as lifestyle choices",
            "Consider the risk of self-harm and suicide",
            "Work with the whole family, including any new partner",
        ),
        "key_facts": _facts(
            (
                "Teenagers' needs can be missed, especially where there are younger siblings.",
                "NSPCC, learning from case reviews on neglect, 2022",
            ),
        ),
        "themes": ["adolescent-neglect", "emotional-neglect", "whole-family-think-family"],
        "neglect": ["emotional", "supervisory", "educational"],
        "ages": ["12-17"],
        "sectors": ["education", "health", "police", "childrens_social_care", "voluntary"],
        "overdue": False,
    },
    {
        "slug": "professional-desensitisation",
        "title": "Professional desensitisation",
        "series_number": 3,
        "audience": "All practitioners and supervisors",
        "summary": "Working every day with high levels of need can dull our sense of what is "
        "harmful. This guide helps you notice it.",
        "what_is_it": _p(
            "Desensitisation happens when practitioners become so used to a family's "
            "circumstances, or to high levels of need in general, that they stop seeing the risk "
            "to the child. The child's situation becomes 'normal'."
        ),
        "who_it_affects": _p(
            "Any practitioner, in any agency, and especially those with long involvement with a "
            "family or high caseloads in areas with a lot of deprivation."
        ),
        "what_it_looks_like": _ul(
            "Comparing a child with other families you know, rather than with what any child needs",
            "Phrases such as 'I've seen worse' or 'that's just how they are'",
            "Worry going down when nothing has changed for the child",
            "Optimistic explanations for signs that should alert you",
        ),
        "why_it_matters": _p(
            "Case reviews show that desensitised professionals did not act on risks, so children "
            "did not get the help they needed. The chronic nature of neglect makes this more likely."
        ),
        "what_to_do": _ul(
            "Ask: what would shock someone new to this work?",
            "Use supervision to test your judgement and ask for fresh eyes",
            "Check what has actually changed for the child, not just for the adults",
            "Use a structured assessment tool to give a baseline",
        ),
        "key_facts": [],
        "themes": ["professional-desensitisation", "case-drift-and-start-again-syndrome"],
        "neglect": ["physical", "emotional"],
        "ages": ["0-1", "1-4", "5-11", "12-17"],
        "sectors": [],
        "overdue": True,
    },
    {
        "slug": "unseen-men",
        "title": "Invisible and unseen men",
        "series_number": 4,
        "audience": "All practitioners",
        "summary": "Fathers, male carers and partners are often missing from assessments and plans, "
        "though they shape children's lives.",
        "what_is_it": _p(
            "'Unseen men' describes fathers, stepfathers, partners and other men who care for or "
            "live with a child but are not known to, or not involved by, the professionals "
            "working with the family."
        ),
        "who_it_affects": _p(
            "Children whose household includes men who are not seen, and men whose own needs "
            "or risks are never assessed."
        ),
        "what_it_looks_like": _ul(
            "Plans aimed only at the mother",
            "Assessments that do not name every adult in the household",
            "Adult services working with a father without asking about children",
            "A partner who is 'never in' at visits",
        ),
        "why_it_matters": _p(
            "Case reviews repeatedly find limited information about fathers and male carers. "
            "Important information about risk was not shared, and men's ability to protect and "
            "care was not used either."
        ),
        "what_to_do": _ul(
            "Ask who all the adults caring for or living with the child are",
            "Find out each man's history, risks and strengths",
            "Invite fathers and male carers to meetings and include them in plans",
            "Share information across adult and children's services",
        ),
        "key_facts": [],
        "themes": ["invisible-and-unseen-men", "whole-family-think-family", "information-sharing"],
        "neglect": ["physical", "supervisory"],
        "ages": ["unborn", "0-1", "1-4", "5-11", "12-17"],
        "sectors": ["probation", "police", "health", "childrens_social_care"],
        "overdue": False,
    },
]

BRIEFINGS = [
    {
        "slug": "case-drift-and-start-again",
        "title": "Case drift and start-again syndrome",
        "summary": "Why plans for neglected children stall, and how teams can keep the child's "
        "progress in view.",
        "source_type": SourceType.NATIONAL_REVIEW,
        "points": [
            (
                "Background",
                "National reviews of cases where children were neglected found work "
                "that went on for years without real change for the child.",
            ),
            (
                "Why it matters",
                "Neglect rarely produces a crisis, so drift is easy. Each month "
                "without change adds to the harm.",
            ),
            (
                "What drift looks like",
                "Plans repeated without review, cases closed and reopened, "
                "and cases transferred to a colleague although nothing has changed.",
            ),
            (
                "Start-again syndrome",
                "A new worker begins afresh, without the history. High "
                "turnover and caseloads mean patterns of concern are never seen.",
            ),
            (
                "What helps",
                "An up-to-date chronology across agencies, and supervision that asks "
                "what is different for the child now compared with three and six months ago.",
            ),
            (
                "What good looks like",
                "Clear measures of change for the child, agreed timescales, "
                "and escalation when the timescales pass.",
            ),
            (
                "What to do",
                "Review your longest-open cases this month and ask: have we tried "
                "this plan before, and what would tell us it is not working?",
            ),
        ],
        "questions": [
            "Which of our cases have been open the longest, and what has changed for the child?",
            "How do we hand over cases so history is not lost?",
            "When did we last escalate a stuck case, and what happened?",
        ],
        "themes": [
            "case-drift-and-start-again-syndrome",
            "chronologies",
            "escalation-and-professional-challenge",
        ],
        "neglect": ["physical", "emotional"],
        "ages": ["1-4", "5-11", "12-17"],
        "sectors": ["childrens_social_care", "health", "education"],
    },
    {
        "slug": "was-not-brought",
        "title": "Missed appointments: was not brought",
        "summary": "A child who misses an appointment was not brought. This briefing explains why "
        "that matters and what every service should do.",
        "source_type": SourceType.THEME,
        "points": [
            (
                "Background",
                "Case reviews keep finding missed health appointments among the early "
                "signs of neglect that were not acted on.",
            ),
            (
                "Why it matters",
                "Children depend on adults to take them. Recording 'did not attend' "
                "puts the responsibility on the child.",
            ),
            (
                "What the reviews found",
                "Missed appointments were treated one at a time, the "
                "pattern was not seen, and other agencies were not told.",
            ),
            (
                "Medical neglect",
                "Untreated conditions, missed medication and missed checks can "
                "cause lasting harm, especially for disabled children and babies.",
            ),
            (
                "A system that works",
                "Follow up every missed appointment, look at the history, and "
                "tell the GP and other professionals involved.",
            ),
            (
                "What good looks like",
                "Records say 'was not brought', repeated misses prompt a "
                "conversation with the family and a safeguarding discussion.",
            ),
            (
                "What to do",
                "Check how your service records and follows up missed appointments, "
                "and who you tell.",
            ),
        ],
        "questions": [
            "How does our service record a child who was not brought?",
            "Who do we tell when a child misses two appointments in a row?",
        ],
        "themes": [
            "missed-appointments-was-not-brought",
            "medical-neglect",
            "disabled-children-and-complex-health-needs",
        ],
        "neglect": ["medical"],
        "ages": ["0-1", "1-4", "5-11"],
        "sectors": ["health", "education"],
    },
]
