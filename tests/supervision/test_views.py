"""Supervision pages per role: privacy, refusals of bad input, the access log, the CPD
export and query budgets. The report section's tests are in test_report.py."""

import csv
import io

import pytest
from django.urls import reverse

from elearning.core.forms import date_data
from supervision import services
from supervision.models import AccessLogEntry, CaseDiscussion, Flag, Record
from tests.factories import PASSWORD, UserFactory, role_user

from .factories import DISCUSSION, add_discussion, add_reflection, lock, make_agreement, make_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    record = make_record(make_agreement())
    add_discussion(record, reference="Family Oak", current_position="Secret position text")
    add_reflection(record, what_happened="Secret reflection text")
    services.record_update(
        by=record.supervisee,
        record=record,
        version=record.version,
        wellbeing="Secret wellbeing text",
    )
    record.refresh_from_db()
    return record


def record_urls(record):
    discussion = record.discussions.get()
    return [
        reverse("supervision:record_detail", args=[record.pk]),
        reverse("supervision:record_edit", args=[record.pk]),
        reverse("supervision:discussion_edit", args=[record.pk, discussion.pk]),
        reverse("supervision:case_timeline", args=[discussion.case_id]),
        reverse("supervision:reflection_edit", args=[record.pk, record.reflections.get().pk]),
    ]


def test_superusers_admins_staff_and_other_people_get_404(login, record):
    superuser = UserFactory(is_superuser=True, is_staff=True, totp_secret=True)
    for user in [
        superuser,
        role_user("admin"),
        role_user("staff"),
        role_user("supervisor"),
        UserFactory(),
    ]:
        client = login(user)
        for url in record_urls(record):
            assert client.get(url).status_code == 404, (user, url)
    assert not AccessLogEntry.objects.filter(action="view").exists()


def test_escalation_recipient_reads_that_discussion_and_nothing_else(login, record):
    recipient = UserFactory()
    discussion = record.discussions.get()
    escalation = services.escalation_create(
        by=record.supervisor,
        discussion=discussion,
        recipient=recipient,
        stage="senior",
        reason="Stuck",
        escalated_on=record.held_on,
    )
    client = login(recipient)
    page = client.get(escalation.get_absolute_url())
    assert page.status_code == 200 and "Secret position text" in page.content.decode()
    assert "Secret wellbeing text" not in page.content.decode()
    assert "Secret reflection text" not in page.content.decode()
    for url in record_urls(record):
        assert client.get(url).status_code == 404
    assert AccessLogEntry.objects.filter(user=recipient, action="view").count() == 1


def test_reads_are_logged_and_the_supervisee_sees_who_looked(login, record):
    supervisor_client = login(record.supervisor)
    supervisor_client.get(record.get_absolute_url(), REMOTE_ADDR="10.1.2.3")
    entry = AccessLogEntry.objects.filter(action="view").get()
    assert entry.user == record.supervisor and entry.ip_address == "10.1.2.3"
    page = login(record.supervisee).get(reverse("supervision:access_log")).content.decode()
    assert record.supervisor.get_full_name() in page and "10.1.2.3" in page
    other = login(UserFactory()).get(reverse("supervision:access_log")).content.decode()
    assert "10.1.2.3" not in other


def _discussion_post(record, **changes):
    data = {k: ("" if v is None else v) for k, v in DISCUSSION.items()}
    data.update(
        {
            "version": record.version,
            "reference": "Family Ash",
            "actions-TOTAL_FORMS": "2",
            "actions-INITIAL_FORMS": "0",
        }
    )
    for key in ("child_seen_alone", "voice_recorded", "adults_known", "stuck", "worker_changed"):
        if not data[key]:
            data.pop(key)
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "reference, message",
    [("943 476 5919", "NHS number"), ("Oak SW1A 1AA", "postcode"), ("b. 12/03/2015", "date")],
)
def test_identifying_case_references_are_refused(login, record, reference, message):
    client = login(record.supervisee)
    url = reverse("supervision:discussion_add", args=[record.pk])
    response = client.post(url, _discussion_post(record, reference=reference))
    assert response.status_code == 200 and message in response.content.decode()
    assert CaseDiscussion.objects.count() == 1


