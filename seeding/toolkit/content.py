"""The demo toolkit's nine areas of need, written for this product. Each: title, summary,
guidance, indicators at the four levels, and questions by age group."""

U5, U11, U12 = "under_5", "5_to_11", "12_plus"

AREAS = [
    (
        "Physical care",
        "Food, clothing, hygiene and a safe place to sleep.",
        "Look at the child, not only the home. Ask when they last ate and what.",
        "Regular meals; clean clothes that fit and suit the weather; washed; own safe bed.",
        "Meals sometimes missed or poor; clothes often unwashed; hygiene slipping at times.",
        "Child often hungry; clothes dirty or unsuitable; poor hygiene noticed by others.",
        "Child going without food; persistent severe hygiene problems; nowhere safe to sleep.",
        [
            (U5, "What did you have to eat today?"),
            (U11, "Who makes your breakfast?"),
            (U12, "Is there usually food at home when you need it?"),
        ],
    ),
    (
        "Health",
        "Health care, appointments, medicines and development checks.",
        "Check registration with a GP and dentist, and missed appointments across agencies.",
        "Registered with a GP and dentist; checks and vaccinations up to date; illness treated.",
        "Some appointments missed; minor conditions left longer than they should be.",
        "Repeated missed appointments; untreated conditions such as tooth decay or head lice.",
        "Serious health needs ignored; medicine not given; faltering growth not acted on.",
        [
            (U5, "Does anything hurt?"),
            (U11, "What happens when you feel poorly?"),
            (U12, "Can you get to the doctor or dentist when you need to?"),
        ],
    ),
    (
        "Safety and supervision",
        "Protection from harm, suitable carers and safe sleep.",
        "Ask who looks after the child and where they go. Think of unknown adults in the home.",
        "Supervised for their age; safe carers; hazards removed; safe sleep for babies.",
        "Supervision sometimes patchy; carers not always checked; some hazards in reach.",
        "Often left alone or with unsuitable carers; accidents; unsafe sleeping arrangements.",
        "Left unsupervised for long periods; repeated injuries; exposed to dangerous adults.",
        [
            (U5, "Who stays with you at night?"),
            (U11, "What do you do after school?"),
            (U12, "Is there anyone at home who makes you feel unsafe?"),
        ],
    ),
    (
        "Home conditions",
        "The state of the home, heating, space and basic amenities.",
        "Visit unannounced where you can; see the rooms the child uses, not only the front room.",
        "Home clean enough, warm and safe, with space for the child to play and sleep.",
        "Home untidy or cold at times; some repairs needed; cluttered.",
        "Home dirty or unsafe; no working heating or cooking; animal mess or infestation.",
        "Home a danger to health; squalid conditions; the family at risk of losing it.",
        [
            (U5, "Show me where you play."),
            (U11, "Is your home warm in winter?"),
            (U12, "Is there anywhere quiet at home you can go?"),
        ],
    ),
    (
        "Emotional warmth and stability",
        "Love, praise, consistent routines and a secure relationship with a carer.",
        "Watch how the carer and child are together. A worried or watchful child tells you a lot.",
        "Warm and responsive carers; praise and comfort; predictable routines.",
        "Warmth sometimes missing; routines inconsistent; carer distracted by own problems.",
        "Child often ignored, blamed or shouted at; frequent changes of carer or home.",
        "Child rejected or frightened of carers; no secure relationship with any adult.",
        [
            (U5, "Who gives you cuddles?"),
            (U11, "Who do you talk to when you are sad?"),
            (U12, "Do you feel listened to at home?"),
        ],
    ),
    (
        "Stimulation and education",
        "Play, learning, school attendance and interest in the child's progress.",
        "Talk to the school or nursery; low attendance and speech delay are common signs.",
        "Attends school or nursery well; toys and books; carers interested in progress.",
        "Attendance dipping; little play or talk at home; carers seldom engage with school.",
        "Poor attendance; developmental delay; carers not concerned about learning.",
        "Child kept out of education; serious delay; no stimulation at home.",
        [
            (U5, "What is your favourite game?"),
            (U11, "Who helps you with your reading?"),
            (U12, "What gets in the way of you going to school?"),
        ],
    ),
    (
        "The child's lived experience and voice",
        "What a day is like for the child, in their own words and behaviour.",
        "See the child alone where you can. A baby's voice is seen in how they are, not heard.",
        "Child says they are happy and cared for; presentation matches what they say.",
        "Child shows some worry or unhappiness; their account and the carers' differ a little.",
        "Child describes going without or being frightened; behaviour shows distress.",
        "Child says they are not cared for or safe; very withdrawn, or harming themselves.",
        [
            (U5, "Tell me about yesterday."),
            (U11, "What is the best and worst thing at home?"),
            (U12, "If you could change one thing at home, what would it be?"),
        ],
    ),
    (
        "Parental capacity and motivation to change",
        "Whether carers see the problem, accept help and keep changes going.",
        "Beware changes that do not last: look for a pattern of improvement and slipping back.",
        "Carers recognise needs, use help and keep improvements going.",
        "Carers accept some concerns; changes made but not always kept up.",
        "Carers minimise concerns or engage only on the surface; little real change.",
        "Carers refuse help, deny concerns or are unable to change within the child's time.",
        [
            (U5, "What happens when mummy or daddy is cross?"),
            (U11, "What is different at home since people started helping?"),
            (U12, "Do you think things at home are getting better?"),
        ],
    ),
    (
        "The family's wider circumstances",
        "Money, housing, support networks, and adults' own needs such as mental health.",
        "Poverty is not neglect, but it adds pressure. Ask about drink, drugs and domestic abuse.",
        "Enough income; stable housing; family and friends who help.",
        "Money or housing worries; few people to turn to; some adult needs unmet.",
        "Debt, insecure housing or isolation affecting care; adult mental ill health or drinking.",
        "Homelessness, domestic abuse or heavy substance use leaving the child unprotected.",
        [
            (U5, "Who comes to visit you?"),
            (U11, "Who else helps your family?"),
            (U12, "Do you worry about money or where you live?"),
        ],
    ),
]

