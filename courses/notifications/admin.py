"""The Training e-mails screens in Wagtail: partnership staff edit the wording of each kind of
e-mail, preview it filled with made-up values, and can go back to the default wording.

The kinds are fixed by the code, so nobody adds or deletes one here; every kind is listed
(with its default wording until someone changes it)."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models.notifications import EmailTemplate
from .catalogue import KINDS
from .render import placeholder_help

FIXED = ("add", "delete")


def email_templates_ensure() -> None:
    """One row per kind, holding its default wording, for any kind that has none yet."""
    have = set(EmailTemplate.objects.values_list("kind", flat=True))
    missing = [
        EmailTemplate(kind=key, subject=str(kind.subject), body=str(kind.body))
        for key, kind in KINDS.items()
        if key not in have
    ]
    if missing:
        with transaction.atomic():
            EmailTemplate.objects.bulk_create(missing, ignore_conflicts=True)


class EmailTemplatePermissionPolicy(ModelPermissionPolicy):
    """Change and view as Django's permissions say; adding and deleting for nobody."""

    def user_has_permission(self, user, action):
        return action not in FIXED and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [a for a in actions if a not in FIXED]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


register_permission_policy(
    EmailTemplate, EmailTemplatePermissionPolicy(EmailTemplate), exact_class=True
)


class EmailTemplateForm(WagtailAdminModelForm):
    reset_to_default = forms.BooleanField(
        label=_("Go back to the default wording"),
        required=False,
        help_text=_(
            "Tick and save to replace the subject and body with the wording the site came with."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.kind:
            help_text = placeholder_help(self.instance.kind)
            self.fields["body"].help_text = help_text
            self.fields["subject"].help_text = _("One line. The body's placeholders work here too.")
            self.fields["body"].widget.attrs.setdefault("rows", 14)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reset_to_default") and self.instance.kind:
            spec = KINDS[self.instance.kind]
            for name, default in (("subject", spec.subject), ("body", spec.body)):
                # What was typed no longer matters, even if it was wrong.
                self._errors.pop(name, None)
                cleaned[name] = str(default)
        return cleaned


def _sent(template) -> str:
    if template.spec.essential:
        return _("Always")
    return _("Unless turned off")


def _wording(template) -> str:
    return _("Default") if template.is_default else _("Changed")


class EmailTemplateViewSet(SnippetViewSet):
    model = EmailTemplate
    icon = "mail"
    menu_label = _("Training e-mails")
    menu_order = 255
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    list_display = [
        "__str__",
        "subject",
        Column("sent", label=_("Sent"), accessor=_sent),
        Column("wording", label=_("Wording"), accessor=_wording),
        DateColumn("updated_at", label=_("Last changed")),
    ]
    edit_handler = ObjectList(
        [FieldPanel("subject"), FieldPanel("body"), FieldPanel("reset_to_default")],
        base_form_class=EmailTemplateForm,
    )

    def get_queryset(self, request):
        email_templates_ensure()
        return EmailTemplate.objects.all()
