# ruff: noqa: E501  (demo prose reads better unwrapped)
"""The scenario quiz on babies: a home visit by a health visitor."""

from seeding.quizzes.builders import multi, opt, single, stage, why, worry

BABY_INTRO = """
<p>You are a health visitor. Follow your visits to baby Ava and her parents over her first
months. Babies who cannot yet move or speak for themselves are among the most vulnerable to
neglect, and health visitors are often the professionals who see them at home.</p>
<p>About 10 minutes. Your choices change what happens next.</p>
"""

BABY = [
    stage(
        "new-birth-visit",
        "The new birth visit",
        """
<p>Ava was born at 35 weeks and is now three weeks old. Her mother, Jess, is 19. The flat is
cluttered, smells of smoke and there are dirty bottles by the sink. Jess says she is “fine,
just tired” but she barely looks at Ava while you talk. Ava's father is “at work”; Jess does not
say more.</p>
""",
        [
            multi(
                "Which of these would you note and follow up?",
                [
                    opt(
                        "Ava was born premature",
                        correct=True,
                        score=1,
                        feedback="Premature and new-born babies are particularly vulnerable to neglect.",
                    ),
                    opt(
                        "Jess's low mood and how little she engages with Ava",
                        correct=True,
                        score=1,
                        feedback="Postnatal depression can affect a parent's capacity to notice and respond to a baby's needs.",
                    ),
                    opt(
                        "Smoking in the home and unclean bottles",
                        correct=True,
                        score=1,
                        feedback="Both add to the risks for a young baby, including sudden unexpected death in infancy.",
                    ),
                    opt(
                        "Ava's father: who he is and what he does for Ava",
                        correct=True,
                        score=1,
                        feedback="Fathers and male carers are often unseen. Ask about him and aim to meet him.",
                    ),
                ],
            ),
            worry("How worried are you about Ava now, from 0 to 10?"),
            single(
                "Jess says Ava sleeps with her on the sofa most nights because the cot is full of washing. What do you do?",
                [
                    opt(
                        "Ask to see where Ava sleeps, talk through safer sleep with Jess (and her partner if you can), agree what will change tonight, and record it",
                        correct=True,
                        score=2,
                        feedback="Checking sleeping arrangements is part of every home visit. Sofa sharing is one of the highest-risk situations for a baby.",
                    ),
                    opt(
                        "Leave a safer sleep leaflet: she is exhausted and you do not want to make her feel judged",
                        score=0,
                        to="ending-not-seen",
                        feedback="Kindness matters, but a leaflet alone does not make tonight safer for Ava.",
                    ),
                ],
            ),
            why(),
        ],
    ),
    stage(
        "not-brought",
        "Three months later: missed appointments",
        """
<p>Ava was not brought to two baby clinic appointments or to her 12-week immunisations. Her
weight has dropped from the 25th to below the 9th centile. The GP practice has closed a
referral after the second missed appointment.</p>
""",
        [
            single(
                "How do you think about the missed appointments?",
                [
                    opt(
                        "Ava was not brought: treat it as a possible safeguarding concern, follow it up with Jess and the GP, and talk to your safeguarding lead",
                        correct=True,
                        score=2,
                        to="bruise",
                        feedback="A baby cannot take herself to appointments. Missed appointments should be monitored, never simply closed.",
                    ),
                    opt(
                        "Record ‘did not attend’ and send another appointment",
                        score=0,
                        to="ending-not-seen",
                        feedback="Recording ‘did not attend’ puts the responsibility on the baby. Faltering weight and missed health care together are a serious pattern.",
                    ),
                ],
            ),
            worry("How worried are you about Ava now, from 0 to 10?"),
        ],
    ),
    stage(
        "bruise",
        "A follow-up visit",
        """
<p>At a follow-up visit you notice a small bruise on Ava's cheek. Jess says Ava's cousin, who is
two, poked her while they were playing.</p>
""",
        [
            single(
                "What do you do?",
                [
                    opt(
                        "Follow your local procedure for bruising in babies who are not yet mobile and seek safeguarding advice today",
                        correct=True,
                        score=2,
                        to="ending-helped",
                        feedback="Any bruise on a baby who is not yet mobile, however small, must be taken seriously whatever the explanation.",
                    ),
                    opt(
                        "Accept the explanation: it is only a small mark and Jess seems open about it",
                        score=0,
                        to="ending-not-seen",
                        feedback="An explanation that sounds reasonable is not a reason to skip the procedure. Seeking advice protects Ava and is fair to Jess.",
                    ),
                ],
            ),
            why(),
        ],
    ),
    stage(
        "ending-helped",
        "Ava is safer",
        """
<p>A multi-agency assessment starts. Jess is referred for help with her mood, Ava's father
is identified and joins the plan, and Ava now sleeps in her own cot. Her weight starts to
recover.</p>
""",
        ending=True,
        score=2,
        feedback="""
<p>You checked where Ava slept, treated ‘was not brought’ as a concern and followed procedure
for a bruise on a baby who cannot yet move. Each is a point at which, in national reviews,
chances to help a baby were missed.</p>
""",
    ),
    stage(
        "ending-not-seen",
        "Ava's needs go unseen",
        """
<p>Weeks pass. Ava is admitted to hospital with faltering growth and a chest infection. Staff
ask why nobody had raised concerns sooner.</p>
""",
        ending=True,
        score=0,
        feedback="""
<p>Babies depend entirely on the adults around them. Always look at where a baby sleeps, follow
up every missed appointment as ‘not brought’, seek advice about any bruise on a baby who is not
yet mobile, and find out who the men in the baby's life are.</p>
""",
    ),
]

QUIZ = {
    "slug": "quiz-home-visit-baby",
    "title": "A home visit to baby Ava",
    "intro": BABY_INTRO,
    "stages": BABY,
    "pass_mark": 9,
    "max_attempts": 3,
    "search_description": "A scenario quiz for health visitors and others who see babies at home.",
}
