"""The site's roles and the single place that answers "does this person have role X?".

Every person is a practitioner. The other roles are Django groups, so partnership admins grant
them in the Wagtail users screens and Wagtail's page permissions hang off the same groups.
"""

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    PRACTITIONER = "practitioner"
    SUPERVISOR = "supervisor"
    STAFF = "staff"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.PRACTITIONER: _("Practitioner"),
    Role.SUPERVISOR: _("Supervisor"),
    Role.STAFF: _("Partnership staff"),
    Role.ADMIN: _("Partnership admin"),
}
ROLE_ORDER = list(ROLE_LABELS)


SUPERVISORS_GROUP = "Supervisors"
STAFF_GROUP = "Partnership staff"
MODERATORS_GROUP = "Partnership moderators"
ADMINS_GROUP = "Partnership admins"

# The only groups partnership admins give and take away. Wagtail's own "Editors" and
# "Moderators" groups (made by its migrations) are not partnership roles and are not offered.
PARTNERSHIP_GROUPS: tuple[str, ...] = (
    SUPERVISORS_GROUP,
    STAFF_GROUP,
    MODERATORS_GROUP,
    ADMINS_GROUP,
)

ROLE_GROUPS: dict[Role, tuple[str, ...]] = {
    Role.SUPERVISOR: (SUPERVISORS_GROUP,),
    # Moderators are partnership staff who may also approve content in the workflow.
    Role.STAFF: (STAFF_GROUP, MODERATORS_GROUP),
    Role.ADMIN: (ADMINS_GROUP,),
}

# Roles whose holders must use multi-factor authentication before doing anything else.
MFA_ROLES = frozenset({Role.SUPERVISOR, Role.STAFF, Role.ADMIN})


def user_roles(user) -> frozenset[Role]:
    """All roles of ``user``; computed once per user object and kept on it."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_role_cache", None)
    if cached is not None:
        return cached
    names = set(user.groups.values_list("name", flat=True))
    roles = {Role.PRACTITIONER}
    for role, groups in ROLE_GROUPS.items():
        if names.intersection(groups):
            roles.add(role)
    result = frozenset(roles)
    user._role_cache = result
    return result


def has_role(user, role: Role) -> bool:
    return role in user_roles(user)


ADMIN_PERMISSION = ("wagtailadmin", "access_admin")
# The roles whose groups are given the admin permission when the site is set up.
PUBLISHING_ROLES = frozenset({Role.STAFF, Role.ADMIN})


def can_access_admin(user) -> bool:
    """Whether ``user`` may open the publishing admin: the answer of
    ``user.has_perm("wagtailadmin.access_admin")``, asked of that one permission in one
    query. ``has_perm`` loads every permission the person has, from their groups and their
    own, in two queries: about 2 ms on every signed-in page, for one link in the menu.
    Kept on the user object for the request, as ``has_perm``'s own answers are."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if getattr(user, "_perm_cache", None) is not None or user_roles(user) & PUBLISHING_ROLES:
        # Loaded already, or about to be: pages show Wagtail's user bar to people who may
        # use the admin, and it asks has_perm.
        return user.has_perm(".".join(ADMIN_PERMISSION))
    cached = getattr(user, "_admin_access_cache", None)
    if cached is None:
        from django.contrib.auth.models import Permission
        from django.db.models import Q

        app_label, codename = ADMIN_PERMISSION
        cached = (
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            .filter(Q(user=user) | Q(group__user=user))
            .exists()
        )
        user._admin_access_cache = cached
    return cached


def requires_mfa(user) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return bool(user_roles(user) & MFA_ROLES)


def role_labels(user) -> list[str]:
    """The person's roles as words for people, most basic first."""
    roles = user_roles(user)
    return [role.label for role in ROLE_ORDER if role in roles]
