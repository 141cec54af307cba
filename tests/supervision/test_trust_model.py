"""The supervision trust model at the service level: consent, access that ends, handover,
sharing, kept escalations, and one access-log entry for every read.

Each refusal here has a matching view outcome in test_relationship_matrix.py."""

import datetime

import pytest
from django.core import mail
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from supervision import permissions, services
from supervision.models import AccessLogEntry, Agreement, CaseDiscussion, Flag, Record
from tests.factories import UserFactory, role_user

from .factories import (
    accept,
    add_discussion,
    add_reflection,
    at,
    lock,
    make_agreement,
    make_record,
    propose,
)

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def snapshot():
    return list(
        Agreement.objects.order_by("pk").values_list(
            "pk", "starts_on", "ends_on", "accepted_at", "declined_at", "ended_at"
        )
    )


# Proposing ---------------------------------------------------------------------------------


def test_only_supervisors_and_admins_propose_and_admins_never_for_themselves():
    supervisee, supervisor = role_user("practitioner"), role_user("supervisor")
    admin = role_user("admin")
    today = timezone.localdate()
    cases = [
        (supervisee, supervisee, supervisor, "cannot propose"),
        (role_user("supervisor"), supervisee, supervisor, "in which they supervise"),
        (admin, admin, supervisor, "you are part of"),
        (admin, supervisee, admin, "you are part of"),
        (admin, supervisor, supervisee, "supervisor role"),
        (admin, supervisee, supervisee, "different people"),
    ]
    for by, who, whom, message in cases:
        with pytest.raises(services.SupervisionError, match=message):
            services.agreement_propose(by=by, supervisee=who, supervisor=whom, starts_on=today)
    assert Agreement.objects.count() == 0
    services.agreement_propose(
        by=admin, supervisee=supervisee, supervisor=supervisor, starts_on=today
    )
    assert Agreement.objects.get().state() == "proposed"


def test_a_proposal_cannot_start_long_before_it_is_made(settings):
    settings.SUPERVISION_AGREEMENT_BACKDATE_DAYS = 7
    supervisee, supervisor = role_user("practitioner"), role_user("supervisor")
    for starts_on, message in [
        (days(8), "more than 7 days before"),
        (days(3000), "more than 7 days before"),
        (timezone.localdate() + datetime.timedelta(days=400), "within a year"),
    ]:
        with pytest.raises(services.SupervisionError, match=message):
            services.agreement_propose(
                by=supervisor, supervisee=supervisee, supervisor=supervisor, starts_on=starts_on
            )
    assert snapshot() == []
    agreement = services.agreement_propose(
        by=supervisor, supervisee=supervisee, supervisor=supervisor, starts_on=days(7)
    )
    assert agreement.starts_on == days(7)


def test_a_second_current_or_pending_agreement_for_the_pair_is_refused():
    agreement = propose()
    with pytest.raises(services.SupervisionError, match="already have"):
        propose(agreement.supervisee, agreement.supervisor)
    accept(agreement)
    with pytest.raises(services.SupervisionError, match="already have"):
        propose(agreement.supervisee, agreement.supervisor)
    services.agreement_end(by=agreement.supervisee, agreement=agreement)
    assert propose(agreement.supervisee, agreement.supervisor).state() == "proposed"


def test_both_parties_are_emailed_at_each_step_without_details():
    mail.outbox.clear()
    agreement = propose()
    accept(agreement)
    services.agreement_end(by=agreement.supervisor, agreement=agreement)
    assert [m.subject for m in mail.outbox] == [
        "A supervision agreement has been proposed",
        "A supervision agreement has been accepted",
        "A supervision agreement has ended",
    ]
    for message in mail.outbox:
        assert set(message.to) == {agreement.supervisee.email, agreement.supervisor.email}


# Consent -----------------------------------------------------------------------------------


