# ruff: noqa: E501  (demo prose reads better unwrapped)
"""The three demo scenario quizzes, as data: three families, written for this site from
national and local learning about neglect (case reviews, Working Together to Safeguard
Children 2023). ``seeding.quizzes.demo`` creates a quiz page from each entry of ``QUIZZES``."""

from seeding.quizzes.builders import multi, opt, single, stage, why, worry

# --- 1. Case drift -------------------------------------------------------------------------

DRIFT_INTRO = """
<p>Follow the Lewis family over eighteen months. Kayla is 7 and Jay is 4. Nothing dramatic
happens: that is the point. National reviews of cases where children were seriously harmed by
neglect keep finding the same thing: help that starts again with each new worker, plans that
are closed although nothing has changed, and a slow slide that nobody names.</p>
<p>About 15 minutes. Your choices change what happens next.</p>
"""

DRIFT = [
    stage(
        "month-1",
        "Month 1: the school raises a concern",
        """
<p>Kayla's class teacher tells the designated safeguarding lead that Kayla has come to school
hungry most mornings this half term, often in the same clothes, and has had head lice three
times since September. Jay's nursery has noticed that his speech is well behind other
children of his age.</p>
<p>Their mother, Dee, tells the school that things have been hard since the children's father
moved out. She is warm with the children and they clearly love her.</p>
""",
        [
            multi(
                "Which of these could be early signs of neglect?",
                [
                    opt(
                        "Arriving hungry, day after day",
                        correct=True,
                        score=1,
                        feedback="Persistent hunger is one of the basic needs in the statutory definition of neglect.",
                    ),
                    opt(
                        "Head lice that keep coming back",
                        correct=True,
                        score=1,
                        feedback="Repeated infestations are named in case reviews as a sign that was treated in isolation.",
                    ),
                    opt(
                        "Delayed speech in a 4-year-old",
                        correct=True,
                        score=1,
                        feedback="Speech delay can reflect too little stimulation and interaction at home.",
                    ),
                    opt(
                        "A warm, loving relationship with their mother",
                        score=-1,
                        feedback="Warmth matters, but reviews warn that a loving relationship must not override concerns about whether needs are met.",
                    ),
                ],
                general="On their own, each of these can have an innocent explanation. Together, and over time, they form a pattern.",
            ),
            worry(),
            single(
                "What do you do now?",
                [
                    opt(
                        "Talk with Dee about an early help assessment that includes what Kayla and Jay say, and start a chronology",
                        correct=True,
                        score=2,
                        feedback="Early help addresses needs before they escalate, and a chronology lets everyone see the pattern later.",
                    ),
                    opt(
                        "Make a note and see whether things settle down now the separation is over",
                        score=0,
                        to="month-6-no-help",
                        feedback="Waiting to see often means the pattern is only noticed much later, when the harm is greater.",
                    ),
                ],
            ),
            why(),
        ],
    ),
    stage(
        "month-6",
        "Month 6: a new family support worker",
        """
<p>An early help plan has been in place for five months. Attendance improved for a few weeks,
then slipped back. The family support worker has moved to another team and a new worker, Sam,
has taken over.</p>
<p>Dee says: “We've done all this before. Every time someone new comes, we start again.”</p>
""",
        [
            single(
                "Sam plans to do a new assessment. What is the best way to start?",
                [
                    opt(
                        "Read the chronology and the plan so far, check what has and has not changed for the children, and build on it with Dee",
                        correct=True,
                        score=2,
                        feedback="Continuity lets emerging patterns be seen. Starting afresh each time is what reviews call ‘start-again syndrome’.",
                    ),
                    opt(
                        "Start a fresh assessment from the beginning so the family gets a clean slate",
                        score=0,
                        feedback="A clean slate throws away the history, and with it the evidence that things improve and then slide back.",
                    ),
                ],
            ),
            worry(),
        ],
        to="month-12",
    ),
    stage(
        "month-6-no-help",
        "Month 6: still no help in place",
        """
<p>Six months on, nobody has offered the family any help. Kayla's attendance has fallen to
82%. She has two decayed front teeth and has missed two dental appointments. Jay has started
school and his teacher is worried about his speech and how often he is unwashed.</p>
""",
        [
            single(
                "What do you do now?",
                [
                    opt(
                        "Share the pattern with the children's other professionals, talk to your safeguarding lead and consider a referral using your local threshold guidance",
                        correct=True,
                        score=1,
                        to="month-12",
                        feedback="Late, but it is never too late to act on a pattern: bring everyone's information together.",
                    ),
                    opt(
                        "Keep monitoring: there has been no single serious incident",
                        score=0,
                        to="ending-closed",
                        feedback="Neglect rarely produces a single incident. Waiting for one means waiting for harm.",
                    ),
                ],
            ),
        ],
    ),
    stage(
        "month-12",
        "Month 12: the review meeting",
        """
<p>At the review, professionals agree that Dee goes to every meeting and is “trying really
hard”. But Kayla's teeth have still not been treated, Jay's speech therapy referral was closed
after two missed appointments, and the children were seen at home with a man nobody had heard
of before. Dee says he is a friend who sometimes stays over.</p>
""",
        [
            multi(
                "What should the review look at before deciding what happens next?",
                [
                    opt(
                        "Who the man is and what part he plays in the children's lives",
                        correct=True,
                        score=1,
                        feedback="Men around children are often invisible to professionals. He may be a risk, or a source of support.",
                    ),
                    opt(
                        "Whether the children's needs are being met, not just whether Dee attends",
                        correct=True,
                        score=1,
                        feedback="Attending meetings is not the same as change for the children.",
                    ),
                    opt(
                        "The pattern over the whole year, from the chronology",
                        correct=True,
                        score=1,
                        feedback="Improvement followed by deterioration is itself a known risk factor.",
                    ),
                    opt(
                        "Closing the plan, because Dee is engaging so well",
                        score=-1,
                        feedback="Engagement without change can be disguised compliance, even when nobody means it to be.",
                    ),
                ],
            ),
            worry(),
            single(
                "Nothing has changed for the children in a year. What is the right next step?",
                [
                    opt(
                        "Take the case to supervision, be clear with Dee what must change and by when, and escalate for a statutory assessment if it does not",
                        correct=True,
                        score=2,
                        to="ending-clear-plan",
                        feedback="A stuck case needs a fresh, objective view and a plan with clear outcomes and timescales.",
                    ),
                    opt(
                        "Close the plan and step down to universal services",
                        score=0,
                        to="ending-closed",
                        feedback="Reviews show cases closed or transferred although nothing had changed. A review must come first.",
                    ),
                ],
            ),
            why(),
        ],
    ),
    stage(
        "ending-clear-plan",
        "Month 18: a plan that changes things",
        """
<p>With a statutory assessment under way and a plan that says exactly what must change, Kayla's
teeth are treated and Jay is back on the speech therapy list. Dee's friend turns out to be a
steady presence and joins the plan.</p>
""",
        ending=True,
        score=2,
        feedback="""
<p>What made the difference: a chronology that kept the history in view, supervision that asked
whether the children's needs were actually being met, and the confidence to escalate when
nothing changed.</p>
""",
    ),
    stage(
        "ending-closed",
        "Month 18: the case is closed",
        """
<p>The case is closed. Six months later the school refers again: Kayla is losing weight, and Jay
has an untreated ear infection. A new worker starts a new assessment.</p>
""",
        ending=True,
        score=0,
        feedback="""
<p>This is case drift. Nothing changed, but the case moved on anyway. Next time: keep a
chronology, review before closing, ask in supervision what has changed for the children, and
use your partnership's escalation route when a case is stuck.</p>
""",
    ),
]


# --- 2. Babies -----------------------------------------------------------------------------

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


# --- 3. Adolescent neglect -----------------------------------------------------------------

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

QUIZZES = [
    {
        "slug": "quiz-nothing-changes",
        "title": "When nothing changes: eighteen months with the Lewis family",
        "intro": DRIFT_INTRO,
        "stages": DRIFT,
        "pass_mark": 10,
        "search_description": "A scenario quiz about case drift and start-again practice.",
    },
    {
        "slug": "quiz-home-visit-baby",
        "title": "A home visit to baby Ava",
        "intro": BABY_INTRO,
        "stages": BABY,
        "pass_mark": 9,
        "max_attempts": 3,
        "search_description": "A scenario quiz for health visitors and others who see babies at home.",
    },
    {
        "slug": "quiz-jordan-14",
        "title": "Jordan, 14: the eldest",
        "intro": TEEN_INTRO,
        "stages": TEEN,
        "pass_mark": 6,
        "review": "after_passing",
        "attempt_policy": "last",
        "search_description": "A scenario quiz about neglect of teenagers beside younger siblings.",
    },
]
