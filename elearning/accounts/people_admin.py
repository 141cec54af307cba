"""The People area: Wagtail's user screens as partnership admins use them.

The list shows each person's agency, partnership roles, whether they have an authenticator and
when they last signed in; "Invite a person" replaces Wagtail's "Add a user"; deactivating and
reactivating go through ``services`` (never for oneself, sessions ended, logged). Wagtail's
own groups (Editors, Moderators) are not offered anywhere here.
"""

import django_filters
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch
from django.forms import CheckboxSelectMultiple
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.users.views.bulk_actions.set_active_state import (
    SetActiveStateBulkAction as WagtailSetActiveStateBulkAction,
)
from wagtail.users.views.users import GroupFilter, UserColumn, UserFilterSet
from wagtail.users.views.users import IndexView as WagtailIndexView

from . import roles
from .models import Agency, User
from .services import (
    AccountRefusal,
    can_manage_people,
    partnership_groups,
    person_deactivate,
    person_reactivate,
    who,
)
from .services.people import people_status

NO_ROLES = gettext_lazy("Practitioner")


class PeopleFilterSet(UserFilterSet):
    """Wagtail's user filters with the partnership roles only, and agency."""

    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.all(), label=gettext_lazy("Agency")
    )

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, is_searching=False):
        super().__init__(data, queryset, request=request, prefix=prefix, is_searching=is_searching)
        # Superusers are made from the command line only; nobody filters for them here.
        self.filters.pop("is_superuser", None)
        self.filters["group"] = GroupFilter(
            field_name="groups",
            queryset=partnership_groups(),
            label=gettext_lazy("Partnership role"),
            use_subquery=is_searching,
            widget=CheckboxSelectMultiple,
        )


def partnership_roles_text(person) -> str:
    names = [g.name for g in getattr(person, "partnership_groups", None) or []]
    return ", ".join(sorted(names)) if names else str(NO_ROLES)


def _needs_mfa(person) -> bool:
    names = {g.name for g in getattr(person, "partnership_groups", None) or []}
    return person.is_superuser or bool(
        names & {g for role in roles.MFA_ROLES for g in roles.ROLE_GROUPS[role]}
    )


def mfa_text(person) -> str:
    if getattr(person, "has_authenticator", False):
        return _("Set up")
    if _needs_mfa(person):
        return _("Not set up (their role needs it)")
    return _("Not set up")


class PeopleBreadcrumbsMixin:
    """Wagtail names the area after the model ("Users"); here it is "People"."""

    def get_breadcrumbs_items(self):
        plural = str(capfirst(User._meta.verbose_name_plural))
        return [
            {**item, "label": _("People")} if str(item.get("label")) == plural else item
            for item in super().get_breadcrumbs_items()
        ]


class PeopleIndexView(PeopleBreadcrumbsMixin, WagtailIndexView):
    page_title = gettext_lazy("People")
    add_item_label = gettext_lazy("Invite a person")

    @cached_property
    def columns(self):
        name_column = self._get_title_column_class(UserColumn)
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="user"),
            name_column(
                "name",
                accessor=get_user_display_name,
                label=gettext_lazy("Name"),
                sort_key="name",
                get_url=self.get_edit_url,
                classname="name",
                # Without a width the e-mail column takes the room and names wrap by letter.
                width="20%",
            ),
            Column("email", label=gettext_lazy("E-mail address"), sort_key="email"),
            Column(
                "agency",
                accessor=lambda u: u.agency.name if u.agency_id else "",
                label=gettext_lazy("Agency"),
                sort_key="agency__name",
            ),
            # Wagtail's "Access level" column, filled with the partnership roles.
            Column(
                "level",
                accessor=partnership_roles_text,
                label=gettext_lazy("Partnership roles"),
                classname="level",
            ),
            Column("mfa", accessor=mfa_text, label=gettext_lazy("Two-factor")),
            DateColumn(
                "last_login",
                label=gettext_lazy("Last signed in"),
                sort_key="last_login",
                classname="last-login",
            ),
            Column(
                "status",
                accessor=people_status,
                label=gettext_lazy("Account"),
                sort_key="is_active",
                classname="status",
            ),
        ]

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("agency")
            .prefetch_related(
                Prefetch("groups", queryset=partnership_groups(), to_attr="partnership_groups")
            )
            .annotate(
                has_authenticator=Exists(
                    Authenticator.objects.filter(
                        user_id=OuterRef("pk"), type=Authenticator.Type.TOTP
                    )
                )
            )
        )