def test_a_proposal_grants_nothing_until_the_supervisee_accepts_it():
    supervisee = role_user("practitioner")
    earlier = make_agreement(supervisee, days_ago=100)
    record = make_record(earlier, days_ago=50)
    stranger = role_user("supervisor")
    proposal = propose(supervisee, stranger)
    assert not permissions.can_view_record(stranger, record)
    assert not permissions.can_start_record(stranger, proposal)
    with pytest.raises(services.SupervisionError, match="accepted"):
        make_record(proposal, days_ago=0, by=stranger)
    with pytest.raises(services.SupervisionError, match="accepted"):
        make_record(proposal, days_ago=0, by=supervisee)
    proposal = accept(proposal)
    # Accepting grants the new agreement's own records only, never the earlier ones.
    assert not permissions.can_view_record(stranger, record)
    assert make_record(proposal, days_ago=0, by=stranger).supervisor == stranger


def test_only_the_supervisee_answers_and_only_the_terms_they_read():
    proposal = propose()
    for who in (proposal.supervisor, role_user("admin"), UserFactory()):
        with pytest.raises(services.SupervisionError, match="Only the supervisee"):
            services.agreement_accept(by=who, agreement=proposal, terms_version=1)
    services.agreement_update(by=proposal.supervisor, agreement=proposal, frequency_days=14)
    with pytest.raises(services.SupervisionError, match="changed while you were reading"):
        services.agreement_accept(by=proposal.supervisee, agreement=proposal, terms_version=1)
    proposal.refresh_from_db()
    assert proposal.accepted_at is None and proposal.terms_version == 2
    services.agreement_accept(by=proposal.supervisee, agreement=proposal, terms_version=2)
    proposal.refresh_from_db()
    assert proposal.state() == "active"


def test_a_declined_proposal_stays_declined():
    proposal = propose()
    services.agreement_decline(
        by=proposal.supervisee, agreement=proposal, terms_version=1, reason="Not my manager"
    )
    with pytest.raises(services.SupervisionError):
        services.agreement_accept(by=proposal.supervisee, agreement=proposal, terms_version=1)
    proposal.refresh_from_db()
    assert proposal.state() == "declined" and proposal.decline_reason == "Not my manager"
    assert not permissions.can_start_record(proposal.supervisor, proposal)


def test_an_accepted_agreement_cannot_be_backdated_or_extended_by_anyone():
    agreement = make_agreement(days_ago=30)
    admin = role_user("admin")
    for by in (agreement.supervisor, agreement.supervisee, admin):
        for change in ({"starts_on": days(400)}, {"ends_on": None}, {"frequency_days": 7}):
            with pytest.raises(services.SupervisionError, match="Only a proposal"):
                services.agreement_update(by=by, agreement=agreement, **change)
    services.agreement_end(by=admin, agreement=agreement)
    before = snapshot()
    for by in (agreement.supervisor, admin):
        with pytest.raises(services.SupervisionError):
            services.agreement_update(by=by, agreement=agreement, ends_on=None)
        with pytest.raises(services.SupervisionError, match="already ended"):
            services.agreement_end(by=by, agreement=agreement)
    assert snapshot() == before


def test_an_admin_cannot_change_a_proposal_they_are_part_of_or_one_for_someone_else():
    admin = role_user("admin")
    proposal = propose()
    other_supervisor = role_user("supervisor")
    with pytest.raises(services.SupervisionError):
        services.agreement_update(by=other_supervisor, agreement=proposal, frequency_days=7)
    services.agreement_update(by=admin, agreement=proposal, frequency_days=7)
    with pytest.raises(services.SupervisionError, match="cannot be changed here"):
        services.agreement_update(by=admin, agreement=proposal, supervisor_id=admin.pk)
    proposal.refresh_from_db()
    assert proposal.supervisor_id != admin.pk and proposal.frequency_days == 7


# Access ends -------------------------------------------------------------------------------


