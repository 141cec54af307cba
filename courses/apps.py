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
        from elearning.accounts.selectors import has_team
        from elearning.core.registry import register_dashboard_panel, register_nav_item

        from .views import my_learning_panel

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

        register_nav_item(
            _("My learning"),
            "courses:my_learning",
            visible=lambda user: user.is_authenticated,
            order=20,
        )
        register_nav_item(_("Training"), "courses:session_list", order=25)
        register_nav_item(_("My team"), "courses:team", visible=has_team, order=27)
        register_dashboard_panel(my_learning_panel, order=20)
