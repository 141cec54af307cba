"""Demo data registry. Each app contributes a ``seed_demo()`` function; order matters."""

DEMO_SEEDERS = [
    "elearning.accounts.demo.seed_demo",
    "elearning.library.demo.seed_demo",
    "quizzes.demo.seed_demo",
    "courses.demo.seed_demo",
    "supervision.demo.seed_demo",
    "toolkit.demo.seed_demo",
    # Last: the stored PDFs of the pages seeded above.
    "elearning.core.page_pdfs.seed_demo",
]

DEMO_PASSWORD = "demo-pass-2026"
