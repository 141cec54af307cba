"""My learning record lists every certificate with its code, status, expiry and CPD hours, on
the page, in the CSV and in the PDF; the total counts current and expired certificates only."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from courses import services
from courses.models import Certificate, Enrolment
from tests.factories import UserFactory

from .certificate_helpers import make_certificate
from .factories import CoursePageFactory, course_index
from .test_courses import MY_LEARNING_QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder(staff):
    """One learner with four certificates: current (2 hours), expired (3), revoked (5) and
    re-issued (7). CPD total: 2 + 3 + 7 = 12; the revoked 5 does not count."""
    learner = UserFactory(first_name="Rosa", last_name="Lane")
    today = timezone.localdate()
    current = make_certificate(learner, course_title="Current course", cpd_hours=2, expires_on=None)
    expired = make_certificate(
        learner,
        course_title="Expired course",
        cpd_hours=3,
        expires_on=today - datetime.timedelta(days=10),
    )
    revoked = make_certificate(learner, course_title="Revoked course", cpd_hours=5)
    services.certificate_revoke(certificate=revoked, by=staff, reason="Issued in error")
    reissued = make_certificate(learner, course_title="Reissued course", cpd_hours=7)
    services.certificate_reissue(certificate=reissued, by=staff, reason="Name")
    learner.certs = {
        c.course_title: Certificate.objects.get(pk=c.pk)
        for c in (current, expired, revoked, reissued)
    }
    return learner


def test_my_learning_lists_every_certificate_with_status_code_and_hours(login, holder):
    html = login(holder).get(reverse("courses:my_learning")).content.decode()
    certs = holder.certs
    for title, certificate in certs.items():
        assert title in html
        if title != "Revoked course":
            assert certificate.code in html
    for status in ("Current", "Expired", "Revoked", "Re-issued on"):
        assert status in html
    assert "Does not expire" in html
    assert "Total CPD hours from current and expired certificates: <strong>12.0</strong>" in html


def test_the_csv_has_a_row_per_certificate_with_status_and_the_total(login, holder):
    response = login(holder).get(reverse("courses:learning_record", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:7] == [
        "What",
        "Course",
        "Date",
        "Certificate code",
        "Certificate expires",
        "Certificate status",
        "CPD hours",
    ]
    by_course = {row[1]: row for row in rows[1:] if row[0] == "Course completed"}
    assert by_course["Current course"][5] == "Current"
    assert by_course["Expired course"][5] == "Expired"
    assert by_course["Revoked course"][5].startswith("Revoked on ")
    assert by_course["Reissued course"][3] == holder.certs["Reissued course"].code
    assert by_course["Reissued course"][6] == "7.0"
    total = rows[-1]
    assert total[0].startswith("Total CPD hours")
    assert Decimal(total[6]) == Decimal("12")


def test_the_pdf_lists_every_certificate_with_status_and_the_total(login, holder):
    response = login(holder).get(reverse("courses:learning_record", args=["pdf"]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for title in holder.certs:
        assert title in text
    assert holder.certs["Reissued course"].code in text
    for words in ("Current", "Expired", "Revoked on", "Re-issued on"):
        assert words in text
    assert "Total CPD hours from current and expired certificates: 12.0" in text


def test_the_certificate_pdf_carries_the_new_code_after_a_reissue(login, staff):
    learner = UserFactory()
    certificate = make_certificate(learner, learner_name="Tom Elis")
    old = certificate.code
    learner.first_name, learner.last_name = "Tom", "Ellis"
    learner.save()
    services.certificate_reissue(certificate=certificate, by=staff, reason="Surname misspelt")
    certificate.refresh_from_db()
    response = login(learner).get(reverse("courses:certificate_pdf", args=[certificate.code]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert certificate.code in text
    assert "Tom Ellis" in text
    assert old not in text


def _many_certificates(learner, rows, staff):
    index = course_index()
    enrolments = []
    for i in range(rows):
        course = CoursePageFactory(
            parent=index, title=f"Course {i}", slug=f"record-scale-{i}", summary="s", publish=False
        )
        enrolments.append(Enrolment(user=learner, course=course, confidence_before=2))
    enrolments = Enrolment.objects.bulk_create(enrolments)
    certificates = Certificate.objects.bulk_create(
        [
            Certificate(
                enrolment=e,
                learner_name="L",
                course_title=f"Course {i}",
                cpd_hours=1,
                completed_on=datetime.date(2026, 1, 1),
                code=f"SCALE{i:06d}",
            )
            for i, e in enumerate(enrolments)
        ]
    )
    # Some revoked and some re-issued, so every kind of row is drawn.
    services.certificate_revoke(certificate=certificates[0], by=staff, reason="Error")
    services.certificate_reissue(certificate=certificates[1], by=staff, reason="Name")


@pytest.mark.parametrize("rows", [5, 60])
@pytest.mark.parametrize(
    "url",
    [
        reverse("courses:my_learning"),
        reverse("courses:learning_record", args=["csv"]),
        reverse("courses:learning_record", args=["pdf"]),
    ],
)
def test_query_count_does_not_grow_with_certificates(
    rows, url, login, staff, django_assert_max_num_queries
):
    learner = UserFactory()
    _many_certificates(learner, rows, staff)
    client = login(learner)
    client.get(url)
    budget = {
        reverse("courses:my_learning"): MY_LEARNING_QUERIES,
        reverse("courses:learning_record", args=["csv"]): 11,
        reverse("courses:learning_record", args=["pdf"]): 11,
    }[url]
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200
