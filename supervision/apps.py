from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    label = "supervision"
    verbose_name = _("Reflective supervision")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from elearning.accounts import roles
        from elearning.accounts.roles_setup import EXTRA_GROUP_PERMISSIONS

        # Partnership staff edit the reflective prompts; nobody gets rights over records.
        perms = [("supervision", f"{action}_promptset") for action in ("add", "change", "view")]
        for group in (roles.STAFF_GROUP, roles.MODERATORS_GROUP):
            granted = EXTRA_GROUP_PERMISSIONS.setdefault(group, [])
            granted.extend(p for p in perms if p not in granted)
        admin_perms = [("supervision", "change_supervisionsettings")]
        granted = EXTRA_GROUP_PERMISSIONS.setdefault(roles.ADMINS_GROUP, [])
        granted.extend(p for p in admin_perms if p not in granted)
