"""Checking a certificate by its code, and revoking and re-issuing certificates.

The public check names the holder, the course and the dates, so it must not help anyone guess
codes: codes are ten random characters from a 32-letter alphabet (about 10^15 of them), the
check view limits how many codes one client may try, and a code that was replaced says only
that it was replaced.

Revoking and re-issuing are for partnership staff (``permissions.can_manage_certificates``).
Each is recorded in Wagtail's audit log (who, when, the reason, the codes) and the learner is
told by e-mail.
"""

import datetime
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import notifications
from ..models import Certificate, CertificateStatus, ReplacedCertificateCode, _new_code
from ..permissions import can_manage_certificates
from .common import CourseRefusal

REVOKE_ACTION = "courses.certificate_revoke"
REISSUE_ACTION = "courses.certificate_reissue"

# The characters ``models._new_code`` uses: no I, O, 0 or 1, which are easily confused.
CODE_ALPHABET = frozenset("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
CODE_LENGTH = 10
# Spaces, full stops, underscores and every kind of dash people (or word processors) type.
_SEPARATORS = re.compile(r"[\s._\-\u2010-\u2015\u2212]+")
REASON_MAX_LENGTH = 1000


# --- The public check ----------------------------------------------------------------------


def certificate_code_normalise(raw: str) -> str:
    """The code in its printed form (ABCDE-23456), whatever the case, spacing or dashes;
    refuses anything that cannot be a code, with a message saying what one looks like."""
    compact = _SEPARATORS.sub("", raw or "").upper()
    if not compact:
        raise CourseRefusal(_("Enter the verification code."))
    if len(compact) != CODE_LENGTH or not set(compact) <= CODE_ALPHABET:
        raise CourseRefusal(
            _(
                "Enter the code as it is printed on the certificate: 10 letters and numbers, "
                "for example ABCDE-23456. Codes never use the letters I or O or the numbers 0 "
                "or 1."
            )
        )
    return f"{compact[:5]}-{compact[5:]}"


@dataclass(frozen=True)
class CertificateCheck:
    """What the public check says about a code. ``certificate`` is None for a replaced
    code: its check shows the status and date only."""

    code: str
    status: CertificateStatus
    certificate: Certificate | None = None
    replaced_on: datetime.date | None = None

    @property
    def revoked_on(self) -> datetime.date | None:
        if self.certificate is None or self.certificate.revoked_at is None:
            return None
        return timezone.localdate(self.certificate.revoked_at)


def certificate_check(code: str, *, today: datetime.date | None = None) -> CertificateCheck | None:
    """Look a normalised code up: the certificate's status, or None when no certificate ever
    had this code."""
    today = today or timezone.localdate()
    certificate = Certificate.objects.filter(code=code).first()
    if certificate is not None:
        return CertificateCheck(
            code=code, status=certificate.status(today), certificate=certificate
        )
    replaced = ReplacedCertificateCode.objects.filter(code=code).first()
    if replaced is not None:
        return CertificateCheck(
            code=code,
            status=CertificateStatus.REPLACED,
            replaced_on=timezone.localdate(replaced.replaced_at),
        )
    return None


# --- Revoking and re-issuing ---------------------------------------------------------------


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise CourseRefusal({"reason": _("Enter the reason.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise CourseRefusal(
            {
                "reason": _("The reason must be %(max)s characters or fewer.")
                % {"max": REASON_MAX_LENGTH}
            }
        )
    return reason


def _locked(certificate: Certificate) -> Certificate:
    return (
        Certificate.objects.select_for_update()
        .select_related("enrolment__user", "enrolment__course")
        .get(pk=certificate.pk)
    )


def _unused_code() -> str:
    # A clash is vanishingly unlikely, but a code must never name two certificates.
    while True:
        code = _new_code()
        if not (
            Certificate.objects.filter(code=code).exists()
            or ReplacedCertificateCode.objects.filter(code=code).exists()
        ):
            return code


def certificate_revoke(
    *, certificate: Certificate, by, reason: str, now: datetime.datetime | None = None
) -> Certificate:
    """Revoke a certificate (for example one issued in error). It stays on record, its check
    says "revoked" with the date, and the learner is e-mailed the reason."""
    now = now or timezone.now()
    if not can_manage_certificates(by):
        raise CourseRefusal(_("Only partnership staff can revoke certificates."))
    reason = _clean_reason(reason)
    with transaction.atomic():
        certificate = _locked(certificate)
        if certificate.revoked_at is not None:
            raise CourseRefusal(
                _("This certificate was already revoked on %(date)s.")
                % {"date": date_format(timezone.localdate(certificate.revoked_at), "j F Y")}
            )
        certificate.revoked_at = now
        certificate.revoked_reason = reason
        certificate.full_clean()
        certificate.save(update_fields=["revoked_at", "revoked_reason"])
        log(
            instance=certificate,
            action=REVOKE_ACTION,
            user=by,
            timestamp=now,
            data={"reason": reason, "code": certificate.code},
        )
    notifications.certificate_revoked(certificate=certificate, reason=reason)
    return certificate


def certificate_reissue(
    *,
    certificate: Certificate,
    by,
    reason: str,
    now: datetime.datetime | None = None,
    new_code: str | None = None,
) -> Certificate:
    """Give a certificate a new code (and the learner's name as it is now, for example after
    a correction). The old code's check then says "replaced" and shows nothing else.

    ``new_code`` is for the demo, which prints fixed codes in its guide."""
    now = now or timezone.now()
    if not can_manage_certificates(by):
        raise CourseRefusal(_("Only partnership staff can re-issue certificates."))
    reason = _clean_reason(reason)
    with transaction.atomic():
        certificate = _locked(certificate)
        if certificate.revoked_at is not None:
            raise CourseRefusal(_("This certificate has been revoked, so it cannot be re-issued."))
        old_code = certificate.code
        ReplacedCertificateCode.objects.create(
            code=old_code, certificate=certificate, replaced_at=now
        )
        user = certificate.enrolment.user
        certificate.code = new_code or _unused_code()
        certificate.learner_name = user.get_full_name() or user.email
        certificate.issued_at = now
        certificate.full_clean()
        certificate.save(update_fields=["code", "learner_name", "issued_at"])
        log(
            instance=certificate,
            action=REISSUE_ACTION,
            user=by,
            timestamp=now,
            data={"reason": reason, "old_code": old_code, "new_code": certificate.code},
        )
    notifications.certificate_reissued(certificate=certificate)
    return certificate


def certificate_history(certificate: Certificate) -> list:
    """The certificate's revocations and re-issues, newest first, from the audit log."""
    from wagtail.models import ModelLogEntry  # noqa: PLC0415

    return list(
        ModelLogEntry.objects.for_instance(certificate)
        .filter(action__in=[REVOKE_ACTION, REISSUE_ACTION])
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )
