"""Revoking and re-issuing certificates: who may, the refusals (each leaving the certificate as
it was), the audit log, the learner's e-mail, and the staff screens in the admin."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from courses import services
from courses.models import Certificate, ReplacedCertificateCode
from courses.services.certificates import REISSUE_ACTION, REVOKE_ACTION

from .certificate_helpers import make_certificate

pytestmark = pytest.mark.django_db


def _snapshot(certificate):
    certificate = Certificate.objects.get(pk=certificate.pk)
    return (
        certificate.code,
        certificate.revoked_at,
        certificate.revoked_reason,
        certificate.learner_name,
        ReplacedCertificateCode.objects.count(),
        ModelLogEntry.objects.filter(action__in=[REVOKE_ACTION, REISSUE_ACTION]).count(),
    )


# --- The services -------------------------------------------------------------------------


def test_staff_revoke_with_a_reason_logged_and_the_learner_emailed(staff, mailoutbox):
    certificate = make_certificate()
    mailoutbox.clear()
    services.certificate_revoke(certificate=certificate, by=staff, reason="  Issued in error ")
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert certificate.revoked_reason == "Issued in error"
    entry = ModelLogEntry.objects.get(action=REVOKE_ACTION)
    assert entry.user == staff
    assert entry.object_id == str(certificate.pk)
    assert entry.data == {"reason": "Issued in error", "code": certificate.code}
    assert [m.to for m in mailoutbox] == [[certificate.enrolment.user.email]]
    assert "revoked" in mailoutbox[0].subject
    assert "Issued in error" in mailoutbox[0].body
    assert certificate.code in mailoutbox[0].body


def test_staff_reissue_with_a_new_code_the_old_one_replaced(staff, mailoutbox):
    certificate = make_certificate(learner_name="Tom Elis")
    user = certificate.enrolment.user
    old = certificate.code
    mailoutbox.clear()
    services.certificate_reissue(certificate=certificate, by=staff, reason="Surname misspelt")
    certificate.refresh_from_db()
    assert certificate.code != old
    assert certificate.learner_name == user.get_full_name()
    assert ReplacedCertificateCode.objects.get().code == old
    entry = ModelLogEntry.objects.get(action=REISSUE_ACTION)
    assert entry.user == staff
    assert entry.data == {
        "reason": "Surname misspelt",
        "old_code": old,
        "new_code": certificate.code,
    }
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert certificate.code in mailoutbox[0].body
    # Re-issued twice: both old codes say "replaced".
    services.certificate_reissue(certificate=certificate, by=staff, reason="Again")
    assert ReplacedCertificateCode.objects.filter(certificate=certificate).count() == 2


@pytest.mark.parametrize("role", ["practitioner", "supervisor", "partnership_admin"])
def test_only_partnership_staff_revoke_or_reissue(request, role, mailoutbox):
    person = request.getfixturevalue(role)
    certificate = make_certificate()
    before = _snapshot(certificate)
    mailoutbox.clear()
    with pytest.raises(services.CourseRefusal, match="Only partnership staff"):
        services.certificate_revoke(certificate=certificate, by=person, reason="Because")
    with pytest.raises(services.CourseRefusal, match="Only partnership staff"):
        services.certificate_reissue(certificate=certificate, by=person, reason="Because")
    assert _snapshot(certificate) == before
    assert not mailoutbox


def test_the_learner_cannot_revoke_their_own_certificate(practitioner):
    certificate = make_certificate(user=practitioner)
    with pytest.raises(services.CourseRefusal):
        services.certificate_revoke(certificate=certificate, by=practitioner, reason="Mine")


def test_an_admin_who_is_also_staff_may(partnership_admin, staff):
    from django.contrib.auth.models import Group

    from elearning.accounts.roles import STAFF_GROUP

    partnership_admin.groups.add(Group.objects.get(name=STAFF_GROUP))
    partnership_admin.refresh_from_db()
    certificate = make_certificate()
    services.certificate_revoke(certificate=certificate, by=partnership_admin, reason="Error")
    assert Certificate.objects.get(pk=certificate.pk).revoked_at is not None


def test_revoking_twice_is_refused_and_changes_nothing(staff, mailoutbox):
    certificate = make_certificate()
    services.certificate_revoke(certificate=certificate, by=staff, reason="First")
    before = _snapshot(certificate)
    mailoutbox.clear()
    with pytest.raises(services.CourseRefusal, match="already revoked"):
        services.certificate_revoke(certificate=certificate, by=staff, reason="Second")
    assert _snapshot(certificate) == before
    assert Certificate.objects.get(pk=certificate.pk).revoked_reason == "First"
    assert not mailoutbox


def test_a_revoked_certificate_cannot_be_reissued(staff):
    certificate = make_certificate()
    services.certificate_revoke(certificate=certificate, by=staff, reason="Error")
    before = _snapshot(certificate)
    with pytest.raises(services.CourseRefusal, match="cannot be re-issued"):
        services.certificate_reissue(certificate=certificate, by=staff, reason="Undo")
    assert _snapshot(certificate) == before


@pytest.mark.parametrize("reason", ["", "   ", "x" * 1001])
@pytest.mark.parametrize("service", ["certificate_revoke", "certificate_reissue"])
def test_a_reason_is_needed_and_limited(staff, service, reason):
    certificate = make_certificate()
    before = _snapshot(certificate)
    with pytest.raises(services.CourseRefusal) as refusal:
        getattr(services, service)(certificate=certificate, by=staff, reason=reason)
    assert "reason" in refusal.value.message_dict
    assert _snapshot(certificate) == before


# --- The admin screens --------------------------------------------------------------------


def _url(name, certificate_id):
    return reverse(f"certificates:{name}", args=[certificate_id])


def test_staff_find_a_certificate_by_code_learner_or_old_code(login, staff):
    wanted = make_certificate(learner_name="Harriet Example")
    other = make_certificate(learner_name="Someone Else")
    client = login(staff)
    index = reverse("certificates:index")
    for query in (
        wanted.code,
        wanted.code.lower().replace("-", ""),
        "harriet",
        wanted.enrolment.user.email,
    ):
        html = client.get(index, {"q": query}).content.decode()
        assert "Harriet Example" in html, query
        assert other.code not in html, query
    old = wanted.code
    services.certificate_reissue(certificate=wanted, by=staff, reason="Name")
    wanted.refresh_from_db()
    html = client.get(index, {"q": old}).content.decode()
    assert wanted.code in html


def test_the_menu_shows_certificates_to_staff_only(login, staff, partnership_admin):
    url = reverse("certificates:index")
    assert url in login(staff).get(reverse("wagtailadmin_home")).content.decode()
    assert url not in login(partnership_admin).get(reverse("wagtailadmin_home")).content.decode()


def test_staff_revoke_from_the_admin_and_see_the_history(login, staff):
    certificate = make_certificate()
    client = login(staff)
    response = client.post(_url("revoke", certificate.pk), {"reason": "Issued in error"})
    assert response.status_code == 302
    assert response["Location"] == _url("detail", certificate.pk)
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Issued in error"
    html = client.get(_url("detail", certificate.pk)).content.decode()
    assert "Issued in error" in html
    assert staff.get_full_name() in html
    assert _url("revoke", certificate.pk) not in html  # nothing more to do


def test_staff_reissue_from_the_admin(login, staff):
    certificate = make_certificate()
    old = certificate.code
    client = login(staff)
    response = client.post(_url("reissue", certificate.pk), {"reason": "Name corrected"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.code != old
    html = client.get(_url("detail", certificate.pk)).content.decode()
    assert old in html and certificate.code in html and "Name corrected" in html


def test_an_empty_reason_is_shown_on_the_form_and_nothing_changes(login, staff):
    certificate = make_certificate()
    before = _snapshot(certificate)
    response = login(staff).post(_url("revoke", certificate.pk), {"reason": "  "})
    assert response.status_code == 200
    assert "Enter the reason" in response.content.decode()
    assert _snapshot(certificate) == before


def test_revoking_twice_from_the_admin_is_shown_as_a_refusal(login, staff):
    certificate = make_certificate()
    services.certificate_revoke(certificate=certificate, by=staff, reason="First")
    before = _snapshot(certificate)
    response = login(staff).post(_url("revoke", certificate.pk), {"reason": "Second"})
    assert response.status_code == 200
    assert "already revoked" in response.content.decode()
    assert _snapshot(certificate) == before


@pytest.mark.parametrize("role", ["partnership_admin", "supervisor", "practitioner"])
@pytest.mark.parametrize("view", ["revoke", "reissue"])
def test_others_posting_to_the_admin_change_nothing(request, login, role, view):
    certificate = make_certificate()
    before = _snapshot(certificate)
    response = login(request.getfixturevalue(role)).post(
        _url(view, certificate.pk), {"reason": "Because"}
    )
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    assert _snapshot(certificate) == before


@pytest.mark.parametrize("certificate_id", [999_999, 2**63, 2**70])
@pytest.mark.parametrize("view", ["detail", "revoke", "reissue"])
def test_tampered_ids_are_not_found(login, staff, view, certificate_id):
    make_certificate()
    before = ReplacedCertificateCode.objects.count()
    client = login(staff)
    if view == "detail":
        response = client.get(_url(view, certificate_id))
    else:
        response = client.post(_url(view, certificate_id), {"reason": "Because"})
    assert response.status_code == 404
    assert ReplacedCertificateCode.objects.count() == before
    assert not Certificate.objects.filter(revoked_at__isnull=False).exists()
