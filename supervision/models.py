"""Reflective supervision: agreements, records, case discussions, actions, reflections, flags,
escalations and the access log.

Supervision records are special-category personal data. Nothing here is registered in the
Wagtail or Django admin: who may see a record is decided only by ``supervision.permissions``.
Business rules live in ``supervision.services``; these models hold data and small derived
values.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .identifiers import validate_case_reference


def labelled_values(obj, names) -> list[tuple[str, str]]:
    """(label, displayed value) pairs, for showing the saved version beside a stale edit."""
    pairs = []
    for name in names:
        field = obj._meta.get_field(name)
        display = getattr(obj, f"get_{name}_display", None)
        value = display() if display else getattr(obj, name)
        if isinstance(value, bool):
            value = _("Yes") if value else _("No")
        pairs.append((str(field.verbose_name).capitalize(), "" if value is None else str(value)))
    return pairs


class Theme(models.TextChoices):
    """Themes of reflective supervision, each with its own prompts (see ``PromptSet``)."""

    BIAS = "bias", _("Bias")
    DESENSITISATION = "desensitisation", _("Desensitisation")
    DRIFT = "drift", _("Case drift")
    CHILDS_VOICE = "childs_voice", _("The child's voice")
    UNSEEN_MEN = "unseen_men", _("Unseen men")
    DISGUISED_COMPLIANCE = "disguised_compliance", _("Disguised compliance")
    CHRONOLOGY = "chronology", _("Chronology")
    STUCK = "stuck", _("Stuck cases")


AGREEMENT_STATES = {
    "proposed": _("Waiting for the supervisee to accept"),
    "declined": _("Declined"),
    "withdrawn": _("Withdrawn"),
    "active": _("Active"),
    "due": _("Accepted, starts later"),
    "ended": _("Ended"),
}


class AgreementQuerySet(models.QuerySet):
    def current(self, now: datetime.datetime | None = None):
        """Accepted, not declined and not ended: the agreements that grant access now."""
        now = now or timezone.now()
        return self.filter(current_q(now=now))

    def started(self, now: datetime.datetime | None = None):
        """Current agreements whose start date has come: records can be written under them."""
        now = now or timezone.now()
        return self.current(now).filter(starts_on__lte=timezone.localdate(now))


def current_q(prefix: str = "", *, now: datetime.datetime) -> models.Q:
    """The ``current`` condition, usable through a relation (``prefix='agreement__'``)."""
    today = timezone.localdate(now)
    return models.Q(
        **{
            f"{prefix}accepted_at__isnull": False,
            f"{prefix}declined_at__isnull": True,
            f"{prefix}ended_at__isnull": True,
        }
    ) & (
        models.Q(**{f"{prefix}ends_on__isnull": True})
        | models.Q(**{f"{prefix}ends_on__gte": today})
    )


class Agreement(models.Model):
    """A supervision agreement between a supervisee and a supervisor for a period."""

    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervision_agreements",
        verbose_name=_("supervisee"),
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervising_agreements",
        verbose_name=_("supervisor"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, help_text=_("Leave empty while it continues.")
    )
    frequency_days = models.PositiveSmallIntegerField(
        _("expected frequency (days)"),
        default=28,
        validators=[MinValueValidator(7), MaxValueValidator(183)],
        help_text=_("How often supervision should take place, in days (for example 28)."),
    )
    confidentiality = models.TextField(
        _("confidentiality"),
        blank=True,
        help_text=_("What stays between you, and when information must be shared."),
    )
    disagreement = models.TextField(
        _("how disagreement is recorded"),
        blank=True,
        help_text=_("How either of you records a disagreement with the other."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Consent: a proposal grants nothing until the supervisee accepts it in the site.
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now, editable=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True, editable=False)
    decline_reason = models.TextField(_("reason for declining"), blank=True, editable=False)
    # Set when a party or an admin ends the agreement (or the proposer withdraws it) before
    # its end date; access ends at this moment rather than at the end of the day.
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True, editable=False)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # Incremented whenever the proposed terms change, so the supervisee accepts the terms
    # they read and not a version changed while they were reading it.
    terms_version = models.PositiveIntegerField(default=1, editable=False)
    # The due date a "supervision due" reminder was last sent for, so it is sent once.
    reminded_for = models.DateField(null=True, blank=True, editable=False)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("supervision agreement")

    def __str__(self):
        return _("%(supervisee)s supervised by %(supervisor)s") % {
            "supervisee": self.supervisee.get_full_name() or self.supervisee.email,
            "supervisor": self.supervisor.get_full_name() or self.supervisor.email,
        }

    def get_absolute_url(self):
        return reverse("supervision:agreement_detail", args=[self.pk])

    def active_on(self, day: datetime.date) -> bool:
        """Whether a session held on ``day`` falls within the agreement's dates."""
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None and self.declined_at is None

    def is_current(self, now: datetime.datetime | None = None) -> bool:
        """Accepted and not yet ended: the only state in which it grants anything."""
        now = now or timezone.now()
        today = timezone.localdate(now)
        return (
            self.is_accepted
            and self.ended_at is None
            and (self.ends_on is None or self.ends_on >= today)
        )

    def access_ended_at(self) -> datetime.datetime | None:
        """When the supervisor's access under this agreement ended (None while current)."""
        if self.ended_at is not None:
            return self.ended_at
        if self.ends_on is not None:
            day_after = self.ends_on + datetime.timedelta(days=1)
            return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))
        return None

    def state(self, now: datetime.datetime | None = None) -> str:
        """'proposed', 'declined', 'withdrawn', 'active', 'due' (accepted, starts later) or
        'ended'."""
        now = now or timezone.now()
        if self.declined_at:
            return "declined"
        if not self.accepted_at:
            return "withdrawn" if self.ended_at else "proposed"
        if not self.is_current(now):
            return "ended"
        return "due" if self.starts_on > timezone.localdate(now) else "active"

    def get_state_display(self) -> str:
        return str(AGREEMENT_STATES[self.state()])


