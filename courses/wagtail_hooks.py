"""Admin screens: partnership staff add, edit and cancel training sessions in the publishing
admin. Saving goes through ``services.session_save`` (and ``session_cancel``) so the waiting
list, e-mails and calendar files follow every change made here."""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet

from elearning.core.protection import (
    SESSION_ARCHIVE_HINT,
    delete_refused_message,
    protected_error_records,
    protected_records,
)
from elearning.core.registry import DashboardPanel, NavItem

from . import permissions, services
from .models import Trainer, TrainingSession, Venue
from .notifications.admin import EmailTemplateViewSet
from .people_places_admin import register_people_places
from .permissions import can_view_interest_demand


class TrainingSessionForm(WagtailAdminModelForm):
    cancel_session = forms.BooleanField(
        label=_("Cancel this session"),
        required=False,
        help_text=_(
            "Tick and save to cancel the session. Everyone booked or waiting is e-mailed and "
            "their bookings are cancelled. This cannot be undone."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["cancel_session"]
        # Inactive trainers and venues are not offered, except the one the session has.
        for name, model in (("trainer", Trainer), ("venue", Venue)):
            if name in self.fields:
                current = getattr(self.instance, f"{name}_id", None)
                self.fields[name].queryset = model.objects.filter(
                    Q(active=True) | Q(pk=current)
                ).order_by("name")
                self.fields[name].widget = forms.Select(choices=self.fields[name].choices)


class _SessionSaveMixin:
    """Save through the services; a refusal goes back on the form and nothing is stored."""

    log_action = "wagtail.edit"

    def save_instance(self):
        session = self.form.instance
        if self.form.cleaned_data.get("cancel_session"):
            session = services.session_cancel(by=self.request.user, session=session)
            log(instance=session, action="wagtail.edit", user=self.request.user)
            return session
        # Puts the edited parts on the unsaved session for the service to check and save.
        session = self.form.save(commit=False)
        session = services.session_save(by=self.request.user, session=session)
        log(instance=session, action=self.log_action, user=self.request.user)
        return session

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            # A CourseRefusal, or the model's own validation run again inside the service.
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class TrainingSessionCreateView(_SessionSaveMixin, generic.CreateView):
    log_action = "wagtail.create"


class TrainingSessionEditView(_SessionSaveMixin, generic.EditView):
    pass


class TrainingSessionDeleteView(generic.DeleteView):
    """Refuses to delete a session with bookings (and so attendance marks): they are kept,
    and the session is archived instead. The database refuses too (``PROTECT``)."""

    def _refuse(self, counts):
        messages.error(
            self.request,
            delete_refused_message(
                title=str(self.object), counts=counts, hint=SESSION_ARCHIVE_HINT
            ),
        )
        return redirect(self.get_edit_url() or self.get_success_url())

    def get_edit_url(self):
        if self.edit_url_name:
            return reverse(self.edit_url_name, args=(quote(self.object.pk),))
        return None

    def dispatch(self, request, *args, **kwargs):
        counts = protected_records([self.object])
        if counts:
            return self._refuse(counts)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError as error:
            # Someone booked between the check and the delete.
            return self._refuse(protected_error_records(error.protected_objects))


class TrainingSessionViewSet(ModelViewSet):
    model = TrainingSession
    icon = "date"
    menu_label = _("Training sessions")
    menu_order = 250
    add_to_admin_menu = True
    form_fields = [
        "course",
        "venue",
        "joining_details",
        "capacity",
        "booking_deadline",
        "cancellation_cutoff",
        "trainer",
        "archived",
    ]
    add_view_class = TrainingSessionCreateView
    edit_view_class = TrainingSessionEditView
    delete_view_class = TrainingSessionDeleteView
    list_display = ["__str__", "venue", "trainer", "capacity", "booking_deadline", "cancelled_at"]
    list_filter = ["course"]
    ordering = ["-starts_at"]

    def get_form_class(self, for_update=False):
        from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList

        panels = [FieldPanel(name) for name in self.form_fields]
        # The session's start and end are the span of its parts (``services.session_save``).
        panels.insert(
            1,
            InlinePanel(
                "parts",
                heading=_("Parts"),
                label=_("Part"),
                min_num=1,
                help_text=_(
                    "One part for a single sitting; add a part for each half-day or day of a "
                    "session in several parts. Parts cannot overlap."
                ),
            ),
        )
        if for_update:
            panels.append(FieldPanel("cancel_session"))
        return (
            ObjectList(panels, base_form_class=TrainingSessionForm)
            .bind_to_model(self.model)
            .get_form_class()
        )


@hooks.register("register_admin_viewset")
def register_training_sessions():
    return TrainingSessionViewSet("training_sessions")


# --- Certificates: find, revoke, re-issue ----------------------------------------------------


@hooks.register("register_admin_urls")
def register_certificate_urls():
    from django.urls import include, path

    from . import certificates_admin as views

    index = views.CertificateIndexView
    urls = [
        path("", index.as_view(), name="index"),
        path("results/", index.as_view(results_only=True), name="index_results"),
        path("<int:certificate_id>/", views.certificate_detail, name="detail"),
        path("<int:certificate_id>/revoke/", views.certificate_revoke, name="revoke"),
        path("<int:certificate_id>/reissue/", views.certificate_reissue, name="reissue"),
    ]
    return [path("certificates/", include((urls, "certificates"), namespace="certificates"))]


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_manage_certificates(request.user)


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return CertificatesMenuItem(
        _("Certificates"), reverse("certificates:index"), icon_name="doc-full", order=260
    )


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    from .services.certificates import REISSUE_ACTION, REVOKE_ACTION

    actions.register_action(REVOKE_ACTION, _("Revoke certificate"), _("Certificate revoked"))
    actions.register_action(REISSUE_ACTION, _("Re-issue certificate"), _("Certificate re-issued"))


# Partnership staff edit the wording of training e-mails (Training e-mails in the menu).
register_snippet(EmailTemplateViewSet)


register_people_places()


class _InterestListsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_interest_demand(request.user)


@hooks.register("register_admin_menu_item")
def register_interest_lists_menu_item():
    # The demand page lives on the site, beside the session pages staff offer places from.
    return _InterestListsMenuItem(
        _("Interest lists"), reverse("courses:interest_demand"), icon_name="group", order=251
    )


@hooks.register("register_nav_item")
def register_nav_items():
    from elearning.accounts.selectors import has_team

    return [
        NavItem(
            _("My learning"),
            "courses:my_learning",
            order=20,
            visible=lambda user: user.is_authenticated,
        ),
        NavItem(_("Training"), "courses:session_list", order=25),
        NavItem(_("My team"), "courses:team", order=27, visible=has_team),
    ]


@hooks.register("register_dashboard_panel")
def register_my_learning_panel():
    from .views import my_learning_panel

    return DashboardPanel(my_learning_panel, order=20)
