"""Demo data registry for ``manage.py seed_demo``.

Each app's ``seeding.<app>.demo`` module contributes a ``seed_demo()`` function; order
matters. The last entry is not a seeder of its own: it builds the stored PDFs with the site's
own code.
"""

DEMO_SEEDERS = [
    "seeding.accounts.demo.seed_demo",
    "seeding.library.demo.seed_demo",
    "seeding.quizzes.demo.seed_demo",
    "seeding.courses.demo.seed_demo",
    "seeding.supervision.demo.seed_demo",
    "seeding.toolkit.demo.seed_demo",
    # Last: the stored PDFs of the pages seeded above.
    "elearning.core.page_pdfs.seed_demo",
]

DEMO_PASSWORD = "demo-pass-2026"