def test_ending_an_agreement_ends_the_supervisors_access_at_once():
    agreement = make_agreement(days_ago=100)
    locked = lock(make_record(agreement, days_ago=60))
    draft = make_record(agreement, days_ago=10)
    supervisor = agreement.supervisor
    assert permissions.can_view_record(supervisor, locked)
    services.agreement_end(by=agreement.supervisee, agreement=agreement)
    locked.refresh_from_db()
    draft.refresh_from_db()
    assert not permissions.records_visible_to(supervisor).exists()
    for record in (locked, draft):
        assert not permissions.can_view_record(supervisor, record)
        assert permissions.can_view_record(agreement.supervisee, record)
    with pytest.raises(services.SupervisionError, match="not a party|accepted"):
        make_record(agreement, days_ago=5, by=supervisor)
    with pytest.raises(services.SupervisionError, match="accepted"):
        make_record(agreement, days_ago=5)
    with pytest.raises(services.SupervisionError):
        services.addendum_add(by=supervisor, record=locked, text="Late note")
    with pytest.raises(services.SupervisionError, match="ended"):
        services.record_update(
            by=agreement.supervisee, record=draft, version=draft.version, attendees="x"
        )
    # The supervisee keeps their own record and may still add to it.
    services.addendum_add(by=agreement.supervisee, record=locked, text="My note")
    assert locked.addenda.count() == 1


def test_the_end_date_passing_ends_access_too():
    agreement = make_agreement(days_ago=100)
    record = lock(make_record(agreement, days_ago=60))
    Agreement.objects.filter(pk=agreement.pk).update(ends_on=days(1))
    record.refresh_from_db()
    assert not permissions.can_view_record(agreement.supervisor, record)
    assert not Agreement.objects.current().filter(pk=agreement.pk).exists()


def test_a_record_sent_before_the_end_can_be_signed_for_the_grace_period(settings):
    settings.SUPERVISION_SIGNING_GRACE_DAYS = 14
    agreement = make_agreement(days_ago=100)
    record = make_record(agreement, days_ago=20)
    add_discussion(record)
    record.refresh_from_db()
    services.record_send(by=agreement.supervisee, record=record, version=record.version)
    services.agreement_end(by=agreement.supervisee, agreement=agreement, now=at(days(13)))
    record.refresh_from_db()
    supervisor = agreement.supervisor
    assert permissions.record_access(supervisor, record) == permissions.SIGNING_GRACE
    assert list(permissions.records_visible_to(supervisor)) == [record]
    with pytest.raises(services.SupervisionError):
        services.record_return(by=supervisor, record=record, version=record.version)
    services.record_sign(by=supervisor, record=record, version=record.version)
    record.refresh_from_db()
    assert record.is_locked
    # Once signed, nothing is awaiting them: access closes.
    assert not permissions.can_view_record(supervisor, record)


def test_after_the_grace_period_a_sent_record_closes_to_the_former_supervisor(settings):
    settings.SUPERVISION_SIGNING_GRACE_DAYS = 14
    agreement = make_agreement(days_ago=100)
    record = make_record(agreement, days_ago=20)
    record.refresh_from_db()
    services.record_send(by=agreement.supervisee, record=record, version=record.version)
    services.agreement_end(by=agreement.supervisor, agreement=agreement, now=at(days(15)))
    record.refresh_from_db()
    assert not permissions.can_view_record(agreement.supervisor, record)
    assert not permissions.records_visible_to(agreement.supervisor).exists()
    with pytest.raises(services.SupervisionError, match="cannot sign"):
        services.record_sign(by=agreement.supervisor, record=record, version=record.version)
    record.refresh_from_db()
    assert record.status == "sent" and record.supervisor_signed_at is None
    settings.SUPERVISION_SIGNING_GRACE_DAYS = 30
    assert permissions.can_view_record(agreement.supervisor, record)


def test_a_record_the_former_supervisor_sent_does_not_stay_open_to_them():
    agreement = make_agreement(days_ago=100)
    record = make_record(agreement, days_ago=20)
    record.refresh_from_db()
    services.record_send(by=agreement.supervisor, record=record, version=record.version)
    services.agreement_end(by=agreement.supervisor, agreement=agreement)
    record.refresh_from_db()
    assert not permissions.can_view_record(agreement.supervisor, record)
    services.record_sign(by=agreement.supervisee, record=record, version=record.version)


