from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "elearning.core"
    label = "core"
    verbose_name = "Site core"

    def ready(self):
        from .pagecache import connect_purges

        connect_purges()