# --- Deactivating and reactivating ---------------------------------------------------------


ACTIONS = {
    "deactivate": {
        "service": person_deactivate,
        "title": gettext_lazy("Deactivate account"),
        "button": gettext_lazy("Deactivate account"),
        "done": gettext_lazy(
            "%(name)s's account has been deactivated and they have been signed out everywhere."
        ),
    },
    "reactivate": {
        "service": person_reactivate,
        "title": gettext_lazy("Reactivate account"),
        "button": gettext_lazy("Reactivate account"),
        "done": gettext_lazy("%(name)s's account is active again. They can sign in."),
    },
}


def person_access_view(request, user_id: int, action: str):
    """Confirm deactivating or reactivating a person's account. Partnership admins only; the
    service refuses it for one's own account and the refusal is shown on the page."""
    if not can_manage_people(request.user):
        raise PermissionDenied
    person = get_object_or_404(User, pk=user_id)
    spec = ACTIONS[action]
    error = None
    if request.method == "POST":
        try:
            spec["service"](by=request.user, user=person)
        except AccountRefusal as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, str(spec["done"]) % {"name": who(person)})
            return redirect("wagtailusers_users:index")
    return TemplateResponse(
        request,
        "wagtailusers/users/person_access.html",
        {
            "person": person,
            "action": action,
            "error": error,
            "is_self": person.pk == request.user.pk,
            "page_title": spec["title"],
            "button_label": spec["button"],
            "status": people_status(person),
        },
        status=400 if error else 200,
    )


def person_deactivate_view(request, user_id: int):
    return person_access_view(request, user_id, "deactivate")


def person_reactivate_view(request, user_id: int):
    return person_access_view(request, user_id, "reactivate")


def access_action_url(person, request_user) -> tuple[str, str] | None:
    """(label, url) of the deactivate or reactivate action offered for ``person``, if any."""
    if person.pk == request_user.pk or not can_manage_people(request_user):
        return None
    if person.is_active:
        return _("Deactivate"), reverse("wagtailusers_users:deactivate", args=[person.pk])
    if person.left_on is None:
        return _("Reactivate"), reverse("wagtailusers_users:reactivate", args=[person.pk])
    return None


class SetActiveStateBulkAction(WagtailSetActiveStateBulkAction):
    """Wagtail's "Set active state" for several people, through the same services: never for
    oneself, sessions ended on deactivation, each change logged, leavers left closed."""

    def get_execution_context(self):
        return {**super().get_execution_context(), "by": self.request.user}

    @classmethod
    def execute_action(cls, objects, mark_as_active=False, by=None, **kwargs):
        if by is None:
            return 0, 0
        service = person_reactivate if mark_as_active else person_deactivate
        done = 0
        for person in objects:
            if person.pk == by.pk or person.is_active == mark_as_active:
                continue
            try:
                service(by=by, user=person)
            except AccountRefusal:
                continue  # a leaver stays closed; counted out of the message below
            done += 1
        return done, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if self.cleaned_form.cleaned_data["mark_as_active"]:
            text = ngettext(
                "%(count)d account has been reactivated.",
                "%(count)d accounts have been reactivated.",
                num_parent_objects,
            )
        else:
            text = ngettext(
                "%(count)d account has been deactivated.",
                "%(count)d accounts have been deactivated.",
                num_parent_objects,
            )
        return text % {"count": num_parent_objects}
