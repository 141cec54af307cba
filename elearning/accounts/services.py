"""Business rules for people and their profiles."""

from django.db import transaction

from .models import Agency, User


@transaction.atomic
def profile_update(
    *,
    user: User,
    first_name: str,
    last_name: str,
    agency: Agency,
    job_title: str,
    manager: User | None = None,
) -> User:
    """Change a person's own profile details, including who their line manager is."""
    user.first_name = first_name
    user.last_name = last_name
    user.agency = agency
    user.job_title = job_title
    user.manager = manager
    user.full_clean(exclude=["password"])
    user.save(update_fields=["first_name", "last_name", "agency", "job_title", "manager"])
    return user
