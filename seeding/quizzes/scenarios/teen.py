# ruff: noqa: E501  (demo prose reads better unwrapped)
"""The scenario quiz on adolescent neglect: the eldest of four."""

from seeding.quizzes.builders import multi, opt, single, stage, why, worry

TEEN_INTRO = """
<p>Jordan is 14 and the eldest of four. The family already has a social worker because of
concerns about the youngest child. Neglect harms teenagers at least as much as young children,
but their needs are easily missed, especially beside younger brothers and sisters.</p>
<p>About 10 minutes. Your choices change what happens next.</p>
"""

TEEN = [
    stage(
        "autumn-term",
        "Autumn term: late again",
        """
<p>Jordan is late for school most days and often falls asleep in lessons. A teacher saw them
buying energy drinks for breakfast. Jordan walks their three younger siblings, aged 6, 4 and 1,
to school and nursery every morning. The youngest child has a child in need plan.</p>
""",
        [
            multi(
                "What might Jordan's lateness and tiredness be telling you?",
                [
                    opt(
                        "Jordan may be caring for the younger children much of the time",
                        correct=True,
                        score=1,
                        feedback="Jordan may be a young carer, with needs of their own.",
                    ),
                    opt(
                        "Jordan may not be getting enough food or sleep at home",
                        correct=True,
                        score=1,
                        feedback="These are basic needs for a teenager as much as for a baby.",
                    ),
                    opt(
                        "Nothing much: tiredness and lateness are normal for teenagers",
                        score=-1,
                        feedback="Putting it down to ‘being a teenager’ is how adolescent neglect gets missed.",
                    ),
                ],
            ),
            worry("How worried are you about Jordan, from 0 to 10?"),
            single(
                "What do you do?",
                [
                    opt(
                        "Talk with Jordan on their own about home life, and share what you learn with the family's social worker",
                        correct=True,
                        score=2,
                        to="spring-term",
                        feedback="Jordan's voice, and their own needs, belong in the family's assessment.",
                    ),
                    opt(
                        "Give Jordan a late detention: the family already has a social worker for the little ones",
                        score=0,
                        to="spring-term-missed",
                        feedback="A plan for one child is not a plan for all of them. Each child's needs must be assessed separately.",
                    ),
                ],
            ),
            why(),
        ],
    ),
    stage(
        "spring-term",
        "Spring term: Jordan talks",
        """
<p>Jordan tells you they don't mind looking after the little ones. Their mum works nights and
their stepdad drinks most evenings. Jordan has not seen a dentist for years, has no winter
coat and says they sometimes “can't be bothered with anything”.</p>
""",
        [
            single(
                "What is the most important next step?",
                [
                    opt(
                        "Make sure the family's assessment and plan include Jordan's own needs, including a young carer's assessment and their emotional wellbeing",
                        correct=True,
                        score=2,
                        to="ending-seen",
                        feedback="Long-term neglect affects a teenager's emotional health. ‘Can't be bothered with anything’ needs to be explored, not noted and left.",
                    ),
                    opt(
                        "Jordan is coping and is a great help at home, so there is nothing more to do",
                        score=0,
                        to="ending-missed",
                        feedback="Coping can hide a great deal. Jordan's health, emotional wellbeing and education are all being affected.",
                    ),
                ],
            ),
            worry("How worried are you about Jordan now?"),
        ],
    ),
    stage(
        "spring-term-missed",
        "Spring term: attendance falls",
        """
<p>Jordan's attendance has dropped to 70%. They have been seen in the park late at night with
older young people nobody at school knows.</p>
""",
        [
            single(
                "What do you do?",
                [
                    opt(
                        "Treat the absence as a safeguarding concern, consider the risk of exploitation, talk to your safeguarding lead and make a referral for Jordan",
                        correct=True,
                        score=1,
                        to="ending-late-help",
                        feedback="Missing education is a safeguarding concern, and neglected teenagers are vulnerable to exploitation.",
                    ),
                    opt(
                        "Send the family a letter warning of an attendance fine",
                        score=0,
                        to="ending-missed",
                        feedback="A letter treats the absence as the problem rather than a sign of what is happening to Jordan.",
                    ),
                ],
            ),
        ],
    ),
    stage(
        "ending-seen",
        "Jordan's needs are seen",
        """
<p>Jordan gets a young carer's assessment, a dental appointment and time with a school
counsellor. The family's plan now sets out what the adults at home will do so that Jordan is
not caring alone.</p>
""",
        ending=True,
        score=2,
        feedback="""
<p>You saw Jordan as a child with needs of their own, not only as the person who gets the
younger children to school. Asking Jordan directly, and making sure the plan covered them, is
what national reviews say is too often missing for teenagers.</p>
""",
    ),
    stage(
        "ending-late-help",
        "Help arrives late",
        """
<p>A referral is made and Jordan gets support, but months have been lost and Jordan has
fallen behind at school and become involved with older young people.</p>
""",
        ending=True,
        score=1,
        feedback="""
<p>Acting on the falling attendance was right. The chance to help earlier came in the autumn,
when Jordan's tiredness and caring role were first noticed.</p>
""",
    ),
    stage(
        "ending-missed",
        "Jordan's needs are missed",
        """
<p>Over the summer Jordan stops going out and tells a friend they have been hurting
themselves. The friend's parent contacts the school.</p>
""",
        ending=True,
        score=0,
        feedback="""
<p>Teenagers' needs are easily missed beside younger siblings. Long-term neglect can seriously
harm a young person's emotional wellbeing, including the risk of self-harm. Ask teenagers how
things are at home, assess each child separately, and treat missing education as a sign.</p>
""",
    ),
]

QUIZ = {
    "slug": "quiz-jordan-14",
    "title": "Jordan, 14: the eldest",
    "intro": TEEN_INTRO,
    "stages": TEEN,
    "pass_mark": 6,
    "review": "after_passing",
    "attempt_policy": "last",
    "search_description": "A scenario quiz about neglect of teenagers beside younger siblings.",
}
