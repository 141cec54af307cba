"""Who may read partnership reports. Reports only ever hold aggregates.

``can_view_partnership_reports`` is the one answer to "may this person see reports?", used by
every report, analytics screen and export in every app (partnership reports, training
reports, quiz analytics, the 7-minute briefing roll-up, the supervision section's scope).

- Partnership staff (moderators included) and partnership admins: every section, for the
  whole partnership.
- Superusers: the same as partnership admins. The project treats a superuser as an
  administrator above the partnership roles (they manage roles, sessions and analytics, and
  must use MFA) and refuses them only personal supervision content. Reports hold no personal
  content, so they are not refused here.
- Supervisors: the sections with a team view, for their own supervisees only.
- Everyone else: nothing.
"""

from elearning.accounts.roles import Role, has_role


def can_view_partnership_reports(user) -> bool:
    """Partnership staff, partnership admins and superusers see reports for the partnership."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return has_role(user, Role.STAFF) or has_role(user, Role.ADMIN)


def can_view_reports(user) -> bool:
    """Whether ``user`` may open the reports page at all: partnership viewers, and
    supervisors for their team view."""
    return can_view_partnership_reports(user) or has_role(user, Role.SUPERVISOR)


def can_view_section(user, section) -> bool:
    if can_view_partnership_reports(user):
        return True
    return section.team_view and has_role(user, Role.SUPERVISOR)
