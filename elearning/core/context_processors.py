from django.conf import settings

from elearning.accounts.roles import Role, can_access_admin, user_roles

from .registry import nav_items


def site(request):
    """Names and role flags that the base template and navigation need on every page."""
    roles = user_roles(getattr(request, "user", None))
    return {
        "SITE_NAME": settings.SITE_NAME,
        "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
        "user_is_supervisor": Role.SUPERVISOR in roles,
        "user_is_staff": Role.STAFF in roles,
        "user_is_admin": Role.ADMIN in roles,
        # Asked only if the page shows the menu (a template calls what it is given).
        "user_can_access_admin": lambda: can_access_admin(getattr(request, "user", None)),
        "nav_items": nav_items(request) if hasattr(request, "user") else [],
    }