# Handover ----------------------------------------------------------------------------------


def _drifting_case(agreement, count=3, start=90):
    for i in range(count):
        record = make_record(agreement, days_ago=start - 20 * i)
        add_discussion(record, reference="Family Oak", change_check="no", worry_scale=6)
        lock(record)


def test_open_flags_follow_the_supervisee_to_the_next_supervisor():
    supervisee = role_user("practitioner")
    first = make_agreement(supervisee, days_ago=120)
    _drifting_case(first)
    flag = Flag.objects.get(rule=1)
    responded = Flag.objects.create(
        agreement=first,
        supervisee=supervisee,
        rule=8,
        evidence="Gap",
        evidence_key="g",
        response="discussed",
        response_reason="Private",
        responded_by=first.supervisor,
    )
    services.agreement_end(by=supervisee, agreement=first, now=at(days(20)))
    second = make_agreement(supervisee, days_ago=15)
    old, new = first.supervisor, second.supervisor
    assert list(permissions.flags_visible_to(new)) == [flag]
    assert not permissions.flags_visible_to(old).exists()
    assert permissions.can_view_case(new, flag.case) and not permissions.can_view_case(
        old, flag.case
    )
    assert not permissions.can_view_flag(new, responded)
    with pytest.raises(services.SupervisionError):
        services.flag_respond(by=old, flag=flag, response="discussed", reason="Old")
    # New evidence from the new supervisor's records goes to the same open flag.
    record = make_record(second, days_ago=5)
    add_discussion(record, reference="Family Oak", change_check="unclear", worry_scale=6)
    lock(record)
    flag.refresh_from_db()
    assert Flag.objects.filter(rule=1, response="").count() == 1
    assert permissions.can_view_flag(new, flag) and not permissions.can_view_flag(old, flag)
    services.flag_respond(by=new, flag=flag, response="discussed", reason="Talked it through")
    # The new supervisor's timeline shows their own discussion only.
    from supervision.selectors import timeline

    shown = timeline(new, flag.case)["discussions"]
    assert [d.record_id for d in shown] == [record.pk]


def test_actions_are_not_carried_across_agreements():
    supervisee = role_user("practitioner")
    first = make_agreement(supervisee, days_ago=120)
    record = make_record(first, days_ago=60)
    add_discussion(
        record,
        new_actions=[{"description": "Secret action text", "owner": "SW", "due_on": None}],
    )
    lock(record)
    services.agreement_end(by=supervisee, agreement=first, now=at(days(20)))
    second = make_agreement(supervisee, days_ago=15)
    new_record = make_record(second, days_ago=1)
    assert not new_record.actions.exists()


def test_the_supervisee_shares_one_signed_record_with_a_current_supervisor():
    supervisee = role_user("practitioner")
    first = make_agreement(supervisee, days_ago=120)
    signed = lock(make_record(first, days_ago=60))
    draft = make_record(first, days_ago=30)
    services.agreement_end(by=supervisee, agreement=first, now=at(days(20)))
    second = make_agreement(supervisee, days_ago=15)
    new = second.supervisor
    stranger = role_user("supervisor")
    with pytest.raises(services.SupervisionError, match="Only the supervisee"):
        services.record_share(by=new, record=signed, with_user=new)
    with pytest.raises(services.SupervisionError, match="Only the supervisee"):
        services.record_share(by=supervisee, record=draft, with_user=new)
    with pytest.raises(services.SupervisionError, match="current agreement"):
        services.record_share(by=supervisee, record=signed, with_user=stranger)
    with pytest.raises(services.SupervisionError, match="current agreement"):
        services.record_share(by=supervisee, record=signed, with_user=first.supervisor)
    assert not signed.shares.exists()
    share = services.record_share(by=supervisee, record=signed, with_user=new)
    assert permissions.record_access(new, signed) == permissions.SHARED
    assert not permissions.can_edit_record(new, signed)
    assert not permissions.can_add_addendum(new, signed)
    with pytest.raises(services.SupervisionError):
        services.addendum_add(by=new, record=signed, text="Not mine to add")
    with pytest.raises(services.SupervisionError, match="Only the supervisee"):
        services.record_share_revoke(by=new, share=share)
    services.record_share_revoke(by=supervisee, share=share)
    assert not permissions.can_view_record(new, signed)
    assert AccessLogEntry.objects.filter(record_id=signed.pk, what__startswith="Shar").count() == 2


