"""The requests made before a scenario is measured: a scenario that redirects or fails would
measure an error page, so the run stops instead."""

import urllib.error
import urllib.request

from bench.plan import CACHE_HEADER, cache_check, cookie_for


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str, cookie: str | None) -> tuple[int, str | None]:
    request = urllib.request.Request(url)
    if cookie:
        request.add_header("Cookie", cookie)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers.get(CACHE_HEADER)
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get(CACHE_HEADER)


def preflight(base: str, run_, data: dict, work_queue=None) -> str | None:
    """One request before measuring: a scenario that redirects or fails measures nothing. An
    anonymous page is asked for twice, and the second answer must say how the page cache
    served it (see bench.plan.cache_check); returns a note when the cache is not there.

    A page's PDF for an address it was not made for answers 503 and is queued, as in
    production; ``work_queue()`` then runs the queued tasks, as a worker would, and the PDF
    is asked for again, so what is measured is the stored file being served."""
    scenario = run_.scenario
    if scenario.method != "GET":
        return None
    url, cookie = base + scenario.resolve_path(data), cookie_for(scenario, data)
    status, header = _get(url, cookie)
    if status == 503 and work_queue is not None:
        work_queue()
        status, header = _get(url, cookie)
    if status != 200:
        raise SystemExit(f"Scenario '{run_.label}' answered {status}, not 200: fix it first.")
    # Only an anonymous page is kept by the page cache: /healthz, measured beside PDF
    # downloads on either server, never is.
    if run_.cached is None or not scenario.anonymous:
        return None
    status, header = _get(url, cookie)
    if status != 200:
        raise SystemExit(f"Scenario '{run_.label}' answered {status} the second time.")
    try:
        return cache_check(run_.cached, header)
    except ValueError as error:
        raise SystemExit(f"Scenario '{run_.label}': {error}.") from None


def preflight_post(base: str, scenario, data: dict) -> None:
    """The first submission must be accepted (a redirect), or the run measures refusals."""
    item = data[scenario.rotate][-1]  # wrk starts at the first; use the last, done last
    request = urllib.request.Request(base + item["path"], data=item["body"].encode())
    request.add_header("Cookie", f"csrftoken={data['csrf']}; sessionid={item['session']}")
    request.add_header("X-CSRFToken", data["csrf"])
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        status = opener.open(request, timeout=10).status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 302:
        raise SystemExit(f"Scenario '{scenario.name}' answered {status}, not 302: fix it first.")
