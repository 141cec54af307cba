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


def requires_mfa(user) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return bool(user_roles(user) & MFA_ROLES)


def role_labels(user) -> list[str]:
    """The person's roles as words for people, most basic first."""
    roles = user_roles(user)
    return [role.label for role in ROLE_ORDER if role in roles]
