"""The public certificate check: what it shows for each status, how it reads what people type,
and what stops it being used to hunt for codes."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import Certificate, CertificateStatus, _new_code
from courses.services.certificates import CODE_ALPHABET

from .certificate_helpers import make_certificate

pytestmark = pytest.mark.django_db

VERIFY = reverse("courses:verify")


def _check(client, code):
    return client.get(VERIFY, {"code": code})


def _html(client, code) -> str:
    return _check(client, code).content.decode()


# --- Reading codes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["abcde-23456", " ABCDE 23456 ", "abcde23456", "ABCDE–23456", "AB CDE-234 56", "abcde.23456"],
)
def test_codes_are_read_whatever_the_case_spacing_or_dashes(typed):
    assert services.certificate_code_normalise(typed) == "ABCDE-23456"


@pytest.mark.parametrize(
    "typed", ["ABCDE-2345", "ABCDE-234567", "ABCDE-2345O", "ABCDE-23410", "' OR 1=1 --", "é" * 10]
)
def test_anything_that_cannot_be_a_code_is_refused(typed):
    with pytest.raises(services.CourseRefusal, match="10 letters and numbers"):
        services.certificate_code_normalise(typed)


def test_the_alphabet_checked_is_the_one_codes_are_made_from():
    for _ in range(50):
        code = _new_code()
        assert set(code.replace("-", "")) <= CODE_ALPHABET


# --- What the check shows -----------------------------------------------------------------


def test_a_current_certificate_shows_whose_it_is_the_course_and_dates(client):
    certificate = make_certificate(
        learner_name="Harriet Example",
        course_title="Neglect: the essentials",
        completed_on=datetime.date(2026, 3, 4),
        expires_on=timezone.localdate() + datetime.timedelta(days=300),
    )
    html = _html(client, certificate.code.lower().replace("-", " "))
    assert "Current certificate" in html
    for text in (
        "Harriet Example",
        "Neglect: the essentials",
        "4 March 2026",
        certificate.expires_on.strftime("%-d %B %Y"),
        certificate.code,
    ):
        assert text in html


def test_a_certificate_that_does_not_expire_says_so(client):
    certificate = make_certificate(expires_on=None)
    html = _html(client, certificate.code)
    assert "Current certificate" in html
    assert "Does not expire" in html


def test_an_expired_certificate_says_when_it_expired(client):
    certificate = make_certificate(
        learner_name="Ravi Long", expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    html = _html(client, certificate.code)
    assert "Expired certificate" in html
    assert "Ravi Long" in html
    assert "Current certificate" not in html


def test_a_revoked_certificate_shows_the_date_but_not_the_reason(client, staff):
    certificate = make_certificate(learner_name="Jo Bloggs")
    when = timezone.now() - datetime.timedelta(days=3)
    services.certificate_revoke(
        certificate=certificate, by=staff, reason="Marked present by mistake", now=when
    )
    html = _html(client, certificate.code)
    assert "Revoked certificate" in html
    assert timezone.localdate(when).strftime("%-d %B %Y") in html
    assert "Jo Bloggs" in html
    assert "Marked present by mistake" not in html
    assert "Current certificate" not in html


def test_a_replaced_code_says_so_and_shows_nothing_personal(client, staff):
    certificate = make_certificate(learner_name="Amira Khan", course_title="Neglect day")
    old_code = certificate.code
    services.certificate_reissue(certificate=certificate, by=staff, reason="Name corrected")
    certificate.refresh_from_db()
    html = _html(client, old_code)
    assert "Replaced code" in html
    assert timezone.localdate().strftime("%-d %B %Y") in html
    for private in ("Amira Khan", "Neglect day", certificate.code, "Name corrected"):
        assert private not in html
    assert "Current certificate" in _html(client, certificate.code)


def test_an_unknown_code_is_named_and_says_to_check_the_typing(client):
    make_certificate()
    html = _html(client, "abcde-fghjk")
    assert "Unknown code" in html
    assert "ABCDE-FGHJK" in html
    assert "Current certificate" not in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the verification code"),
        ("ABCDE", "10 letters and numbers"),
        ("' OR 1=1 --", "10 letters and numbers"),
        ('"><script>', "10 letters and numbers"),
        ("x" * 5000, "too long for a verification code"),
    ],
)
def test_malformed_input_gets_a_clear_message_not_an_error(client, typed, message):
    response = _check(client, typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "There is a problem" in html
    assert 'id="verify-result"' not in html


def test_a_null_character_is_refused_with_a_message(client):
    response = _check(client, "ABCDE\x00-23456")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_the_check_is_anonymous_and_never_cached(client):
    certificate = make_certificate()
    response = _check(client, certificate.code)
    assert response.status_code == 200
    for directive in ("no-store", "no-cache", "private", "max-age=0"):
        assert directive in response["Cache-Control"]


def test_the_check_only_answers_get(client):
    assert client.post(VERIFY, {"code": "ABCDE-23456"}).status_code == 405


# --- Rate limit ---------------------------------------------------------------------------


@override_settings(CERTIFICATE_CHECK_RATE_LIMIT="3/m/ip")
def test_lookups_are_limited_per_client(client):
    certificate = make_certificate(learner_name="Lena Marsh")
    for code in ("ABCDE-FGHJK", "BCDEF-GHJKL", certificate.code):
        assert _check(client, code).status_code == 200
    response = _check(client, certificate.code)
    assert response.status_code == 429
    html = response.content.decode()
    assert "checked a lot of codes" in html
    assert "Lena Marsh" not in html
    # Another client (another address) is not held up by the first.
    other = client_from("10.0.0.9")
    assert "Lena Marsh" in _html(other, certificate.code)


@override_settings(CERTIFICATE_CHECK_RATE_LIMIT="2/m/ip")
def test_malformed_input_is_not_counted(client):
    certificate = make_certificate()
    for _ in range(5):
        _check(client, "nonsense")
    assert _check(client, certificate.code).status_code == 200


def client_from(address):
    from django.test import Client

    return Client(REMOTE_ADDR=address)


# --- Certificates that are no longer current -------------------------------------------------


def test_a_revoked_certificate_is_not_offered_to_the_learner(login, practitioner, staff):
    certificate = make_certificate(user=practitioner)
    services.certificate_revoke(certificate=certificate, by=staff, reason="Issued in error")
    client = login(practitioner)
    response = client.get(reverse("courses:certificate_pdf", args=[certificate.code]))
    assert response.status_code == 410
    assert "This certificate has been revoked" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    html = client.get(reverse("courses:my_learning")).content.decode()
    assert reverse("courses:certificate_pdf", args=[certificate.code]) not in html
    assert "No longer available" in html
    page = client.get(certificate.enrolment.course.url).content.decode()
    assert 'id="certificate-revoked"' in page
    assert "Download your certificate" not in page


def test_a_reissued_certificate_downloads_under_its_new_code_only(login, practitioner, staff):
    certificate = make_certificate(user=practitioner)
    old = certificate.code
    services.certificate_reissue(certificate=certificate, by=staff, reason="Name corrected")
    certificate.refresh_from_db()
    client = login(practitioner)
    assert client.get(reverse("courses:certificate_pdf", args=[old])).status_code == 404
    response = client.get(reverse("courses:certificate_pdf", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_expiry_reminders_skip_revoked_certificates(mailoutbox, staff):
    today = datetime.date(2027, 3, 1)
    revoked = make_certificate(expires_on=today + datetime.timedelta(days=60))
    kept = make_certificate(expires_on=today + datetime.timedelta(days=60))
    services.certificate_revoke(certificate=revoked, by=staff, reason="Issued in error")
    mailoutbox.clear()
    assert services.certificate_reminders_send(today=today) == 1
    assert [m.to[0] for m in mailoutbox] == [kept.enrolment.user.email]
    revoked.refresh_from_db()
    assert revoked.reminded_60_at is None


def test_a_reissued_certificate_is_reminded_about_once_not_once_per_code(mailoutbox, staff):
    today = datetime.date(2027, 3, 1)
    certificate = make_certificate(expires_on=today + datetime.timedelta(days=60))
    services.certificate_reissue(certificate=certificate, by=staff, reason="Name corrected")
    mailoutbox.clear()
    assert services.certificate_reminders_send(today=today) == 1
    assert len(mailoutbox) == 1
    assert services.certificate_reminders_send(today=today) == 0


def test_a_revoked_certificate_does_not_meet_a_prerequisite(practitioner, staff):
    from .factories import make_course

    first = make_certificate(user=practitioner)
    later = make_course(steps=0)
    later.prerequisites.add(first.enrolment.course)
    later.save()
    services.certificate_revoke(certificate=first, by=staff, reason="Issued in error")
    with pytest.raises(services.CourseRefusal, match="Complete"):
        services.enrolment_create(user=practitioner, course=later, confidence_before=3)


def test_status_is_worked_out_from_the_dates_and_revocation(staff):
    today = datetime.date(2027, 1, 10)
    certificate = make_certificate(expires_on=datetime.date(2027, 1, 10))
    assert certificate.status(today) == CertificateStatus.CURRENT
    assert certificate.status(today + datetime.timedelta(days=1)) == CertificateStatus.EXPIRED
    certificate = services.certificate_revoke(
        certificate=certificate, by=staff, reason="Issued in error"
    )
    assert certificate.status(today) == CertificateStatus.REVOKED


# --- Demo -----------------------------------------------------------------------------------


def test_the_demo_has_a_certificate_of_each_status_under_the_codes_the_guide_names():
    from seeding.courses import certificates as demo

    with override_settings(DEMO_MODE=True):
        call_command("seed_demo", stdout=io.StringIO())
        count = Certificate.objects.count()
        call_command("seed_demo", stdout=io.StringIO())
    assert Certificate.objects.count() == count
    expected = {
        demo.CURRENT_CODE: CertificateStatus.CURRENT,
        demo.EXPIRED_CODE: CertificateStatus.EXPIRED,
        demo.REVOKED_CODE: CertificateStatus.REVOKED,
        demo.REPLACED_CODE: CertificateStatus.REPLACED,
        demo.REISSUED_CODE: CertificateStatus.CURRENT,
    }
    for code, status in expected.items():
        assert services.certificate_check(code).status == status, code
    reissued = Certificate.objects.get(code=demo.REISSUED_CODE)
    assert reissued.learner_name == "Tom Ellis"
    from wagtail.models import ModelLogEntry

    entries = ModelLogEntry.objects.filter(action__startswith="courses.certificate_")
    assert sorted(e.user.email for e in entries) == ["staff@demo.example"] * 2
