"""Realistic volume for measuring reports and pages: ``manage.py seed_volume``.

Each app's ``seeding.<app>.volume`` module contributes a ``seed_volume(scale, rng)``
function; ``scale`` 1.0 gives the full volume (20,000 people in 40 agencies, and each app's
own share), smaller values a fraction for quick checks. They run in the order of the registry
below.
"""

VOLUME_SEEDERS = [
    "seeding.accounts.volume.seed_volume",
    "seeding.library.volume.seed_volume",
    "seeding.quizzes.volume.seed_volume",
    "seeding.courses.volume.seed_volume",
    "seeding.supervision.volume.seed_volume",
]

# Full-scale targets, shared so that apps size their data in proportion.
PEOPLE = 20_000
AGENCIES = 40
