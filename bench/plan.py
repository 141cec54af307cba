"""Which scenarios a run measures, on which server, and in what order the table shows them.

Anonymous pages are measured twice: on a server with the page cache on, as production serves
them, and on a second server started with ``PAGE_CACHE_SECONDS=0``, as they are first rendered
after a publish. Everything else is measured once, on the first server. Both rows are compared
with the one /healthz of the run, measured on the first server.
"""

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from bench.scenarios import Scenario, Target

PAGE_CACHE_CHOICES = ("both", "on", "off")
CACHE_HEADER = "X-Page-Cache"


@dataclass(frozen=True)
class Run:
    scenario: Scenario
    cached: bool | None = None  # None: not an anonymous page, so the cache plays no part

    @property
    def label(self) -> str:
        if self.cached is None:
            return self.scenario.name
        return f"{self.scenario.name} ({'cached' if self.cached else 'uncached'})"

    @property
    def target(self) -> Target:
        return self.scenario.target_for(self.cached)


@dataclass(frozen=True)
class Phase:
    """One gunicorn server and the runs measured on it."""

    page_cache: bool  # False: started with PAGE_CACHE_SECONDS=0
    runs: tuple[Run, ...]


def select(scenarios: list[Scenario], only: str | None) -> list[Scenario]:
    """Scenarios whose name contains ``only`` (all without it), and always the ceiling."""
    return [s for s in scenarios if not only or only in s.name or s.ceiling]


def phases(scenarios: list[Scenario], page_cache: str = "both") -> list[Phase]:
    """``both``: everything on a cached server, then the anonymous pages again on an uncached
    one. ``on`` or ``off``: everything once, on a server with the cache on or off."""
    if page_cache not in PAGE_CACHE_CHOICES:
        raise ValueError(f"page_cache must be one of {PAGE_CACHE_CHOICES}, not {page_cache!r}")
    cached = page_cache != "off"
    both = page_cache == "both"
    # A scenario with a load beside it is measured where that load is hardest: with ``both``,
    # on the uncached server, where every PDF download is served by the site itself.
    first = Phase(
        page_cache=cached,
        runs=tuple(
            Run(s, cached if s.anonymous or s.alongside else None)
            for s in scenarios
            if not (both and s.alongside)
        ),
    )
    second = tuple(Run(s, False) for s in scenarios if s.anonymous or s.alongside)
    if both and second:
        return [first, Phase(page_cache=False, runs=second)]
    return [first]


def table_order(results: list[tuple[Run, dict]], scenarios: list[Scenario]):
    """The results in the scenarios' order, a page's cached row before its uncached one."""
    position = {s.name: i for i, s in enumerate(scenarios)}
    return sorted(
        results,
        key=lambda item: (position[item[0].scenario.name], item[0].cached is False),
    )


def work_name(database_url: str | None) -> str:
    """The working directory (under bench/results/) of a run on this database: "work" for the
    harness's own SQLite database, one per other database, so that runs on several can go at
    the same time without sharing pid files, logs or the learners' session files."""
    if not database_url:
        return "work"
    engine = "postgresql" if database_url.startswith("postgres") else database_url.split(":")[0]
    name = PurePosixPath(unquote(urlsplit(database_url).path)).stem or "default"
    return f"work-{engine}-" + re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def cookie_for(scenario, data: dict) -> str | None:
    """A signed-in scenario's cookies; an anonymous visitor's request carries none, as a
    first visit does (and as a shared page cache expects)."""
    if not scenario.role:
        return None
    return f"csrftoken={data['csrf']}; sessionid={data['sessions'][scenario.role]}"


def cache_check(cached: bool, second_response_header: str | None) -> str | None:
    """What the second of two requests to an anonymous page says about the page cache.

    Returns a note for the output when the cache is not there yet (no header at all), None
    when all is as it should be, and raises ValueError when the server is not serving the
    page the way the row claims to measure it."""
    value = (second_response_header or "").strip().lower()
    if not value:
        return (
            f"No {CACHE_HEADER} header: the page cache is not present in this build, so the "
            "cached and uncached rows both measure pages rendered on each request."
        )
    if cached and value != "hit":
        raise ValueError(
            f"the second request answered {CACHE_HEADER}: {value}, not hit, so the page "
            "is not being served from the cache"
        )
    if not cached and value == "hit":
        raise ValueError(
            f"the server started with PAGE_CACHE_SECONDS=0 answered {CACHE_HEADER}: hit"
        )
    return None
