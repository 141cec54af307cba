"""The Wagtail users screens: the site's forms, and roles and e-mail changes through services."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.log_actions import log
from wagtail.users.views.bulk_actions.assign_role import (
    AssignRoleBulkAction as WagtailAssignRoleBulkAction,
)
from wagtail.users.views.users import CreateView as WagtailCreateView
from wagtail.users.views.users import EditView as WagtailEditView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from elearning.core.forms import DateField

from . import roles
from .admin_forms import AdminUserCreationForm, AdminUserEditForm
from .models import User
from .people_admin import (
    PeopleBreadcrumbsMixin,
    PeopleFilterSet,
    PeopleIndexView,
    access_action_url,
    person_deactivate_view,
    person_reactivate_view,
)
from .services import (
    AccountRefusal,
    can_mark_leaver,
    email_change_request,
    partnership_groups,
    person_invite,
    person_leave,
    roles_change,
)
from .services.people import people_status


class _RefusalsAsFormErrors:
    """A service's refusal is shown on the form; the transaction around the save is undone."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except AccountRefusal as refusal:
            form.add_error(None, refusal)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class UserCreateView(PeopleBreadcrumbsMixin, _RefusalsAsFormErrors, WagtailCreateView):
    """Inviting a person: the account is made by ``services.person_invite``, which e-mails
    them a link to choose their password."""

    page_title = gettext_lazy("Invite a person")
    submit_button_label = gettext_lazy("Send invitation")

    def get_page_subtitle(self):
        return ""

    def get_breadcrumbs_items(self):
        # Wagtail's last crumb is "New: <subtitle>", which reads "New:" with no subtitle.
        *earlier, _last = super().get_breadcrumbs_items()
        return [*earlier, {"url": "", "label": self.page_title}]

    def save_instance(self):
        data = self.form.cleaned_data
        instance = person_invite(
            by=self.request.user,
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            agency=data["agency"],
            job_title=data["job_title"],
            groups=self.form.requested_groups or [],
            request=self.request,
        )
        log(instance=instance, action="wagtail.create", content_changed=True)
        return instance

    def get_success_message(self, instance):
        return _(
            "Invitation sent to %(email)s. They choose a password from the link in it, then "
            "sign in with that address."
        ) % {"email": instance.email}


class UserEditView(PeopleBreadcrumbsMixin, _RefusalsAsFormErrors, WagtailEditView):
    def save_instance(self):
        form = self.form
        instance = super().save_instance()
        groups = form.requested_groups
        if groups is not None:
            roles_change(by=self.request.user, user=instance, groups=groups)
        if form.requested_email:
            email_change_request(
                by=self.request.user,
                user=instance,
                email=form.requested_email,
                request=self.request,
            )
            if self.editing_self:
                text = _(
                    "A confirmation link has been sent to %(new)s. You keep signing in with "
                    "%(old)s until you open it while signed in."
                )
            else:
                text = _(
                    "A confirmation link has been sent to %(new)s. The person keeps signing in "
                    "with %(old)s until they open it while signed in. They have been told at "
                    "%(old)s and signed out everywhere."
                )
            messages.info(self.request, text % {"new": form.requested_email, "old": instance.email})
        return instance

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["access_action"] = access_action_url(self.object, self.request.user)
        context["account_status"] = people_status(self.object)
        return context


class UserViewSet(WagtailUserViewSet):
    """Wagtail's users screens as the partnership's People area (see ``people_admin``)."""

    menu_label = gettext_lazy("People")
    index_view_class = PeopleIndexView
    add_view_class = UserCreateView
    edit_view_class = UserEditView
    filterset_class = PeopleFilterSet
    # Wagtail's generic copy view would make an account without ``person_invite``: no
    # invitation, no logged roles.
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return AdminUserEditForm if for_update else AdminUserCreationForm

    def get_search_area(self):
        area = super().get_search_area()
        area.label = gettext_lazy("People")
        return area

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("deactivate/<int:user_id>/", person_deactivate_view, name="deactivate"),
            path("reactivate/<int:user_id>/", person_reactivate_view, name="reactivate"),
        ]


class PartnershipRoleForm(forms.Form):
    role = forms.ModelChoiceField(
        queryset=partnership_groups(), label=gettext_lazy("Partnership role")
    )


class AssignRoleBulkAction(WagtailAssignRoleBulkAction):
    """Wagtail's "Assign role" for several people at once, through ``roles_change``: only
    partnership roles, never to oneself, each change logged and e-mailed."""

    form_class = PartnershipRoleForm
    template_name = "wagtailusers/bulk_actions/confirm_bulk_assign_partnership_role.html"

    def get_actionable_objects(self):
        objects, without_access = super().get_actionable_objects()
        own = [user for user in objects if user.pk == self.request.user.pk]
        without_access["assign_role_to_self"] = own
        return [user for user in objects if user.pk != self.request.user.pk], without_access

    def get_execution_context(self):
        return {**super().get_execution_context(), "by": self.request.user}

    @classmethod
    def execute_action(cls, objects, role=None, by=None, **kwargs):
        changed = 0
        if role is None or by is None:
            return changed, 0
        for user in objects:
            current = set(user.groups.filter(name__in=roles.PARTNERSHIP_GROUPS))
            if roles_change(by=by, user=user, groups=current | {role}) is not None:
                changed += 1
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d person has been given the role %(role)s.",
            "%(count)d people have been given the role %(role)s.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "role": self.cleaned_form.cleaned_data["role"].name}


class LeaveForm(forms.Form):
    left_on = DateField(
        label=gettext_lazy("Date they left"),
        help_text=gettext_lazy("For example, 31 3 2026. It cannot be in the future."),
        subject=gettext_lazy("the date they left"),
    )


def person_leave_view(request, user_id: int):
    """Confirm that a person has left: their account closes and future bookings are given up.
    Partnership admins only, and never for themselves."""
    if not can_mark_leaver(request.user):
        raise PermissionDenied
    person = get_object_or_404(User, pk=user_id)
    if request.method == "POST":
        form = LeaveForm(request.POST)
        if form.is_valid():
            try:
                person_leave(by=request.user, user=person, left_on=form.cleaned_data["left_on"])
            except AccountRefusal as refusal:
                form.add_error(None, refusal)
            else:
                messages.success(
                    request,
                    _(
                        "%(name)s has been marked as having left. Their account is closed, "
                        "they have been signed out and their future bookings cancelled. "
                        "Their training record is kept."
                    )
                    % {"name": person.get_full_name() or person.email},
                )
                return redirect("wagtailusers_users:index")
    else:
        form = LeaveForm(initial={"left_on": timezone.localdate()})
    return TemplateResponse(
        request,
        "wagtailusers/users/person_leave.html",
        {
            "person": person,
            "form": form,
            "is_self": person.pk == request.user.pk,
            "page_title": _("Mark as left"),
        },
    )
