from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    label = "quizzes"
    verbose_name = _("Scenario quizzes")
    default_auto_field = "django.db.models.BigAutoField"