def test_a_share_stops_granting_when_the_recipients_agreement_ends():
    supervisee = role_user("practitioner")
    first = make_agreement(supervisee, days_ago=120)
    signed = lock(make_record(first, days_ago=60))
    services.agreement_end(by=supervisee, agreement=first, now=at(days(20)))
    second = make_agreement(supervisee, days_ago=15)
    services.record_share(by=supervisee, record=signed, with_user=second.supervisor)
    services.agreement_end(by=second.supervisor, agreement=second)
    assert not permissions.can_view_record(second.supervisor, signed)
    assert not permissions.records_visible_to(second.supervisor).exists()


# Escalations are kept ----------------------------------------------------------------------


def test_a_discussion_with_an_escalation_cannot_be_removed():
    record = make_record(make_agreement())
    discussion = add_discussion(record)
    services.escalation_create(
        by=record.supervisor,
        discussion=discussion,
        recipient=UserFactory(),
        stage="manager",
        reason="Stuck",
        escalated_on=record.held_on,
    )
    record.refresh_from_db()
    with pytest.raises(services.SupervisionError, match="escalated"):
        services.discussion_delete(
            by=record.supervisee, record=record, version=record.version, discussion=discussion
        )
    assert CaseDiscussion.objects.filter(pk=discussion.pk).exists()
    with pytest.raises(ProtectedError):
        discussion.delete()


def test_an_escalation_cannot_be_dated_before_the_supervision():
    record = make_record(make_agreement(), days_ago=5)
    discussion = add_discussion(record)
    with pytest.raises(services.SupervisionError, match="before the supervision"):
        services.escalation_create(
            by=record.supervisor,
            discussion=discussion,
            recipient=UserFactory(),
            stage="manager",
            reason="Stuck",
            escalated_on=days(30),
        )


def test_the_recipient_finds_the_escalation_on_their_supervision_home(login):
    record = make_record(make_agreement())
    discussion = add_discussion(record, reference="Family Birch")
    recipient = UserFactory()
    escalation = services.escalation_create(
        by=record.supervisor,
        discussion=discussion,
        recipient=recipient,
        stage="manager",
        reason="Stuck",
        escalated_on=record.held_on,
    )
    page = login(recipient).get(reverse("supervision:home")).content.decode()
    assert escalation.get_absolute_url() in page and "Family Birch" in page


# Admins see agreements, not records --------------------------------------------------------


def test_an_admin_sees_the_agreements_own_facts_only(login):
    agreement = make_agreement(days_ago=200)
    lock(make_record(agreement, days_ago=50))
    admin_page = login(role_user("admin")).get(agreement.get_absolute_url()).content.decode()
    assert "Next supervision due" not in admin_page
    assert "Records under this agreement" not in admin_page
    held = (timezone.localdate() - datetime.timedelta(days=50)).strftime("%-d %B %Y")
    assert held not in admin_page
    party_page = login(agreement.supervisee).get(agreement.get_absolute_url()).content.decode()
    assert "Next supervision due" in party_page and held in party_page


# Every read is logged ----------------------------------------------------------------------


def _world():
    agreement = make_agreement(days_ago=100)
    record = make_record(agreement, days_ago=3)
    discussion = add_discussion(record)
    entry = add_reflection(record)
    flag = Flag.objects.create(
        agreement=agreement,
        supervisee=agreement.supervisee,
        case=discussion.case,
        rule=1,
        evidence="e",
        evidence_key="k",
    )
    escalation = services.escalation_create(
        by=agreement.supervisor,
        discussion=discussion,
        recipient=UserFactory(),
        stage="manager",
        reason="Stuck",
        escalated_on=record.held_on,
    )
    return agreement, record, discussion, entry, flag, escalation


