from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    label = "courses"
    verbose_name = _("Courses and training")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from elearning.accounts import roles
        from elearning.accounts.roles_setup import EXTRA_GROUP_PERMISSIONS

        # Partnership staff run sessions from the publishing admin.
        session_perms = [
            ("courses", f"{action}_{model}")
            for model in ("trainingsession", "trainer", "venue")
            for action in ("add", "change", "view", "delete")
        ]
        # ... and edit the wording of training e-mails (never add or delete a kind).
        session_perms += [("courses", "change_emailtemplate"), ("courses", "view_emailtemplate")]
        for group in (roles.STAFF_GROUP, roles.MODERATORS_GROUP):
            perms = EXTRA_GROUP_PERMISSIONS.setdefault(group, [])
            perms.extend(p for p in session_perms if p not in perms)