class RecordType(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("One-to-one")
    GROUP = "group", _("Group")
    PEER = "peer", _("Peer")
    AD_HOC = "ad_hoc", _("Ad hoc")


class RecordStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent for signature")
    LOCKED = "locked", _("Signed and locked")


class Function(models.TextChoices):
    """The four functions of supervision (Morrison's 4x4x4 model)."""

    MANAGEMENT = "management", _("Management")
    SUPPORT = "support", _("Support")
    DEVELOPMENT = "development", _("Development")
    MEDIATION = "mediation", _("Mediation")


class Record(models.Model):
    """One supervision session, written up by its two parties and signed by both."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="records")
    # Copied from the agreement so that permission filters need no join.
    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_records"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("date held"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=RecordType.choices, default=RecordType.ONE_TO_ONE
    )
    attendees = models.CharField(
        _("attendees"),
        max_length=300,
        blank=True,
        help_text=_("Others present, by role (for example 'team manager')."),
    )
    functions = models.JSONField(_("functions covered"), default=list, blank=True)
    wellbeing = models.TextField(
        _("wellbeing"),
        blank=True,
        help_text=_("Seen by the two of you only. Never reported or exported."),
    )
    support_needs = models.TextField(
        _("support needs"),
        blank=True,
        help_text=_("Seen by the two of you only. Never reported or exported."),
    )
    status = models.CharField(
        max_length=10, choices=RecordStatus.choices, default=RecordStatus.DRAFT
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    supervisee_signed_at = models.DateTimeField(null=True, blank=True)
    supervisor_signed_at = models.DateTimeField(null=True, blank=True)
    disagreement = models.TextField(
        _("supervisee's disagreement"),
        blank=True,
        help_text=_("Anything in this record the supervisee does not agree with, and why."),
    )
    locked_at = models.DateTimeField(null=True, blank=True)
    legal_hold = models.BooleanField(
        default=False, help_text=_("Kept past the retention period while this is set.")
    )
    # Optimistic locking: every change to the record or anything in it increments this.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    unsigned_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["supervisee", "held_on"])]

    def __str__(self):
        return _("Supervision on %(date)s") % {"date": self.held_on.strftime("%-d %B %Y")}

    def get_absolute_url(self):
        return reverse("supervision:record_detail", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status == RecordStatus.LOCKED

    def party(self, user) -> str | None:
        """'supervisee', 'supervisor' or None."""
        if user.pk == self.supervisee_id:
            return "supervisee"
        if user.pk == self.supervisor_id:
            return "supervisor"
        return None

    def other_party(self, user):
        return self.supervisor if user.pk == self.supervisee_id else self.supervisee

    def conflict_view(self):
        return labelled_values(
            self, ["held_on", "duration_minutes", "kind", "attendees", "wellbeing", "support_needs"]
        )

    def function_labels(self) -> list[str]:
        labels = dict(Function.choices)
        return [str(labels[f]) for f in self.functions if f in labels]


class Topic(models.Model):
    """A library page a supervisee wants to discuss. Waits for their next draft record.

    The page's title is kept, so a record still says what was discussed after the page is
    deleted from the library."""

    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervision_topics"
    )
    record = models.ForeignKey(
        Record, on_delete=models.CASCADE, null=True, blank=True, related_name="topics"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    page_title = models.CharField(max_length=255, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self):
        return self.page_title or str(self.page)


class CaseReference(models.Model):
    """A pseudonymised case on a supervisee's caseload. Never a name, date or number that could
    identify a child."""

    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_cases"
    )
    reference = models.CharField(
        _("case reference"),
        max_length=40,
        validators=[validate_case_reference],
        help_text=_(
            "A pseudonym you will recognise, such as 'Family K' or 'Oak-17'. Never a name, "
            "date of birth, NHS number, address or postcode."
        ),
    )
    closed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervisee", "reference"], name="unique_case_reference_per_supervisee"
            )
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("supervision:case_timeline", args=[self.pk])


class ChangeCheck(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    UNCLEAR = "unclear", _("Unclear")


NOT_CHANGING = (ChangeCheck.NO, ChangeCheck.UNCLEAR)


class CaseDiscussion(models.Model):
    """One case discussed in one record (Signs of Safety mapping plus the change check)."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="discussions")
    case = models.ForeignKey(CaseReference, on_delete=models.PROTECT, related_name="discussions")
    current_position = models.TextField(_("current position"), blank=True)
    worries = models.TextField(_("what are we worried about?"), blank=True)
    working_well = models.TextField(_("what is working well?"), blank=True)
    needs_to_happen = models.TextField(_("what needs to happen?"), blank=True)
    worry_scale = models.PositiveSmallIntegerField(
        _("worry scale"),
        validators=[MaxValueValidator(10)],
        help_text=_("0 means the child is safe enough to close; 10 means the child is in danger."),
    )
    change_check = models.CharField(
        _("change check"),
        max_length=10,
        choices=ChangeCheck.choices,
        help_text=_(
            "Is our help producing significant positive change for the child, at a pace that "
            "suits the child?"
        ),
    )
    change_evidence = models.TextField(_("evidence for the change check"), blank=True)
    child_seen_alone = models.BooleanField(_("child seen alone since last time"), default=False)
    voice_recorded = models.BooleanField(_("child's voice recorded"), default=False)
    adults_known = models.BooleanField(
        _("all adults in the household known and assessed, including men"), default=False
    )
    chronology_reviewed_on = models.DateField(_("chronology last reviewed"), null=True, blank=True)
    stuck = models.BooleanField(_("we are stuck"), default=False)
    worker_changed = models.BooleanField(
        _("the allocated worker has changed since the last discussion"), default=False
    )
    decisions = models.TextField(_("decisions and reasons"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return str(self.case)

    def get_absolute_url(self):
        return reverse("supervision:discussion_edit", args=[self.record_id, self.pk])

    def conflict_view(self):
        return [(_("Case reference"), self.case.reference)] + labelled_values(
            self, DISCUSSION_FIELDS
        )

    @property
    def free_text(self) -> str:
        return " ".join(
            [
                self.current_position,
                self.worries,
                self.working_well,
                self.needs_to_happen,
                self.change_evidence,
                self.decisions,
            ]
        )


# What a person writes in a case discussion, in the order the form asks for it.
DISCUSSION_FIELDS = (
    "current_position",
    "worries",
    "working_well",
    "needs_to_happen",
    "worry_scale",
    "change_check",
    "change_evidence",
    "child_seen_alone",
    "voice_recorded",
    "adults_known",
    "chronology_reviewed_on",
    "stuck",
    "worker_changed",
    "decisions",
)


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Action(models.Model):
    """An agreed action. Unfinished actions are carried into the next record as copies that
    point back at the one they came from, so the history of each record stays as signed."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="actions")
    case = models.ForeignKey(
        CaseReference, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    description = models.CharField(_("action"), max_length=300)
    owner = models.CharField(
        _("owner"), max_length=120, help_text=_("Who will do it, by name or role.")
    )
    due_on = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    barriers = models.TextField(_("barriers"), blank=True)
    carried_from = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to"
    )
    times_carried = models.PositiveSmallIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return reverse("supervision:record_detail", args=[self.record_id]) + f"#action-{self.pk}"

    @property
    def is_overdue(self) -> bool:
        return (
            self.status != ActionStatus.DONE
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )


class ReflectiveEntry(models.Model):
    """A reflection on one theme, in Kolb's four steps. Supervisees may export these as CPD."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="reflections")
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    prompt = models.CharField(_("prompt you used"), max_length=300, blank=True)
    what_happened = models.TextField(_("what happened"))
    thoughts_feelings = models.TextField(_("what I think and feel about it"), blank=True)
    analysis = models.TextField(_("what I make of it"), blank=True)
    next_steps = models.TextField(_("what I will do"), blank=True)
    peer_reflection = models.TextField(
        _("supervisor's reflection"),
        blank=True,
        help_text=_("The supervisor's response; exported as the peer reflection for CPD."),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = _("reflective entries")

    def __str__(self):
        return self.get_theme_display()

    def get_absolute_url(self):
        return reverse("supervision:reflection_edit", args=[self.record_id, self.pk])

    def conflict_view(self):
        return labelled_values(
            self,
            [
                "theme",
                "prompt",
                "what_happened",
                "thoughts_feelings",
                "analysis",
                "next_steps",
                "peer_reflection",
            ],
        )


class Addendum(models.Model):
    """A dated correction or addition to a locked record."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("addendum"), validators=[MaxLengthValidator(5000)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = _("addenda")

    def __str__(self):
        return _("Addendum of %(date)s") % {"date": self.created_at}

    def get_absolute_url(self):
        return reverse("supervision:record_detail", args=[self.record_id]) + f"#addendum-{self.pk}"


class RecordShare(models.Model):
    """A signed record the supervisee has shown to another of their current supervisors (for
    example after a handover). Read-only for that person; the supervisee may revoke it."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="shares")
    shared_with = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The recipient's agreement in force when the record was shared: the share lasts only as
    # long as that agreement, so a later agreement between the same people brings nothing back.
    via_agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="+", null=True
    )
    shared_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-shared_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "shared_with"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_share_per_person",
            )
        ]

    def __str__(self):
        return _("Shared with %(name)s") % {
            "name": self.shared_with.get_full_name() or self.shared_with.email
        }


class FlagResponse(models.TextChoices):
    DISCUSSED = "discussed", _("Discussed")
    ESCALATED = "escalated", _("Escalated")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Flag(models.Model):
    """A prompt for a conversation raised by one of the drift rules. Never a decision."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="flags")
    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey(
        CaseReference, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    rule = models.PositiveSmallIntegerField()
    evidence = models.TextField()
    # What the rule saw (for example the latest discussion's id), so the same evidence never
    # raises the same flag twice, even after a response.
    evidence_key = models.CharField(max_length=80)
    raised_at = models.DateTimeField(default=timezone.now)
    response = models.CharField(max_length=20, choices=FlagResponse.choices, blank=True)
    response_reason = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervisee", "rule", "evidence_key"], name="unique_flag_evidence"
            )
        ]

    def __str__(self):
        return self.rule_title

    def get_absolute_url(self):
        return reverse("supervision:flag_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return not self.response

    @property
    def rule_title(self) -> str:
        from .flags import RULES

        return str(RULES[self.rule].title)


class EscalationStage(models.TextChoices):
    TEAM = "team", _("Stage 1: practitioner to practitioner or team manager")
    MANAGER = "manager", _("Stage 2: manager to manager")
    SENIOR = "senior", _("Stage 3: senior or service manager")
    PARTNERSHIP = "partnership", _("Stage 4: safeguarding partnership")


class Escalation(models.Model):
    """A case discussion escalated to a named person, who may then read that discussion."""

    # PROTECT: an escalated discussion is kept with its escalation; only the retention
    # policy removes both, escalation first.
    discussion = models.ForeignKey(
        CaseDiscussion, on_delete=models.PROTECT, related_name="escalations"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervision_escalations",
        verbose_name=_("escalated to"),
    )
    escalated_on = models.DateField(_("date escalated"), default=timezone.localdate)
    stage = models.CharField(_("stage"), max_length=20, choices=EscalationStage.choices)
    reason = models.TextField(_("why it is escalated"))
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_on = models.DateField(_("date of outcome"), null=True, blank=True)

    class Meta:
        ordering = ["-escalated_on", "-pk"]

    def __str__(self):
        return _("Escalation on %(date)s") % {"date": self.escalated_on}

    def get_absolute_url(self):
        return reverse("supervision:escalation_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return not self.outcome


class AccessLogEntry(models.Model):
    """Who read, exported or changed a supervision record, when and from where.

    ``record_id`` is kept as a plain number so entries outlive a record deleted under the
    retention policy (its deletion is itself an entry)."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CHANGE = "change", _("Changed")
        EXPORT = "export", _("Exported")
        DELETE = "delete", _("Deleted under the retention policy")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    record_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    what = models.CharField(max_length=200)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = _("access log entries")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.what}"


