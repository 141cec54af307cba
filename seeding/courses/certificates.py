"""Demo certificates with fixed codes, so the guide can say what to type into the public
check (/learning/verify/): one current, one expired, one revoked and one re-issued (its old
code says "replaced"). Idempotent: each is made once, found again by its code."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import Certificate, CoursePage, Enrolment, ReplacedCertificateCode
from courses.services import _add_months
from courses.services.certificates import certificate_reissue, certificate_revoke

CURRENT_CODE = "VALDC-ERT22"
EXPIRED_CODE = "XPRDC-ERT22"
REVOKED_CODE = "RVKDC-ERT22"
REPLACED_CODE = "PLCDC-ERT22"
REISSUED_CODE = "NEWWC-ERT22"


def _user(email):
    return get_user_model().objects.filter(email=email).first()


def _enrolment(user, course, *, enrolled_at) -> Enrolment:
    enrolment, _created = Enrolment.objects.get_or_create(
        user=user,
        course=course,
        defaults={
            "agency_id": user.agency_id,
            "enrolled_at": enrolled_at,
            "confidence_before": 3,
            "confidence_after": 4,
            "usefulness": 4,
            "practice_change": "Keep a chronology and share it at every review.",
            "evaluated_at": enrolled_at + datetime.timedelta(days=7),
        },
    )
    return enrolment


def _certificate(enrolment, code, *, completed_on, learner_name=None) -> Certificate | None:
    """The enrolment's certificate with this code, made if the enrolment has none yet."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing if existing.code == code else None
    course = enrolment.course
    user = enrolment.user
    return Certificate.objects.create(
        enrolment=enrolment,
        code=code,
        agency_id=user.agency_id,
        learner_name=learner_name or user.get_full_name(),
        course_title=course.title,
        cpd_hours=course.cpd_hours,
        completed_on=completed_on,
        expires_on=_add_months(completed_on, course.refresher_months)
        if course.refresher_months
        else None,
        issued_at=timezone.make_aware(
            datetime.datetime.combine(completed_on, datetime.time(17, 0))
        ),
    )


def seed_certificates(*, essentials: CoursePage, blended: CoursePage) -> None:
    staff = _user("staff@demo.example")
    social_worker = _user("social.worker@demo.example")
    supervisor = _user("supervisor@demo.example")
    teacher = _user("teacher@demo.example")
    if staff is None:
        return
    today = timezone.localdate()
    last_session = today - datetime.timedelta(days=69)

    # Sam Okafor: a current certificate for the multi-agency day, and an expired one for the
    # e-learning taken more than three years ago.
    if social_worker and not Certificate.objects.filter(code=CURRENT_CODE).exists():
        enrolment = _enrolment(
            social_worker, blended, enrolled_at=timezone.now() - datetime.timedelta(days=100)
        )
        _certificate(enrolment, CURRENT_CODE, completed_on=last_session)
    if social_worker and not Certificate.objects.filter(code=EXPIRED_CODE).exists():
        long_ago = _add_months(today, -40)
        enrolment = _enrolment(
            social_worker,
            essentials,
            enrolled_at=timezone.make_aware(datetime.datetime.combine(long_ago, datetime.time(9))),
        )
        _certificate(enrolment, EXPIRED_CODE, completed_on=long_ago + datetime.timedelta(days=7))

    # Morgan Hughes: issued in error for a day only partly attended, then revoked.
    if supervisor and not Certificate.objects.filter(code=REVOKED_CODE).exists():
        enrolment = _enrolment(
            supervisor, blended, enrolled_at=timezone.now() - datetime.timedelta(days=100)
        )
        certificate = _certificate(enrolment, REVOKED_CODE, completed_on=last_session)
        if certificate is not None and certificate.revoked_at is None:
            certificate_revoke(
                certificate=certificate,
                by=staff,
                reason=(
                    "Issued in error: the register showed the whole day attended, but only "
                    "the morning was."
                ),
                now=timezone.now() - datetime.timedelta(days=60),
            )

    # Tom Ellis: first issued with his name misspelt, then re-issued with it corrected.
    if teacher and not ReplacedCertificateCode.objects.filter(code=REPLACED_CODE).exists():
        enrolment = _enrolment(
            teacher, blended, enrolled_at=timezone.now() - datetime.timedelta(days=100)
        )
        certificate = _certificate(
            enrolment, REPLACED_CODE, completed_on=last_session, learner_name="Tom Elis"
        )
        if certificate is not None:
            certificate_reissue(
                certificate=certificate,
                by=staff,
                reason="The learner's surname was misspelt on the first certificate.",
                now=timezone.now() - datetime.timedelta(days=50),
                new_code=REISSUED_CODE,
            )
