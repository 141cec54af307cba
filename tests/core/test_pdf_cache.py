"""Personal PDFs are made once per version and per person, kept encrypted in the cache, and
no more than ``PDF_RENDER_RATE_LIMIT`` of them are made for one person (``core.pdf_cache``).

WeasyPrint is replaced by a stand-in that numbers each PDF it makes, so a test can tell a
PDF made for this request from one kept from an earlier request, and whose it was.
"""

import hashlib
import itertools

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from courses.models import Certificate
from elearning.core import pdf_cache
from supervision.models import AccessLogEntry
from tests.courses.factories import EnrolmentFactory, make_course
from tests.factories import PASSWORD, UserFactory
from tests.supervision.factories import add_reflection, lock, make_agreement, make_record
from tests.toolkit.factories import make_assessment, make_toolkit

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(monkeypatch):
    """Every PDF made, in order; each is ``%PDF`` followed by its number and HTML's hash."""
    made = []
    numbers = itertools.count(1)

    def fake_render(html, *, base_url, title, **kwargs):
        digest = hashlib.sha256(html.encode()).hexdigest()[:12]
        pdf = f"%PDF-fake #{next(numbers)} {digest} {title}".encode()
        made.append(pdf)
        return pdf

    monkeypatch.setattr(pdf_cache, "render_pdf", fake_render)
    return made


def certificate_for(user, **fields) -> Certificate:
    enrolment = EnrolmentFactory(user=user, course=make_course(steps=0, title="Neglect"))
    values = {
        "learner_name": str(user),
        "course_title": "Neglect",
        "cpd_hours": 2,
        "completed_on": timezone.localdate(),
    }
    values.update(fields)
    return Certificate.objects.create(enrolment=enrolment, **values)


def certificate_url(certificate) -> str:
    return reverse("courses:certificate_pdf", args=[certificate.code])


def test_a_certificate_pdf_is_made_once_and_then_served_from_the_cache(login, made):
    learner = UserFactory()
    certificate = certificate_for(learner)
    client = login(learner)
    first = client.get(certificate_url(certificate))
    second = client.get(certificate_url(certificate))
    assert first.status_code == second.status_code == 200
    assert len(made) == 1
    assert first.content == second.content == made[0]
    assert (
        second["Content-Disposition"]
        == f'attachment; filename="certificate-{certificate.code}.pdf"'
    )
    assert "no-store" in second["Cache-Control"]


def test_a_change_to_what_the_pdf_shows_makes_a_new_one(login, made):
    learner = UserFactory()
    certificate = certificate_for(learner, learner_name="Rosa Lane")
    client = login(learner)
    before = client.get(certificate_url(certificate)).content
    Certificate.objects.filter(pk=certificate.pk).update(learner_name="Rosa Lane-Hill")
    after = client.get(certificate_url(certificate)).content
    assert len(made) == 2 and before != after == made[1]


def test_a_revoked_certificate_is_never_served_from_the_cache(login, made):
    learner = UserFactory()
    certificate = certificate_for(learner)
    client = login(learner)
    assert client.get(certificate_url(certificate)).status_code == 200
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())
    response = client.get(certificate_url(certificate))
    assert response.status_code == 410
    assert response.content != made[0]


def test_the_cache_holds_the_pdf_encrypted(login, made):
    learner = UserFactory()
    certificate = certificate_for(learner)
    login(learner).get(certificate_url(certificate))
    kept = [key for key in cache._cache if "personal-pdf:certificate" in key]
    assert len(kept) == 1
    assert b"%PDF" not in cache._cache[kept[0]]


def test_someone_else_never_gets_a_persons_cached_pdf(login, client, made):
    learner, other = UserFactory(), UserFactory()
    certificate = certificate_for(learner)
    assert login(learner).get(certificate_url(certificate)).status_code == 200
    # The permission check runs before the cache is looked at.
    assert login(other).get(certificate_url(certificate)).status_code == 404
    assert client.get(certificate_url(certificate)).status_code == 302
    assert len(made) == 1


@pytest.fixture
def record():
    record = make_record(make_agreement(days_ago=100), days_ago=3)
    add_reflection(record, what_happened="Reflection to print")
    record.refresh_from_db()
    return record


def record_url(record) -> str:
    return reverse("supervision:record_pdf", args=[record.pk])


def test_the_two_parties_of_one_record_never_share_a_copy(login, record, made):
    supervisee, supervisor = login(record.supervisee), login(record.supervisor)
    first = supervisee.get(record_url(record)).content
    theirs = supervisor.get(record_url(record)).content
    assert len(made) == 2
    assert first == made[0] and theirs == made[1]
    assert supervisee.get(record_url(record)).content == first
    assert supervisor.get(record_url(record)).content == theirs
    assert len(made) == 2