GUIDANCE = (
    "<p>Use the toolkit to describe how well a child's needs are being met, area by area. It "
    "supports your professional judgement; it does not replace it.</p>"
    "<ul><li>Seek the child's voice in every area and write down their own words.</li>"
    "<li>Talk honestly and respectfully with the parents or carers about your worries.</li>"
    "<li>You may not be able to complete every area alone: ask other agencies what they know.</li>"
    "<li>Review the assessment regularly, so drift and delay are noticed.</li></ul>"
    "<p>Neglect is defined in Working Together to Safeguard Children 2023 as the persistent "
    "failure to meet a child's basic physical and/or psychological needs, likely to result in "
    "the serious impairment of the child's health or development.</p>"
)

NEXT_STEPS = (
    "<ul><li>Check your findings against the local continuum of need to decide what help the "
    "family needs.</li>"
    "<li>Where needs are unmet, talk to your manager or safeguarding lead, and make a referral "
    "to early help or children's social care as the continuum of need says.</li>"
    "<li>Take the assessment to supervision, and review it within 12 weeks.</li>"
    "<li>If a child is in immediate danger, call the police on 999.</li></ul>"
)


def areas_stream() -> list:
    """The StreamField value of the nine areas."""
    stream = []
    for title, summary, guidance, met, some, unmet, serious, questions in AREAS:
        stream.append(
            (
                "area",
                {
                    "title": title,
                    "summary": summary,
                    "guidance": f"<p>{guidance}</p>",
                    "needs_met": met,
                    "some_unmet": some,
                    "unmet": unmet,
                    "serious": serious,
                    "questions": [{"age_group": a, "question": q} for a, q in questions],
                },
            )
        )
    return stream
