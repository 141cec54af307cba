"""Creates the role groups and their permissions. Idempotent; runs after every migrate.

Kept in code rather than in a data migration because permissions for models added in the same
``migrate`` run only exist after it, and later modules add permissions to these groups.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from . import roles

ADMIN_ACCESS = roles.ADMIN_PERMISSION

# Model permissions per group, as (app_label, codename).
GROUP_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    roles.SUPERVISORS_GROUP: [],
    roles.STAFF_GROUP: [ADMIN_ACCESS],
    roles.MODERATORS_GROUP: [ADMIN_ACCESS],
    roles.ADMINS_GROUP: [
        ADMIN_ACCESS,
        ("accounts", "add_user"),
        ("accounts", "change_user"),
        ("accounts", "view_user"),
        ("accounts", "add_agency"),
        ("accounts", "change_agency"),
        ("accounts", "view_agency"),
        ("accounts", "delete_agency"),
    ],
}

# Page permissions on the whole tree: authors draft, moderators also publish.
PAGE_PERMISSIONS = {
    roles.STAFF_GROUP: ["add_page", "change_page", "lock_page"],
    roles.MODERATORS_GROUP: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}

# Images and documents in the root collection.
COLLECTION_PERMISSIONS = {
    roles.STAFF_GROUP: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
}
COLLECTION_PERMISSIONS[roles.MODERATORS_GROUP] = COLLECTION_PERMISSIONS[roles.STAFF_GROUP]

# Later modules add entries here from their AppConfig.ready().
EXTRA_GROUP_PERMISSIONS: dict[str, list[tuple[str, str]]] = {}


def _permission(app_label: str, codename: str) -> Permission | None:
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


@transaction.atomic
def roles_sync() -> None:
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    for name, perms in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in perms + EXTRA_GROUP_PERMISSIONS.get(name, []):
            permission = _permission(app_label, codename)
            if permission is not None:
                group.permissions.add(permission)

    root_page = Page.get_first_root_node()
    if root_page is not None:
        for name, codenames in PAGE_PERMISSIONS.items():
            group = Group.objects.get(name=name)
            for codename in codenames:
                permission = _permission("wagtailcore", codename)
                if permission is not None:
                    GroupPagePermission.objects.get_or_create(
                        group=group, page=root_page, permission=permission
                    )

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for name, perms in COLLECTION_PERMISSIONS.items():
            group = Group.objects.get(name=name)
            for app_label, codename in perms:
                permission = _permission(app_label, codename)
                if permission is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )
