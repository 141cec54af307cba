"""Every kind of training e-mail: who may turn it off, whether the line manager gets a copy,
which placeholders it offers, its default wording, and made-up values for previews.

Essential e-mails (about a person's own bookings, changes, cancellations, approval decisions
and certificates, and requests a manager must act on for a booking or relationship to count)
are always sent. Reminders, offers from an interest list and the impact follow-ups are
optional: a person may turn them off on their e-mail preferences page.

Line managers get a copy of e-mails about a learner's own training when the partnership's
training settings say so. They never get a copy of an e-mail that is about themselves: one
sent to them, or one about a decision they made or are asked to make.
"""

from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from ..models.notifications import EmailKind


@dataclass(frozen=True)
class Placeholder:
    help: str
    sample: str


PLACEHOLDERS: dict[str, Placeholder] = {
    "first_name": Placeholder(_("first name of the person the e-mail is to"), "Sam"),
    "full_name": Placeholder(_("full name of the person the e-mail is to"), "Sam Okafor"),
    "learner_name": Placeholder(_("full name of the learner"), "Jo Bennett"),
    "course_title": Placeholder(_("title of the course"), "Recognising child neglect"),
    "session_when": Placeholder(
        _("date and time of the session"), "Tuesday 3 March 2026, 09:30 to 12:30"
    ),
    "session_where": Placeholder(
        _("venue of the session, or Online"), "Civic Centre, Committee Room 2"
    ),
    "joining_details": Placeholder(
        _("the online joining details under a heading, for people with a place; empty otherwise"),
        "Joining details:\nJoin on Teams: https://teams.example/meet/123",
    ),
    "booking_url": Placeholder(
        _("link to the session, to see or change the booking"),
        "https://learning.example/learning/sessions/12/",
    ),
    "approvals_url": Placeholder(
        _("link to the bookings waiting for approval"),
        "https://learning.example/learning/approvals/",
    ),
    "offer_expires": Placeholder(
        _("date and time the offered place is held until"), "Friday 27 February 2026, 17:00"
    ),
    "confirm_url": Placeholder(
        _("link to confirm the line management"), "https://learning.example/profile/confirm/"
    ),
    "follow_up_url": Placeholder(
        _("link to the impact questions"), "https://learning.example/learning/impact/7/"
    ),
    "course_url": Placeholder(
        _("link to the course"), "https://learning.example/training/recognising-neglect/"
    ),
    "certificate_code": Placeholder(_("verification code of the certificate"), "ABCDE-23456"),
    "certificate_url": Placeholder(
        _("link to download the certificate"),
        "https://learning.example/learning/certificates/ABCDE-23456.pdf",
    ),
    "verify_url": Placeholder(
        _("link to the public certificate check"), "https://learning.example/learning/verify/"
    ),
    "expiry_date": Placeholder(_("date the certificate expires"), "14 May 2026"),
    "days_left": Placeholder(_("days until the certificate expires"), "14"),
    "reason": Placeholder(_("reason given by partnership staff"), "Issued to the wrong person."),
}

SESSION = ("first_name", "full_name", "course_title", "session_when", "session_where")
BOOKING = (*SESSION, "booking_url")
WITH_JOINING = (*BOOKING, "joining_details")
CERTIFICATE = ("first_name", "full_name", "course_title", "certificate_code")

# A pseudo-kind on the preferences page: copies a line manager gets about their team.
MANAGER_COPIES = "manager_copies"


@dataclass(frozen=True)
class Kind:
    key: str
    placeholders: tuple[str, ...]
    subject: str
    body: str
    essential: bool = True
    # A copy goes to the learner's confirmed line manager when the training settings say so.
    copy_manager: bool = True
    # What the preferences page calls an optional kind.
    preference_label: str = ""


def _booking_lines(opening, *, joining=True, closing="", link=None) -> str:
    lines = [
        str(_("Hello {first_name},")),
        "",
        str(opening),
        "",
        str(_("Course: {course_title}")),
        str(_("When: {session_when}")),
        str(_("Where: {session_where}")),
    ]
    if joining:
        lines += ["", "{joining_details}"]
    if closing:
        lines += ["", str(closing)]
    lines += ["", f"{link or _('See or change your booking:')} {{booking_url}}"]
    return "\n".join(lines)


