from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "elearning.library"
    label = "library"
    verbose_name = "Learning library"

    def ready(self):
        from elearning.accounts.roles_setup import EXTRA_GROUP_PERMISSIONS
        from elearning.core import page_pdfs

        from . import taxonomy_cache
        from .models import LibraryPage
        from .pdfs import PDF_KIND, page_document, page_variant

        taxonomy_cache.connect_signals()

        page_pdfs.register(
            PDF_KIND, model=LibraryPage, document=page_document, variant=page_variant
        )
        # Authors and moderators keep the library taxonomy in the snippets screens.
        perms = []
        for model in ("theme", "neglecttype", "agegroup", "audiencesector"):
            perms += [
                ("library", f"add_{model}"),
                ("library", f"change_{model}"),
                ("library", f"view_{model}"),
            ]
        for group in ("Partnership staff", "Partnership moderators"):
            EXTRA_GROUP_PERMISSIONS.setdefault(group, []).extend(perms)
