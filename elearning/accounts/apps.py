from django.apps import AppConfig
from django.db.models.signals import post_migrate
from wagtail.users.apps import WagtailUsersAppConfig


def _sync_roles(sender, app_config=None, **kwargs):
    from django.apps import apps

    # post_migrate is sent once per app; permissions for an app are created by its own
    # signal, so wait for the last app before granting them.
    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if app_config is not with_models[-1]:
        return
    from .roles_setup import roles_sync

    roles_sync()


class AccountsConfig(AppConfig):
    default = True  # this module also holds the Wagtail users config below
    name = "elearning.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        # After the last app has migrated, so every permission exists.
        post_migrate.connect(_sync_roles, dispatch_uid="elearning.accounts.roles_sync")
        # Connects the receiver that forgets a deleted device's "recorded a moment ago" entry,
        # in every process that deletes them, not only where the middleware runs.
        from . import usersessions  # noqa: F401


class UsersAdminConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with the user screens showing agency and job title."""

    user_viewset = "elearning.accounts.admin_views.UserViewSet"