# Worked out when the text is used, so it is in the language of the moment.
_booking_body = lazy(_booking_lines, str)


def _kind(key, placeholders, subject, body, **options) -> Kind:
    return Kind(key=key, placeholders=placeholders, subject=subject, body=body, **options)


_PLACE_ELSEWHERE = _("Look at the course page for other dates.")

KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in [
        _kind(
            EmailKind.BOOKING_CONFIRMED,
            WITH_JOINING,
            _("Your place is confirmed: {course_title}"),
            _booking_body(_("Your place on this training session is confirmed.")),
        ),
        _kind(
            EmailKind.BOOKING_WAITING,
            BOOKING,
            _("You are on the waiting list: {course_title}"),
            _booking_body(
                _(
                    "This session is full, so you are on the waiting list. If a place comes "
                    "up you will get it automatically and we will e-mail you."
                ),
                joining=False,
            ),
        ),
        _kind(
            EmailKind.BOOKING_AWAITING_APPROVAL,
            BOOKING,
            _("Booking waiting for approval: {course_title}"),
            _booking_body(
                _(
                    "We are holding a place for you. Your line manager needs to approve the "
                    "booking before it is confirmed."
                ),
                joining=False,
            ),
            # The manager gets the request to approve instead.
            copy_manager=False,
        ),
        _kind(
            EmailKind.BOOKING_PROMOTED,
            WITH_JOINING,
            _("A place has come up: {course_title}"),
            _booking_body(
                _("Someone cancelled, so you have moved off the waiting list and now have a place.")
            ),
        ),
        _kind(
            EmailKind.BOOKING_PROMOTED_NEW_PLACES,
            WITH_JOINING,
            _("A place has come up: {course_title}"),
            _booking_body(
                _(
                    "More places have been added to this session, so you have moved off the "
                    "waiting list and now have a place."
                )
            ),
        ),
        _kind(
            EmailKind.SESSION_CHANGED,
            WITH_JOINING,
            _("Training session changed: {course_title}"),
            _booking_body(
                _(
                    "The time or place of this training session has changed. The new details "
                    "are below."
                )
            ),
        ),
        _kind(
            EmailKind.SESSION_CANCELLED,
            BOOKING,
            _("Training session cancelled: {course_title}"),
            _booking_body(
                _(
                    "We are sorry: this training session has been cancelled, so your booking "
                    "has been cancelled too."
                ),
                joining=False,
                closing=_PLACE_ELSEWHERE,
            ),
        ),
        _kind(
            EmailKind.BOOKING_CANCELLED,
            BOOKING,
            _("Booking cancelled: {course_title}"),
            _booking_body(_("Your booking has been cancelled."), joining=False),
        ),
        _kind(
            EmailKind.BOOKING_REMINDER,
            WITH_JOINING,
            _("Reminder: {course_title}"),
            _booking_body(_("This is a reminder of your training session.")),
            essential=False,
            preference_label=_("Reminders two days before a training session"),
        ),
        _kind(
            EmailKind.APPROVAL_ASKED,
            ("first_name", "learner_name", "course_title", "session_when", "session_where")
            + ("approvals_url",),
            _("Please approve a training booking"),
            _(
                "Hello {first_name},\n\n{learner_name} has booked {course_title} "
                "({session_when}, {session_where}). As their line manager, please approve or "
                "decline the booking. Until you do, their place is held but not confirmed.\n\n"
                "Approve or decline it here: {approvals_url}"
            ),
            copy_manager=False,
        ),
        _kind(
            EmailKind.BOOKING_APPROVED,
            WITH_JOINING,
            _("Booking approved, your place is confirmed: {course_title}"),
            _booking_body(_("Your booking has been approved, so your place is confirmed.")),
            copy_manager=False,
        ),
        _kind(
            EmailKind.BOOKING_DECLINED,
            BOOKING,
            _("Booking not approved: {course_title}"),
            _booking_body(
                _("Your booking was not approved, so the place has been released."),
                joining=False,
            ),
            copy_manager=False,
        ),
        _kind(
            EmailKind.CERTIFICATE_EXPIRY,
            (*CERTIFICATE, "learner_name", "expiry_date", "days_left", "course_url"),
            _("Certificate expires on {expiry_date}: {course_title}"),
            _(
                "Hello {first_name},\n\nThe certificate for {course_title} held by "
                "{learner_name} expires on {expiry_date} (in {days_left} days). Refresher "
                "training keeps it current: {course_url}"
            ),
            essential=False,
            preference_label=_("Reminders before a certificate expires"),
        ),
        _kind(
            EmailKind.INTEREST_OFFERED,
            (*BOOKING, "offer_expires"),
            _("A place is being held for you: {course_title}"),
            _booking_body(
                _(
                    "You asked to hear about new dates for this course. A place on this "
                    "session is held for you until {offer_expires}. After that it is offered "
                    "to the next person."
                ),
                joining=False,
                link=_("Book the place or decline it:"),
            ),
            essential=False,
            preference_label=_("Offers of a place on a course you registered interest in"),
        ),
        _kind(
            EmailKind.MANAGER_CONFIRMATION_ASKED,
            ("first_name", "learner_name", "confirm_url"),
            _("Please confirm you are {learner_name}'s line manager"),
            _(
                "Hello {first_name},\n\n{learner_name} has named you as their line manager on "
                "the learning site. Until you confirm it, you cannot approve their training "
                "bookings and you are not sent copies of their training e-mails.\n\nConfirm, "
                "or say you are not their line manager: {confirm_url}"
            ),
            copy_manager=False,
        ),
        _kind(
            EmailKind.IMPACT_FOLLOW_UP_DUE,
            ("first_name", "full_name", "course_title", "follow_up_url"),
            _("What do you do differently since {course_title}?"),
            _(
                "Hello {first_name},\n\nSome time ago you completed {course_title}. Please "
                "tell us what you now do differently in your practice, with an example, and "
                "how confident you feel. It takes about five minutes.\n\n"
                "Answer the questions: {follow_up_url}\n\n"
                "Do not include names or details of children or families. Your line manager "
                "will be asked to confirm your answer."
            ),
            essential=False,
            # The manager is asked separately (impact_manager_asked).
            copy_manager=False,
            preference_label=_("Questions about what you do differently after a course"),
        ),
        _kind(
            EmailKind.IMPACT_MANAGER_ASKED,
            ("first_name", "learner_name", "course_title", "follow_up_url"),
            _("Has {learner_name}'s practice changed since {course_title}?"),
            _(
                "Hello {first_name},\n\n{learner_name} completed {course_title} some time "
                "ago. As their line manager, please confirm or comment on what they now do "
                "differently.\n\nGive your view: {follow_up_url}"
            ),
            essential=False,
            copy_manager=False,
            preference_label=_("Requests to comment on what your team do differently"),
        ),
        _kind(
            EmailKind.CERTIFICATE_REVOKED,
            (*CERTIFICATE, "reason", "verify_url"),
            _("Certificate revoked: {course_title}"),
            _(
                "Hello {first_name},\n\nThe partnership has revoked your certificate for "
                "{course_title} (verification code {certificate_code}). Anyone who checks the "
                "code is told it has been revoked.\n\nReason: {reason}\n\n"
                "Check a certificate: {verify_url}"
            ),
        ),
        _kind(
            EmailKind.CERTIFICATE_REISSUED,
            (*CERTIFICATE, "certificate_url"),
            _("Certificate re-issued: {course_title}"),
            _(
                "Hello {first_name},\n\nYour certificate for {course_title} has been issued "
                "again. Its verification code is {certificate_code}.\n\n"
                "Download it: {certificate_url}"
            ),
        ),
    ]
}

# Optional kinds in the order the preferences page lists them, then manager copies.
OPTIONAL = [kind for kind in KINDS.values() if not kind.essential]
MANAGER_COPIES_LABEL = _("Copies of e-mails about the training of people you line manage")
PREFERENCE_CHOICES = [(k.key, k.preference_label) for k in OPTIONAL] + [
    (MANAGER_COPIES, MANAGER_COPIES_LABEL)
]