READ_URLS = {
    "record_detail": lambda a, r, d, e, f, x: [r.pk],
    "record_edit": lambda a, r, d, e, f, x: [r.pk],
    "actions_review": lambda a, r, d, e, f, x: [r.pk],
    "discussion_add": lambda a, r, d, e, f, x: [r.pk],
    "discussion_edit": lambda a, r, d, e, f, x: [r.pk, d.pk],
    "reflection_add": lambda a, r, d, e, f, x: [r.pk],
    "reflection_edit": lambda a, r, d, e, f, x: [r.pk, e.pk],
    "escalation_create": lambda a, r, d, e, f, x: [r.pk, d.pk],
    "escalation_detail": lambda a, r, d, e, f, x: [x.pk],
    "case_timeline": lambda a, r, d, e, f, x: [d.case_id],
    "flag_detail": lambda a, r, d, e, f, x: [f.pk],
    "agreement_detail": lambda a, r, d, e, f, x: [a.pk],
    "home": lambda a, r, d, e, f, x: [],
}


@pytest.mark.parametrize("name", sorted(READ_URLS))
def test_every_read_of_a_supervision_page_adds_one_access_log_entry(login, name):
    world = _world()
    agreement, record = world[0], world[1]
    client = login(agreement.supervisee)
    url = reverse(f"supervision:{name}", args=READ_URLS[name](*world))
    before = AccessLogEntry.objects.count()
    response = client.get(url)
    assert response.status_code == 200
    entries = list(AccessLogEntry.objects.order_by("pk")[before:])
    assert len(entries) == 1, [e.what for e in entries]
    entry = entries[0]
    assert entry.action == "view" and entry.user == agreement.supervisee
    assert entry.supervisee_id == agreement.supervisee_id
    assert entry.ip_address == "127.0.0.1"
    if name not in ("agreement_detail", "flag_detail", "home"):
        assert entry.record_id == record.pk


def test_a_refusal_or_redirect_logs_no_read(login):
    world = _world()
    record = world[1]
    lock(record)
    client = login(record.supervisee)
    before = AccessLogEntry.objects.count()
    assert client.get(reverse("supervision:record_edit", args=[record.pk])).status_code == 302
    assert login(UserFactory()).get(record.get_absolute_url()).status_code == 404
    assert AccessLogEntry.objects.count() == before


def test_every_supervision_view_logs_its_reads_through_the_one_mechanism():
    from supervision.urls import urlpatterns

    unlogged = {p.name for p in urlpatterns if not getattr(p.callback, "logs_reads", False)}
    # The access log shows who read the person's own records; the CPD page shows a count;
    # "discuss in supervision" reads nothing.
    assert unlogged == {"access_log", "cpd_export_page", "topic_add"}


def test_records_reached_only_through_their_own_agreement():
    """Two agreements between the same two people: each record opens through its own."""
    supervisee, supervisor = role_user("practitioner"), role_user("supervisor")
    first = make_agreement(supervisee, supervisor, days_ago=200)
    old = lock(make_record(first, days_ago=150))
    services.agreement_end(by=supervisee, agreement=first, now=at(days(100)))
    second = make_agreement(supervisee, supervisor, days_ago=50)
    new = make_record(second, days_ago=10)
    assert Record.objects.filter(supervisee=supervisee, held_on__gte=second.starts_on).count() == 1
    assert permissions.can_view_record(supervisor, new)
    assert not permissions.can_view_record(supervisor, old)
    assert list(permissions.records_visible_to(supervisor)) == [new]


# The same refusals at the views: a clear message, nothing stored ---------------------------


