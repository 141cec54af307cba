"""Training e-mails in the wording partnership staff save in Wagtail: every kind fills its own
placeholders, saved wording changes what is sent, bad placeholders are refused, and a preview
shows the e-mail filled with made-up values."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import notifications
from courses.models import Certificate, EmailKind, EmailTemplate
from courses.notifications.admin import email_templates_ensure
from courses.notifications.catalogue import KINDS, PLACEHOLDERS
from courses.notifications.render import PlaceholderProblem, fill, placeholder_errors
from tests.factories import UserFactory, role_user

from .factories import BookingFactory, EnrolmentFactory, SessionFactory, make_course

pytestmark = pytest.mark.django_db


class Objects:
    """A learner with a line manager, booked on an online session, holding a certificate."""

    def __init__(self):
        self.manager = role_user("supervisor", first_name="Morgan")
        self.learner = UserFactory(
            first_name="Jo", last_name="Bennett", confirmed_manager=self.manager
        )
        self.course = make_course(steps=1, title="Neglect in adolescence")
        self.session = SessionFactory(
            course=self.course,
            venue="",
            joining_details="https://meet.example/room-42",
            starts_at=timezone.now() + datetime.timedelta(days=20),
        )
        self.booking = BookingFactory(session=self.session, user=self.learner)
        self.enrolment = EnrolmentFactory(user=self.learner, course=self.course)
        self.certificate = Certificate.objects.create(
            enrolment=self.enrolment,
            learner_name="Jo Bennett",
            course_title=self.course.title,
            cpd_hours=3,
            completed_on=timezone.localdate(),
            expires_on=timezone.localdate() + datetime.timedelta(days=14),
        )


def _send(kind, o):
    """Send one ``kind`` e-mail; returns who it is to."""
    booking_kinds = {
        EmailKind.BOOKING_CONFIRMED: notifications.booking_confirmed,
        EmailKind.BOOKING_WAITING: notifications.booking_waiting,
        EmailKind.BOOKING_AWAITING_APPROVAL: notifications.booking_awaiting_approval,
        EmailKind.BOOKING_PROMOTED: notifications.booking_promoted,
        EmailKind.BOOKING_PROMOTED_NEW_PLACES: notifications.booking_promoted_new_places,
        EmailKind.SESSION_CHANGED: notifications.session_changed,
        EmailKind.SESSION_CANCELLED: notifications.session_cancelled,
        EmailKind.BOOKING_CANCELLED: notifications.booking_cancelled,
        EmailKind.BOOKING_REMINDER: notifications.booking_reminder,
        EmailKind.BOOKING_APPROVED: notifications.booking_approved,
        EmailKind.BOOKING_DECLINED: notifications.booking_declined,
    }
    if kind in booking_kinds:
        booking_kinds[kind](o.booking)
        return o.learner
    if kind == EmailKind.APPROVAL_ASKED:
        notifications.booking_awaiting_approval(o.booking)
        return o.manager
    if kind == EmailKind.CERTIFICATE_EXPIRY:
        notifications.certificate_expiry_reminder(o.certificate, days=14)
        return o.learner
    if kind == EmailKind.INTEREST_OFFERED:
        notifications.interest_offered(
            user=o.learner,
            session=o.session,
            expires_at=timezone.now() + datetime.timedelta(days=2),
        )
        return o.learner
    if kind == EmailKind.MANAGER_CONFIRMATION_ASKED:
        notifications.manager_confirmation_asked(
            manager=o.manager, learner=o.learner, confirm_url="/profile/manager/abc/"
        )
        return o.manager
    if kind == EmailKind.IMPACT_FOLLOW_UP_DUE:
        notifications.impact_follow_up_due(enrolment=o.enrolment, url="/learning/impact/1/")
        return o.learner
    if kind == EmailKind.IMPACT_MANAGER_ASKED:
        notifications.impact_manager_asked(
            enrolment=o.enrolment, manager=o.manager, url="/learning/impact/1/manager/"
        )
        return o.manager
    if kind == EmailKind.CERTIFICATE_REVOKED:
        notifications.certificate_revoked(certificate=o.certificate, reason="Issued in error.")
        return o.learner
    if kind == EmailKind.CERTIFICATE_REISSUED:
        notifications.certificate_reissued(certificate=o.certificate)
        return o.learner
    raise AssertionError(f"no sender for {kind}")


def _to(mailoutbox, user):
    found = [m for m in mailoutbox if m.to == [user.email]]
    assert len(found) == 1, [m.subject for m in mailoutbox]
    return found[0]


def test_every_kind_has_wording_and_only_known_placeholders():
    assert set(KINDS) == set(EmailKind.values)
    for kind in KINDS.values():
        assert kind.placeholders and set(kind.placeholders) <= set(PLACEHOLDERS)
        assert placeholder_errors(str(kind.subject), kind.placeholders) == []
        assert placeholder_errors(str(kind.body), kind.placeholders) == []
        assert kind.essential or kind.preference_label


@pytest.mark.parametrize("kind", EmailKind.values)
def test_default_wording_of_each_kind_is_filled_in(kind, mailoutbox):
    o = Objects()
    EmailTemplate.objects.all().delete()  # the defaults in code are used without any rows
    recipient = _send(kind, o)
    message = _to(mailoutbox, recipient)
    assert "{" not in message.subject + message.body
    assert "}" not in message.subject + message.body
    assert recipient.first_name in message.body
    assert o.course.title in message.subject + message.body or kind in {
        EmailKind.MANAGER_CONFIRMATION_ASKED,
        EmailKind.APPROVAL_ASKED,
    }


@pytest.mark.parametrize("kind", EmailKind.values)
def test_saved_wording_is_what_is_sent_with_every_placeholder_filled(kind, mailoutbox):
    o = Objects()
    email_templates_ensure()
    spec = KINDS[kind]
    template = EmailTemplate.objects.get(kind=kind)
    template.subject = "Edited: {" + spec.placeholders[0] + "}"
    template.body = " ".join(f"<{name}>{{{name}}}</{name}>" for name in spec.placeholders)
    template.full_clean()
    template.save()

    recipient = _send(kind, o)
    message = _to(mailoutbox, recipient)
    assert message.subject.startswith("Edited: ")
    values = dict(re.findall(r"<(\w+)>(.*?)</\1>", message.body, flags=re.S))
    assert list(values) == list(spec.placeholders)
    assert values["first_name"] == recipient.first_name
    for name, value in values.items():
        assert "{" not in value
        if name != "joining_details":
            assert value, name
        if name.endswith("_url"):
            assert value.startswith("http"), (name, value)
    if "course_title" in values:
        assert values["course_title"] == o.course.title
    if "learner_name" in values:
        assert values["learner_name"] == "Jo Bennett"


def test_joining_details_are_for_a_place_holder_only(mailoutbox):
    o = Objects()
    notifications.booking_confirmed(o.booking)
    (message,) = [m for m in mailoutbox if m.to == [o.learner.email]]
    assert "https://meet.example/room-42" in message.body
    mailoutbox.clear()
    o.booking.status = "waiting"
    notifications.booking_waiting(o.booking)
    assert all("meet.example" not in m.body for m in mailoutbox)


def test_editing_the_wording_changes_the_next_email(mailoutbox):
    o = Objects()
    email_templates_ensure()
    EmailTemplate.objects.filter(kind=EmailKind.BOOKING_CONFIRMED).update(
        subject="See you at {course_title}", body="Hi {first_name}, you're in: {booking_url}"
    )
    notifications.booking_confirmed(o.booking)
    message = next(m for m in mailoutbox if m.to == [o.learner.email])
    assert message.subject == f"See you at {o.course.title}"
    assert message.body.startswith("Hi Jo, you're in: http")
    assert message.attachments  # the calendar file still goes with it


# --- Placeholders are checked and filled safely --------------------------------------------


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Hello {frist_name}", "{frist_name} is not a placeholder this e-mail can use"),
        ("{user.password}", "{user.password} is not allowed"),
        ("{first_name.__class__}", "{first_name.__class__} is not allowed"),
        ("{learner[0]}", "{learner[0]} is not allowed"),
        ("{first_name!r}", "Write {first_name!r} as {first_name}"),
        ("{first_name:>30}", "Write {first_name:>30} as {first_name}"),
        ("{}", "Empty braces"),
        ("Hello {first_name", "Check the braces"),
        ("Hello first_name}", "Check the braces"),
    ],
)
def test_bad_placeholders_are_named(text, named):
    problems = placeholder_errors(text, KINDS[EmailKind.BOOKING_CONFIRMED].placeholders)
    assert problems and named in problems[0]


def test_unknown_placeholder_message_lists_the_allowed_ones():
    (problem,) = placeholder_errors(
        "{certificate_code}", KINDS[EmailKind.BOOKING_WAITING].placeholders
    )
    assert "{first_name}, {full_name}, {course_title}" in problem


def test_doubled_braces_are_plain_braces():
    allowed = ("first_name",)
    assert fill("{{not a placeholder}} {first_name}", {"first_name": "Sam"}, allowed) == (
        "{not a placeholder} Sam"
    )


def test_fill_never_reaches_into_an_object():
    user = UserFactory()
    with pytest.raises(PlaceholderProblem):
        fill("{user.password}", {"user": user}, ("user",))
    with pytest.raises(PlaceholderProblem):
        fill("{first_name.__class__.__mro__}", {"first_name": "Sam"}, ("first_name",))


def test_saved_wording_that_went_bad_is_not_sent_and_the_default_is(mailoutbox):
    o = Objects()
    email_templates_ensure()
    # Written straight to the database, past the checks (as an old, since-removed placeholder
    # would be).
    EmailTemplate.objects.filter(kind=EmailKind.BOOKING_CONFIRMED).update(
        body="{first_name.__class__} {password}"
    )
    notifications.booking_confirmed(o.booking)
    message = next(m for m in mailoutbox if m.to == [o.learner.email])
    assert "class" not in message.body
    assert "Your place on this training session is confirmed." in message.body


def test_model_refuses_bad_placeholders_with_the_field_named():
    email_templates_ensure()
    template = EmailTemplate.objects.get(kind=EmailKind.BOOKING_REMINDER)
    template.subject = "Reminder {user.email}"
    template.body = "{frist_name}"
    with pytest.raises(Exception) as caught:
        template.full_clean()
    assert set(caught.value.message_dict) == {"subject", "body"}


# --- The Wagtail screens ------------------------------------------------------------------


def _edit_url(template):
    return reverse("wagtailsnippets_courses_emailtemplate:edit", args=[template.pk])


def _form(template, **changes):
    return {"subject": template.subject, "body": template.body, **changes}


def test_staff_see_every_kind_listed(login, staff):
    EmailTemplate.objects.all().delete()
    response = login(staff).get(reverse("wagtailsnippets_courses_emailtemplate:list"))
    assert response.status_code == 200
    assert EmailTemplate.objects.count() == len(EmailKind.values)
    content = response.content.decode()
    assert "Session reminder" in content and "Certificate revoked" in content
    assert "Unless turned off" in content


def test_practitioners_cannot_open_the_screens(login, practitioner):
    email_templates_ensure()
    template = EmailTemplate.objects.first()
    response = login(practitioner).get(_edit_url(template))
    assert response.status_code == 403


def test_nobody_adds_or_deletes_a_kind(login, staff):
    email_templates_ensure()
    template = EmailTemplate.objects.first()
    client = login(staff)
    add = client.post(reverse("wagtailsnippets_courses_emailtemplate:add"), _form(template))
    delete = client.post(
        reverse("wagtailsnippets_courses_emailtemplate:delete", args=[template.pk])
    )
    assert add.status_code != 200 and delete.status_code != 200
    assert EmailTemplate.objects.count() == len(EmailKind.values)


def test_staff_edit_the_wording(login, staff):
    email_templates_ensure()
    template = EmailTemplate.objects.get(kind=EmailKind.BOOKING_REMINDER)
    client = login(staff)
    page = client.get(_edit_url(template))
    assert "{session_where}" in page.content.decode()  # the help text lists the placeholders
    response = client.post(
        _edit_url(template), _form(template, subject="Not long now: {course_title}")
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.subject == "Not long now: {course_title}"
    assert not template.is_default


def test_bad_placeholder_is_refused_on_the_form_and_nothing_changes(login, staff):
    email_templates_ensure()
    template = EmailTemplate.objects.get(kind=EmailKind.BOOKING_REMINDER)
    before = (template.subject, template.body)
    response = login(staff).post(
        _edit_url(template), _form(template, body="Hello {frist_name} {user.password}")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "{frist_name} is not a placeholder this e-mail can use" in content
    assert "{user.password} is not allowed" in content
    template.refresh_from_db()
    assert (template.subject, template.body) == before


def test_reset_goes_back_to_the_default_wording(login, staff):
    email_templates_ensure()
    template = EmailTemplate.objects.get(kind=EmailKind.SESSION_CHANGED)
    EmailTemplate.objects.filter(pk=template.pk).update(subject="Changed {course_title}")
    response = login(staff).post(
        _edit_url(template), _form(template, body="{broken", reset_to_default="on")
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.is_default
    assert template.subject == str(KINDS[EmailKind.SESSION_CHANGED].subject)


def test_preview_shows_the_edited_wording_filled_with_made_up_values(login, staff):
    email_templates_ensure()
    template = EmailTemplate.objects.get(kind=EmailKind.BOOKING_CONFIRMED)
    client = login(staff)
    url = reverse("wagtailsnippets_courses_emailtemplate:preview_on_edit", args=[template.pk])
    posted = client.post(
        url,
        _form(
            template,
            subject="Booked: {course_title}",
            body="Hi {first_name}, at <b>{session_where}</b>",
        ),
    )
    assert posted.json() == {"is_valid": True, "is_available": True}
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Booked: Recognising child neglect" in content
    assert "Hi Sam, at &lt;b&gt;Civic Centre, Committee Room 2&lt;/b&gt;" in content
    assert "Always sent" in content
    template.refresh_from_db()
    assert template.subject != "Booked: {course_title}"  # a preview saves nothing


def test_preview_of_bad_wording_is_not_available(login, staff):
    email_templates_ensure()
    template = EmailTemplate.objects.get(kind=EmailKind.BOOKING_CONFIRMED)
    client = login(staff)
    url = reverse("wagtailsnippets_courses_emailtemplate:preview_on_edit", args=[template.pk])
    posted = client.post(url, _form(template, body="{user.password}"))
    assert posted.json()["is_valid"] is False
