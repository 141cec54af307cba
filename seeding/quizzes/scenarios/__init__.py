"""The demo's scenario quizzes, one module each, written from the seed documents about
national and local learning about neglect (case reviews, Working Together to Safeguard
Children 2023). ``seeding.quizzes.demo`` creates a quiz page from each entry of ``QUIZZES``."""

from seeding.quizzes.scenarios import baby, drift, teen

QUIZZES = [drift.QUIZ, baby.QUIZ, teen.QUIZ]