def test_a_backdated_or_self_naming_proposal_is_refused_on_the_page(login):
    supervisee = role_user("practitioner")
    supervisor = role_user("supervisor")
    admin = role_user("admin")
    url = reverse("supervision:agreement_create")
    form = {"supervisee_email": supervisee.email, "frequency_days": 28}
    response = login(supervisor).post(url, {**form, "starts_on": days(400).isoformat()})
    assert response.status_code == 200
    assert "cannot start more than 7 days before" in response.content.decode()
    response = login(admin).post(
        url, {**form, "supervisor_email": admin.email, "starts_on": days(0).isoformat()}
    )
    assert "You cannot propose an agreement you are part of" in response.content.decode()
    # Fields that are not on the form are ignored, whatever is posted.
    login(supervisor).post(
        url, {**form, "starts_on": days(0).isoformat(), "accepted_at": "2020-01-01T00:00"}
    )
    assert Agreement.objects.get().accepted_at is None


def test_an_accepted_agreement_posted_to_its_edit_page_is_unchanged(login):
    agreement = make_agreement(days_ago=30)
    before = snapshot()
    for user in (agreement.supervisor, role_user("admin")):
        response = login(user).post(
            reverse("supervision:agreement_edit", args=[agreement.pk]),
            {"starts_on": days(900).isoformat(), "ends_on": "", "frequency_days": 7},
        )
        assert response.status_code == 302
    assert snapshot() == before


def test_a_stale_or_tampered_answer_is_refused_on_the_page(login):
    proposal = propose()
    client = login(proposal.supervisee)
    url = reverse("supervision:agreement_answer", args=[proposal.pk])
    response = client.post(url, {"answer": "accept", "terms_version": 7})
    assert "changed while you were reading" in response.content.decode()
    response = client.post(url, {"answer": "yes please", "terms_version": 1})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert (
        login(proposal.supervisor).post(url, {"answer": "accept", "terms_version": 1})["Location"]
        == proposal.get_absolute_url()
    )
    proposal.refresh_from_db()
    assert proposal.accepted_at is None
    client.post(url, {"answer": "accept", "terms_version": 1})
    proposal.refresh_from_db()
    assert proposal.accepted_at is not None


def test_sharing_with_someone_who_is_not_a_current_supervisor_is_refused(login):
    agreement = make_agreement(days_ago=100)
    record = lock(make_record(agreement, days_ago=50))
    stranger = role_user("supervisor")
    client = login(agreement.supervisee)
    response = client.post(
        reverse("supervision:record_share", args=[record.pk]),
        {"shared_with": stranger.pk},
        follow=True,
    )
    assert "Choose one of your current supervisors" in response.content.decode()
    assert not record.shares.exists()
    assert login(stranger).get(record.get_absolute_url()).status_code == 404


def test_a_former_supervisor_under_a_new_agreement_sees_old_records_only_if_shared():
    supervisee, supervisor = role_user("practitioner"), role_user("supervisor")
    first = make_agreement(supervisee, supervisor, days_ago=200)
    old = lock(make_record(first, days_ago=150))
    services.agreement_end(by=supervisee, agreement=first, now=at(days(100)))
    make_agreement(supervisee, supervisor, days_ago=50)
    old.refresh_from_db()
    assert not permissions.can_view_record(supervisor, old)
    assert list(permissions.share_recipients(supervisee, old)) == [supervisor]
    services.record_share(by=supervisee, record=old, with_user=supervisor)
    assert permissions.record_access(supervisor, old) == permissions.SHARED


# Found by trying the site as an outsider -----------------------------------------------------


def test_a_share_does_not_come_back_under_a_later_agreement():
    supervisee, supervisor = role_user("practitioner"), role_user("supervisor")
    first = make_agreement(supervisee, days_ago=200)
    signed = lock(make_record(first, days_ago=150))
    services.agreement_end(by=supervisee, agreement=first, now=at(days(120)))
    second = make_agreement(supervisee, supervisor, days_ago=100)
    services.record_share(by=supervisee, record=signed, with_user=supervisor)
    assert permissions.can_view_record(supervisor, signed)
    services.agreement_end(by=supervisee, agreement=second, now=at(days(40)))
    make_agreement(supervisee, supervisor, days_ago=10)
    assert not permissions.can_view_record(supervisor, signed)
    assert not permissions.records_visible_to(supervisor).filter(pk=signed.pk).exists()


