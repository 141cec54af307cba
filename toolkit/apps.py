from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    name = "toolkit"
    label = "toolkit"
    verbose_name = _("Neglect toolkit")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from elearning.core import page_pdfs

        from .models import ToolkitPage
        from .pdfs import BLANK_FORM_KIND, blank_form_document

        page_pdfs.register(BLANK_FORM_KIND, model=ToolkitPage, document=blank_form_document)
