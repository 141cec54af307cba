"""Reads about people that other apps share. The line-manager rule lives here and nowhere
else: ``courses.people.manager_of`` and every team, approval and e-mail query ask these."""

from django.core.cache import cache
from django.db.models import Prefetch

from .models import ManagerLink, User

# The menu asks on every page whether someone has a team; the answer is cached (in the shared
# cache, so every app server sees the same) and dropped whenever a relationship changes.
_HAS_TEAM_KEY = "accounts:has-team:{pk}"
_HAS_TEAM_SECONDS = 600

# Where ``confirmed_manager_prefetch`` leaves a learner's confirmed relationship.
_PREFETCHED = "_confirmed_manager_links"


def confirmed_manager(user) -> User | None:
    """The line manager who has confirmed they manage ``user``, while both accounts are open
    and the relationship has not ended; otherwise None. Someone merely named is not one."""
    if user is None or not getattr(user, "pk", None):
        return None
    if hasattr(user, _PREFETCHED):
        links = getattr(user, _PREFETCHED)
        return links[0].manager if links else None
    link = ManagerLink.objects.confirmed().filter(learner=user).select_related("manager").first()
    return link.manager if link else None


def confirmed_manager_prefetch(lookup: str = "") -> Prefetch:
    """For lists: ``prefetch_related(confirmed_manager_prefetch("enrolment__user"))`` lets
    ``confirmed_manager`` answer for every row without a query each."""
    path = f"{lookup}__manager_links" if lookup else "manager_links"
    return Prefetch(
        path,
        queryset=ManagerLink.objects.confirmed().select_related("manager"),
        to_attr=_PREFETCHED,
    )


def team_of(manager):
    """The people whose line manager ``manager`` has confirmed they are (open accounts only)."""
    if not getattr(manager, "is_authenticated", False) or not manager.is_active:
        return User.objects.none()
    return User.objects.filter(
        pk__in=ManagerLink.objects.confirmed().filter(manager=manager).values("learner_id")
    )


def open_link_for(learner) -> ManagerLink | None:
    """The learner's relationship that is waiting for confirmation or confirmed, if any."""
    return ManagerLink.objects.open().filter(learner=learner).select_related("manager").first()


def latest_link_for(learner) -> ManagerLink | None:
    """The learner's most recent relationship, whatever became of it (for their profile)."""
    return ManagerLink.objects.filter(learner=learner).select_related("manager").first()


def requests_waiting_for(manager):
    """Requests ``manager`` has not yet answered, from people whose accounts are open."""
    return (
        ManagerLink.objects.pending()
        .filter(manager=manager, learner__is_active=True)
        .select_related("learner__agency")
        .order_by("requested_at", "pk")
    )


def has_team(user) -> bool:
    """Whether ``user`` has a confirmed team member or a request to answer (for the menu)."""
    if not getattr(user, "is_authenticated", False):
        return False
    key = _HAS_TEAM_KEY.format(pk=user.pk)
    answer = cache.get(key)
    if answer is None:
        answer = (
            ManagerLink.objects.open()
            .filter(manager=user, learner__is_active=True, manager__is_active=True)
            .exists()
        )
        cache.set(key, answer, _HAS_TEAM_SECONDS)
    return answer


def has_team_forget(*users) -> None:
    cache.delete_many([_HAS_TEAM_KEY.format(pk=u.pk) for u in users if u is not None])