def test_changed_terms_are_checked_against_the_day_they_change(settings):
    settings.SUPERVISION_AGREEMENT_BACKDATE_DAYS = 7
    proposal = propose(days_ago=60)  # proposed 60 days ago, never answered
    with pytest.raises(services.SupervisionError, match="more than 7 days before"):
        services.agreement_update(by=proposal.supervisor, agreement=proposal, starts_on=days(55))
    proposal.refresh_from_db()
    assert proposal.starts_on == days(60) and proposal.terms_version == 1


def test_flag_responses_and_escalation_outcomes_are_logged_with_the_address(login):
    world = _world()
    agreement, flag, escalation = world[0], world[4], world[5]
    login(agreement.supervisor).post(
        flag.get_absolute_url(), {"response": "discussed", "reason": "Talked it through"}
    )
    login(escalation.recipient).post(
        escalation.get_absolute_url(),
        {"outcome": "Agreed a plan", "outcome_on": timezone.localdate().isoformat()},
    )
    changes = AccessLogEntry.objects.filter(action="change", supervisee=agreement.supervisee)
    flag_entry = changes.get(what__startswith=f"Flag {flag.pk} response")
    outcome_entry = changes.get(what=f"Escalation {escalation.pk} outcome")
    assert flag_entry.ip_address == outcome_entry.ip_address == "127.0.0.1"


def test_the_supervisee_is_told_when_their_supervisor_escalates_a_case():
    record = make_record(make_agreement())
    discussion = add_discussion(record)
    mail.outbox.clear()
    services.escalation_create(
        by=record.supervisor,
        discussion=discussion,
        recipient=UserFactory(),
        stage="manager",
        reason="Stuck",
        escalated_on=record.held_on,
    )
    assert [m.to for m in mail.outbox][-1] == [record.supervisee.email]


def test_an_addendum_has_a_length_limit():
    record = lock(make_record(make_agreement()))
    with pytest.raises(services.SupervisionError):
        services.addendum_add(by=record.supervisee, record=record, text="x" * 5001)
    assert not record.addenda.exists()


def test_after_a_stale_answer_the_form_carries_the_new_terms(login):
    proposal = propose()
    client = login(proposal.supervisee)
    services.agreement_update(by=proposal.supervisor, agreement=proposal, frequency_days=14)
    url = reverse("supervision:agreement_answer", args=[proposal.pk])
    page = client.post(url, {"answer": "accept", "terms_version": 1}).content.decode()
    assert 'name="terms_version" value="2"' in page
    client.post(url, {"answer": "accept", "terms_version": 2})
    proposal.refresh_from_db()
    assert proposal.state() == "active"


def test_signing_in_the_grace_period_returns_the_former_supervisor_to_their_home(login):
    agreement = make_agreement(days_ago=100)
    record = make_record(agreement, days_ago=10)
    record.refresh_from_db()
    services.record_send(by=agreement.supervisee, record=record, version=record.version)
    services.agreement_end(by=agreement.supervisee, agreement=agreement)
    record.refresh_from_db()
    response = login(agreement.supervisor).post(
        reverse("supervision:record_sign", args=[record.pk]), {"version": record.version}
    )
    assert response["Location"] == reverse("supervision:home")
    record.refresh_from_db()
    assert record.is_locked


def test_the_dashboard_panel_shows_the_supervision_summary(login):
    agreement = make_agreement(days_ago=100)
    response = login(agreement.supervisor).get(reverse("dashboard"))
    assert "You supervise 1 person." in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_deleted_library_page_stays_named_on_the_record_it_was_discussed_in(login):
    from tests.library.factories import guide

    page = guide(title="Neglect and the unseen man")
    agreement = make_agreement()
    services.topic_add(by=agreement.supervisee, page=page)
    record = make_record(agreement)
    page.delete()
    topic = record.topics.get()
    assert topic.page is None and topic.page_title == "Neglect and the unseen man"
    shown = login(agreement.supervisee).get(record.get_absolute_url()).content.decode()
    assert "Neglect and the unseen man (no longer in the library)" in shown