class PromptSet(models.Model):
    """Reflective prompts for one theme, offered a few at a time in supervision records."""

    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices, unique=True)
    prompts = models.TextField(
        _("prompts"), help_text=_("One question per line. Three are offered at a time.")
    )

    panels = [FieldPanel("theme"), FieldPanel("prompts")]

    class Meta:
        ordering = ["theme"]
        verbose_name = _("reflective prompt set")

    def __str__(self):
        return self.get_theme_display()

    def prompt_list(self) -> list[str]:
        return [line.strip() for line in self.prompts.splitlines() if line.strip()]


@register_setting(icon="warning")
class SupervisionSettings(BaseSiteSetting):
    """Thresholds for the drift flags and the retention period. Flags prompt a conversation;
    they never decide anything."""

    not_changing_run = models.PositiveSmallIntegerField(
        _("rule 1: discussions in a row with the change check 'no' or 'unclear'"),
        default=3,
        validators=[MinValueValidator(2)],
    )
    carried_forward = models.PositiveSmallIntegerField(
        _("rule 2: times an action is carried forward"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    not_seen_alone_run = models.PositiveSmallIntegerField(
        _("rule 3: discussions in a row without the child seen alone and heard"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    adults_unknown_run = models.PositiveSmallIntegerField(
        _("rule 4: discussions in a row with adults not known or assessed"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    chronology_weeks = models.PositiveSmallIntegerField(
        _("rule 5: weeks without a chronology review"),
        default=12,
        validators=[MinValueValidator(1)],
    )
    worry_trend_run = models.PositiveSmallIntegerField(
        _("rule 6: discussions over which a falling worry scale is looked for"),
        default=3,
        validators=[MinValueValidator(2)],
    )
    normalising_phrases = models.TextField(
        _("rule 6: normalising phrases"),
        default="seen worse\nno worse than\nnot as bad as\nused to it\njust how they are\n"
        "typical for the area\ngood enough for round here",
        help_text=_("One per line; matched without regard to capitals."),
    )
    stuck_count = models.PositiveSmallIntegerField(
        _("rule 7: times 'stuck' is recorded with no escalation"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    worker_changes = models.PositiveSmallIntegerField(
        _("rule 9: changes of allocated worker"), default=2, validators=[MinValueValidator(1)]
    )
    worker_change_months = models.PositiveSmallIntegerField(
        _("rule 9: over this many months"), default=6, validators=[MinValueValidator(1)]
    )
    retention_years = models.PositiveSmallIntegerField(
        _("retention (years after the record was held)"),
        default=6,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        verbose_name = _("supervision settings")

    def phrases(self) -> list[str]:
        return [p.strip().lower() for p in self.normalising_phrases.splitlines() if p.strip()]