def test_a_cached_record_pdf_keeps_its_headers_and_is_logged_each_time(login, record, made):
    client = login(record.supervisee)
    for _ in range(2):
        before = AccessLogEntry.objects.count()
        response = client.get(record_url(record))
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives
        entries = list(AccessLogEntry.objects.order_by("pk")[before:])
        assert [(e.action, e.what, e.record_id) for e in entries] == [
            ("export", "Record (PDF)", record.pk)
        ]
    assert len(made) == 1


@override_settings(PDF_RENDER_RATE_LIMIT="2/m/user")
def test_making_too_many_pdfs_is_refused_with_a_message(login, made):
    learner = UserFactory()
    certificates = [certificate_for(learner) for _ in range(3)]
    client = login(learner)
    for certificate in certificates[:2]:
        assert client.get(certificate_url(certificate)).status_code == 200
    refused = client.get(certificate_url(certificates[2]))
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "no-store" in refused["Cache-Control"]
    page = refused.content.decode()
    assert "Too many PDFs in a short time" in page and "Wait a minute" in page
    assert len(made) == 2
    # A PDF already made is still served: only making one counts.
    assert client.get(certificate_url(certificates[0])).content == made[0]
    # The limit is per person.
    other = UserFactory()
    assert login(other).get(certificate_url(certificate_for(other))).status_code == 200


@override_settings(PDF_RENDER_RATE_LIMIT="1/m/user")
def test_a_refused_record_pdf_writes_nothing(login, made):
    agreement = make_agreement(days_ago=100)
    first, second = make_record(agreement, days_ago=10), make_record(agreement, days_ago=3)
    client = login(agreement.supervisee)
    assert client.get(record_url(first)).status_code == 200
    before = AccessLogEntry.objects.count()
    cached = set(cache._cache)
    refused = client.get(record_url(second))
    assert refused.status_code == 429
    assert AccessLogEntry.objects.count() == before
    assert not [key for key in set(cache._cache) - cached if "personal-pdf" in key]
    assert len(made) == 1


@override_settings(PDF_RENDER_RATE_LIMIT="1/m/user")
def test_a_refused_cpd_export_writes_nothing_to_the_access_log(client, made):
    record = make_record(make_agreement())
    add_reflection(record, what_happened="Reflection for CPD")
    lock(record)
    client.post(reverse("account_login"), {"login": record.supervisee.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    # Another PDF used up the limit.
    other = record.supervisee
    assert client.get(certificate_url(certificate_for(other))).status_code == 200
    before = AccessLogEntry.objects.count()
    refused = client.get(reverse("supervision:cpd_export", args=["pdf"]))
    assert refused.status_code == 429
    assert AccessLogEntry.objects.count() == before
    # The CSV is not a PDF and is not limited.
    assert client.get(reverse("supervision:cpd_export", args=["csv"])).status_code == 200


def test_the_cpd_export_pdf_is_cached_and_logged_each_time(client, made):
    record = make_record(make_agreement())
    add_reflection(record, what_happened="Reflection for CPD")
    lock(record)
    client.post(reverse("account_login"), {"login": record.supervisee.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    for _ in range(2):
        before = AccessLogEntry.objects.count()
        response = client.get(reverse("supervision:cpd_export", args=["pdf"]))
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]
        assert AccessLogEntry.objects.count() == before + 1
    assert len(made) == 1


def test_the_learning_record_pdf_is_cached_per_person(login, made):
    learner, other = UserFactory(), UserFactory()
    url = reverse("courses:learning_record", args=["pdf"])
    mine = login(learner).get(url).content
    assert login(learner).get(url).content == mine
    theirs = login(other).get(url).content
    assert theirs != mine
    assert len(made) == 2


def test_the_toolkit_assessment_pdf_is_cached_for_its_author_only(login, practitioner, made):
    assessment = make_assessment(practitioner, make_toolkit(areas=2), levels=[3, 1])
    url = reverse("toolkit:assessment_pdf", args=[assessment.pk])
    first = login(practitioner).get(url)
    second = login(practitioner).get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and len(made) == 1
    assert login(UserFactory()).get(url).status_code == 404


def test_the_key_depends_on_the_person_and_the_whole_document():
    base = {"user_id": 1, "kind": "certificate", "html": "<p>x</p>", "title": "T"}
    key = pdf_cache.cache_key(base_url="http://a/", **base)
    assert key == pdf_cache.cache_key(base_url="http://a/", **base)
    for change in ({"user_id": 2}, {"html": "<p>y</p>"}, {"title": "U"}, {"kind": "cpd"}):
        assert pdf_cache.cache_key(base_url="http://a/", **{**base, **change}) != key
    assert pdf_cache.cache_key(base_url="http://b/", **base) != key


def test_the_same_document_for_two_people_is_made_and_kept_for_each(rf, made):
    """Even word for word the same HTML: one person's copy is never found for another."""
    people = [UserFactory(), UserFactory()]
    copies = []
    for person in people * 2:
        request = rf.get("/")
        request.user = person
        copies.append(pdf_cache.personal_pdf(request, kind="cpd", html="<p>Same</p>", title="T"))
    assert len(made) == 2
    assert copies == [made[0], made[1], made[0], made[1]]