def test_a_name_like_reference_needs_confirming(login, record):
    client = login(record.supervisee)
    url = reverse("supervision:discussion_add", args=[record.pk])
    response = client.post(url, _discussion_post(record, reference="Jade Smith"))
    assert "looks like a person&#x27;s name" in response.content.decode()
    assert CaseDiscussion.objects.count() == 1
    response = client.post(
        url, _discussion_post(record, reference="Jade Smith", confirm_reference="on")
    )
    assert response.status_code == 302 and CaseDiscussion.objects.count() == 2


def test_bad_form_input_and_tampered_ids_change_nothing(login, record):
    client = login(record.supervisee)
    url = reverse("supervision:discussion_add", args=[record.pk])
    response = client.post(url, _discussion_post(record, worry_scale="11", change_check="maybe"))
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    other = make_record(make_agreement())
    other_discussion = add_discussion(other)
    tampered = reverse("supervision:discussion_edit", args=[record.pk, other_discussion.pk])
    assert client.get(tampered).status_code == 404
    assert (
        client.post(
            reverse("supervision:record_send", args=[record.pk]), {"version": "abc"}
        ).status_code
        == 302
    )
    record.refresh_from_db()
    assert record.status == "draft" and CaseDiscussion.objects.count() == 2


def test_simultaneous_edits_show_the_other_version_and_keep_both_texts(login, record):
    opened = record.version
    services.record_update(
        by=record.supervisor, record=record, version=opened, support_needs="Supervisor's note"
    )
    client = login(record.supervisee)
    response = client.post(
        reverse("supervision:record_edit", args=[record.pk]),
        {
            "version": opened,
            **date_data("held_on", record.held_on),
            "duration_minutes": 60,
            "kind": "one_to_one",
            "support_needs": "My own note",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "This record changed while you were editing it" in page
    assert "Supervisor&#x27;s note" in page and "My own note" in page
    assert Record.objects.get(pk=record.pk).support_needs == "Supervisor's note"


def test_locked_records_refuse_edits_and_accept_addenda(login, record):
    lock(record)
    client = login(record.supervisee)
    response = client.get(reverse("supervision:record_edit", args=[record.pk]))
    assert response.status_code == 302
    client.post(reverse("supervision:addendum_add", args=[record.pk]), {"text": ""})
    assert not record.addenda.exists()
    client.post(reverse("supervision:addendum_add", args=[record.pk]), {"text": "Correction"})
    assert record.addenda.get().text == "Correction"


def test_reflective_text_is_escaped(login, record):
    add_reflection(record, analysis="<script>alert(1)</script>")
    page = login(record.supervisor).get(record.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_cpd_export_needs_reauthentication_and_holds_only_own_reflections(client, record):
    add_reflection(record, analysis="Learnt to look at the child's day")
    lock(record)
    someone_else = make_record(make_agreement())
    add_reflection(someone_else, analysis="Not mine")
    lock(someone_else)
    client.post(reverse("account_login"), {"login": record.supervisee.email, "password": PASSWORD})
    url = reverse("supervision:cpd_export", args=["csv"])
    response = client.get(url)
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Activity type",
        "Description",
        "Date",
        "What I learnt",
        "Impact on my practice",
        "Peer reflection",
    ]
    body = response.content.decode()
    assert "Learnt to look at the child's day" in body and "Not mine" not in body
    assert "Secret wellbeing text" not in body and "Family Oak" not in body
    assert AccessLogEntry.objects.filter(action="export", user=record.supervisee).exists()
    pdf = client.get(reverse("supervision:cpd_export", args=["pdf"]))
    assert pdf.content.startswith(b"%PDF")
    assert client.get(reverse("supervision:cpd_export", args=["xls"])).status_code == 404


def test_flag_response_by_the_supervisor_closes_the_flag(login, record):
    flag = Flag.objects.create(
        agreement=record.agreement,
        supervisee=record.supervisee,
        case=record.discussions.get().case,
        rule=1,
        evidence="e",
        evidence_key="k",
    )
    supervisee = login(record.supervisee)
    supervisee.post(flag.get_absolute_url(), {"response": "discussed", "reason": "x"})
    flag.refresh_from_db()
    assert flag.is_open
    supervisor = login(record.supervisor)
    response = supervisor.post(flag.get_absolute_url(), {"response": "discussed", "reason": ""})
    assert response.status_code == 200
    flag.refresh_from_db()
    assert flag.is_open
    supervisor.post(
        flag.get_absolute_url(), {"response": "discussed", "reason": "Talked it through"}
    )
    flag.refresh_from_db()
    assert flag.response == "discussed"


def test_discuss_in_supervision_adds_the_page_to_the_draft(login, record):
    from wagtail.models import Page

    page = Page.objects.filter(depth__gte=1).first()
    Page.objects.filter(pk=page.pk).update(live=True)
    client = login(record.supervisee)
    client.post(reverse("supervision:topic_add", args=[page.pk]), {"next": "https://evil.example/"})
    assert record.topics.get().page_id == page.pk
    response = login(UserFactory()).post(reverse("supervision:topic_add", args=[page.pk]))
    assert response.status_code == 302


def _records_and_flags(agreement, count):
    import datetime

    from supervision.models import Action, CaseReference

    base = agreement.starts_on
    records = Record.objects.bulk_create(
        [
            Record(
                agreement=agreement,
                supervisee_id=agreement.supervisee_id,
                supervisor_id=agreement.supervisor_id,
                held_on=base + datetime.timedelta(days=i),
                duration_minutes=60,
                status="locked" if i % 2 else "draft",
            )
            for i in range(count)
        ]
    )
    cases = CaseReference.objects.bulk_create(
        [
            CaseReference(supervisee_id=agreement.supervisee_id, reference=f"Case-{i}")
            for i in range(count)
        ]
    )
    CaseDiscussion.objects.bulk_create(
        [
            CaseDiscussion(record=r, case=c, worry_scale=5, change_check="no")
            for r, c in zip(records, cases, strict=True)
        ]
    )
    Action.objects.bulk_create(
        [
            Action(record=r, case=c, description="Do it", owner="SW", due_on=base)
            for r, c in zip(records, cases, strict=True)
        ]
    )
    Flag.objects.bulk_create(
        [
            Flag(
                agreement=agreement,
                supervisee_id=agreement.supervisee_id,
                case=c,
                rule=1,
                evidence="e",
                evidence_key=f"k{c.pk}",
            )
            for c in cases
        ]
    )


@pytest.mark.parametrize("view", ["supervision:home", "dashboard"])
def test_dashboards_make_the_same_queries_with_5_and_200_records(
    login, view, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (5, 200):
        agreement = make_agreement(days_ago=400)
        _records_and_flags(agreement, size)
        for user in (agreement.supervisee, agreement.supervisor):
            client = login(user)
            client.get(reverse(view))  # warm caches (roles, site)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(view)).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:], counts


def test_no_admin_screen_or_search_shows_supervision_records(login, record):
    superuser = UserFactory(is_superuser=True, is_staff=True, totp_secret=True)
    client = login(superuser)
    for url in (
        "/django-admin/supervision/record/",
        f"/django-admin/supervision/record/{record.pk}/change/",
        "/admin/snippets/supervision/record/",
    ):
        assert client.get(url).status_code == 404, url
    results = client.get(reverse("search"), {"q": "position"}).content.decode()
    assert "Secret position text" not in results and record.get_absolute_url() not in results
