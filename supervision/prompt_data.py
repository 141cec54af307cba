"""The starting reflective prompts for each theme. Partnership staff edit them in Wagtail
(Reflective prompts); this only fills a theme that has none."""

DEFAULT_PROMPTS = {
    "bias": [
        "Where does my idea of 'good enough' care for this child come from?",
        "Would I see this the same way for a family of another class, culture or area?",
        "What have I put to one side because it did not fit my first view of the family?",
        "Am I letting the parents' love for the child stand in for the child's safety?",
    ],
    "desensitisation": [
        "Am I comparing this child with other families I work with, or with what any child needs?",
        "What would shock someone who was new to this work?",
        "My worry has gone down. What has actually changed for the child?",
    ],
    "drift": [
        "What is different for the child now compared with three and six months ago, in outcomes "
        "rather than attendance?",
        "Have we tried this plan before?",
        "What would tell us the plan is not working, and have we already passed that point?",
    ],
    "childs_voice": [
        "Walk through a day in this child's life. What do they see, hear and feel?",
        "When was the child last seen on their own?",
        "How does each of our worries show up in the child's daily life?",
    ],
    "unseen_men": [
        "Who are all the adults who care for or live with this child?",
        "What do we know about each man's history, risks and what he offers as protection?",
        "Is the plan aimed only at the mother?",
    ],
    "disguised_compliance": [
        "What did the parents agree to, and what did they actually do?",
        "Is one improvement we can see hiding no change anywhere else?",
        "Does what the child tells us differ from what the adults say?",
    ],
    "chronology": [
        "Does the chronology start at birth, include the good times, and bring together every "
        "agency?",
        "When was it last analysed rather than simply added to?",
    ],
    "stuck": [
        "What exactly are we stuck on?",
        "What would trigger escalation, to whom, and by when?",
    ],
}


def prompts_ensure(PromptSet) -> int:
    """Create a prompt set for every theme that has none. Returns how many were made."""
    made = 0
    for theme, prompts in DEFAULT_PROMPTS.items():
        _, created = PromptSet.objects.get_or_create(
            theme=theme, defaults={"prompts": "\n".join(prompts)}
        )
        made += created
    return made
