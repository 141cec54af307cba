# ruff: noqa: E501  (demo prose reads better unwrapped)
"""The scenario quiz on case drift: help that starts again with each new worker."""

from seeding.quizzes.builders import multi, opt, single, stage, why, worry

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

QUIZ = {
    "slug": "quiz-nothing-changes",
    "title": "When nothing changes: eighteen months with the Lewis family",
    "intro": DRIFT_INTRO,
    "stages": DRIFT,
    "pass_mark": 10,
    "search_description": "A scenario quiz about case drift and start-again practice.",
}
