"""Realistic volume for measuring reports and pages: ``manage.py seed_volume``.

Each app contributes a ``seed_volume(scale, rng)`` function; ``scale`` 1.0 gives the full
volume (20,000 people in 40 agencies, and each app's own share), smaller values a fraction
for quick checks. Seeders append to the registry below in order.
"""

VOLUME_SEEDERS = [
    "elearning.accounts.volume.seed_volume",
    "elearning.library.volume.seed_volume",
    "quizzes.volume.seed_volume",
    "courses.volume.seed_volume",
    "supervision.volume.seed_volume",
]

# Full-scale targets, shared so that apps size their data in proportion.
PEOPLE = 20_000
AGENCIES = 40
