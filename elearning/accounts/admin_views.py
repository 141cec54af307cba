"""The Wagtail users screens, using forms that include agency and job title."""

from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .admin_forms import AdminUserCreationForm, AdminUserEditForm


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return AdminUserEditForm if for_update else AdminUserCreationForm
