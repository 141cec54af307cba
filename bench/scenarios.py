"""Benchmark scenarios. Adding one is a few lines: a name, a path, and who is signed in.

``path`` may be a callable taking the prepared data (a dict from ``prepare.py``) when the URL
depends on seeded objects. ``role`` names a demo account whose session is used; None means an
anonymous visitor. Form submissions name, in ``rotate``, a list in the prepared data of
{"session", "path", "body"}: many learners each submitting their own form.

Anonymous pages are measured twice (see bench/plan.py): as production serves them, with the
page cache on, and with it off (``PAGE_CACHE_SECONDS=0``), the first render after a publish.
Their targets are ``ANON_CACHED`` and ``ANON_UNCACHED``; every other scenario has its own.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """What issue 18 asks of a scenario. Every bound given must hold for the target to be met;
    ``min_ratio`` is a share of /healthz's requests a second in the same run."""

    min_ratio: float | None = None
    max_p95_ms: float | None = None
    min_rps: float | None = None
    note: str = ""

    def describe(self) -> str:
        parts = []
        if self.min_rps is not None:
            parts.append(f">= {self.min_rps:.0f}/s")
        if self.min_ratio is not None:
            parts.append(f">= {self.min_ratio:.0%} of /healthz")
        if self.max_p95_ms is not None:
            parts.append(f"p95 < {self.max_p95_ms:.0f} ms")
        text = ", ".join(parts)
        return f"{text}; {self.note}" if self.note and text else text or self.note

    def met(self, figures: dict, ceiling_rps: float | None) -> str:
        """ "yes", "no", "n/a" (a share of /healthz without /healthz measured) or "" (nothing
        to meet). A run with errors meets nothing: its figures are not the page's."""
        if self.min_ratio is None and self.max_p95_ms is None and self.min_rps is None:
            return ""
        if figures["errors"]:
            return "no (errors)"
        checks = []
        if self.min_rps is not None:
            checks.append(figures["rps"] >= self.min_rps)
        if self.max_p95_ms is not None:
            checks.append(figures["p95_us"] / 1000 < self.max_p95_ms)
        if self.min_ratio is not None:
            if not ceiling_rps:
                return "n/a"
            checks.append(figures["rps"] / ceiling_rps >= self.min_ratio)
        return "yes" if all(checks) else "no"


CEILING = Target(note="the ceiling")
# Issue 18, targets 1 and 2: anonymous pages as production serves them, and uncached.
ANON_CACHED = Target(min_ratio=1.0, max_p95_ms=30)
ANON_UNCACHED = Target(min_ratio=0.25)
# Targets 3 and 4.
SIGNED_IN = Target(max_p95_ms=100)
QUIZ_ANSWER = Target(
    min_rps=200, max_p95_ms=100, note="the first answer of each of 600 learners, then repeats"
)
BOOKING = Target(max_p95_ms=100, note="600 learners book 100 places (the rest wait-listed)")
# Target 5: a visitor's PDF is a stored file, so downloads never hold up other requests.
# The budget of a signed-in page: what matters is that no request waits behind a PDF being
# made (eight renders at once once held /healthz up for 2 s), with twice the connections on
# two workers.
BESIDE_PDFS = Target(
    max_p95_ms=100,
    note="as many connections again download the one-minute guide's PDF meanwhile",
)


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str | Callable[[dict], str]
    role: str | None = None
    method: str = "GET"
    target: Target = SIGNED_IN  # anonymous pages: ANON_CACHED or ANON_UNCACHED instead
    # For form submissions by many learners: the key in the prepared data of a list of
    # {"session", "path", "body"}; each request takes the next one.
    rotate: str = ""
    ceiling: bool = False  # /healthz: the rate every other scenario is compared with
    # A path (or callable, as ``path``) that other anonymous visitors load, as fast as they
    # can on as many connections, all the while this scenario is measured.
    alongside: str | Callable[[dict], str] | None = None

    @property
    def anonymous(self) -> bool:
        """A page an anonymous visitor reads: measured with the page cache on and off."""
        return (
            self.role is None
            and self.method == "GET"
            and not self.rotate
            and not self.ceiling
            and not self.alongside
        )

    def resolve_path(self, data: dict) -> str:
        return self.path(data) if callable(self.path) else self.path

    def alongside_scenario(self) -> "Scenario | None":
        """The load beside this scenario, as a scenario of its own (for its preflight)."""
        if not self.alongside:
            return None
        return Scenario(f"{self.name}: the load beside it", self.alongside)

    def target_for(self, cached: bool | None) -> Target:
        if self.ceiling:
            return CEILING
        if self.anonymous:
            return ANON_UNCACHED if cached is False else ANON_CACHED
        return self.target


SCENARIOS = [
    Scenario("healthz (ceiling)", "/healthz", ceiling=True),
    Scenario("home page", "/"),
    Scenario("one-minute guide", lambda d: d["guide_url"]),
    Scenario("one-minute guide PDF", lambda d: d["guide_pdf_url"]),
    Scenario(
        "healthz while PDFs download",
        "/healthz",
        alongside=lambda d: d["guide_pdf_url"],
        target=BESIDE_PDFS,
    ),
    Scenario("library index", "/library/"),
    Scenario("library index, filtered", lambda d: d["library_filter_url"]),
    Scenario("search", "/search/?q=neglect"),
    Scenario("neglect toolkit", lambda d: d["toolkit_url"]),
    Scenario("dashboard (signed in)", "/dashboard/", role="practitioner"),
    Scenario("profile (signed in)", "/profile/", role="practitioner"),
    Scenario("my learning record (signed in)", "/learning/my/", role="practitioner"),
    Scenario("supervision home (supervisor)", "/supervision/", role="supervisor"),
    Scenario(
        "supervision case timeline (supervisor)",
        lambda d: d["case_timeline_url"],
        role="supervisor",
    ),
    Scenario("reports (staff)", "/reports/", role="staff"),
    Scenario(
        "quiz answer submission", "", method="POST", rotate="quiz_answers", target=QUIZ_ANSWER
    ),
    Scenario("quiz result page", lambda d: d["quiz_result_url"], role="practitioner"),
    Scenario("booking a session", "", method="POST", rotate="bookings", target=BOOKING),
]
