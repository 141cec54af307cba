"""Who may read partnership reports. Reports only ever hold aggregates.

- Partnership staff and admins: every section, for the whole partnership.
- Supervisors: the supervision section, for their own team only.
"""

from elearning.accounts.roles import Role, user_roles


def can_view_reports(user) -> bool:
    roles = user_roles(user)
    return Role.STAFF in roles or Role.ADMIN in roles or Role.SUPERVISOR in roles


def can_view_partnership_reports(user) -> bool:
    roles = user_roles(user)
    return Role.STAFF in roles or Role.ADMIN in roles


def can_view_section(user, section) -> bool:
    if can_view_partnership_reports(user):
        return True
    return section.team_view and Role.SUPERVISOR in user_roles(user)
