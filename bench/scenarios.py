"""Benchmark scenarios. Adding one is a few lines: a name, a path, and who is signed in.

``path`` may be a callable taking the prepared data (a dict from ``prepare.py``) when the URL
depends on seeded objects. ``role`` names a demo account whose session is used; None means an
anonymous visitor. Form submissions name, in ``rotate``, a list in the prepared data of
{"session", "path", "body"}: many learners each submitting their own form.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str | Callable[[dict], str]
    role: str | None = None
    method: str = "GET"
    target: str = ""  # what the README says this scenario should reach
    # For form submissions by many learners: the key in the prepared data of a list of
    # {"session", "path", "body"}; each request takes the next one.
    rotate: str = ""

    def resolve_path(self, data: dict) -> str:
        return self.path(data) if callable(self.path) else self.path


ANON_TARGET = ">= 25% of /healthz, p95 < 50 ms"
SIGNED_IN_TARGET = "p95 < 100 ms"

SCENARIOS = [
    Scenario("healthz (ceiling)", "/healthz", target="the ceiling"),
    Scenario("home page", "/", target=ANON_TARGET),
    Scenario("one-minute guide", lambda d: d["guide_url"], target=ANON_TARGET),
    Scenario("library index, filtered", lambda d: d["library_filter_url"], target=ANON_TARGET),
    Scenario("search", "/search/?q=neglect", target=ANON_TARGET),
    Scenario("dashboard (signed in)", "/dashboard/", role="practitioner", target=SIGNED_IN_TARGET),
    Scenario("profile (signed in)", "/profile/", role="practitioner", target=SIGNED_IN_TARGET),
    Scenario("reports (staff)", "/reports/", role="staff", target=SIGNED_IN_TARGET),
    Scenario(
        "quiz answer submission",
        "",
        method="POST",
        rotate="quiz_answers",
        target=SIGNED_IN_TARGET + "; the first answer of each of 600 learners, then repeats",
    ),
    Scenario(
        "quiz result page",
        lambda d: d["quiz_result_url"],
        role="practitioner",
        target=SIGNED_IN_TARGET,
    ),
    Scenario(
        "booking a session",
        "",
        method="POST",
        rotate="bookings",
        target=SIGNED_IN_TARGET + "; 600 learners book 100 places (the rest wait-listed)",
    ),
]
