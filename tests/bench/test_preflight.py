"""The request made before each scenario is measured (bench.preflight), against a small
local server: a PDF queued for a worker is made before it is measured, and a scenario that
still fails stops the run rather than measuring an error page."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.plan import Run
from bench.preflight import preflight
from bench.scenarios import Scenario

PDF = Scenario("one-minute guide PDF", lambda d: d["guide_pdf_url"])


@pytest.fixture
def server():
    """Answers 503 to /guide.pdf until ``state["made"]`` is set, then 200."""
    state = {"made": False, "requests": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            state["requests"] += 1
            status = 200 if state["made"] else 503
            self.send_response(status)
            self.send_header("Content-Type", "application/pdf" if status == 200 else "text/html")
            self.end_headers()
            self.wfile.write(b"%PDF-1.7" if status == 200 else b"Being prepared")

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", state
    httpd.shutdown()
    httpd.server_close()


DATA = {"guide_pdf_url": "/guide.pdf", "sessions": {}}


def test_a_queued_pdf_is_made_by_the_worker_and_then_measured(server):
    base, state = server
    runs = []

    def work_queue():
        runs.append(True)
        state["made"] = True

    assert preflight(base, Run(PDF), DATA, work_queue) is None
    assert runs == [True]
    assert state["requests"] == 2


def test_a_pdf_still_not_made_after_the_worker_stops_the_run(server):
    base, state = server
    with pytest.raises(SystemExit, match="answered 503"):
        preflight(base, Run(PDF), DATA, lambda: None)
    assert state["requests"] == 2


def test_without_a_worker_a_503_stops_the_run_at_once(server):
    base, state = server
    with pytest.raises(SystemExit, match="answered 503"):
        preflight(base, Run(PDF), DATA)
    assert state["requests"] == 1


def test_healthz_beside_pdfs_on_the_cached_server_is_not_expected_from_the_cache(server):
    """With ``--page-cache on`` the row is measured on the cached server, but /healthz is
    never kept by the page cache: one request, no cache check, no stop."""
    base, state = server
    state["made"] = True
    beside = Scenario("healthz while PDFs download", "/guide.pdf", alongside="/guide.pdf")
    assert preflight(base, Run(beside, cached=True), DATA) is None
    assert state["requests"] == 1


def test_an_anonymous_page_on_the_cached_server_is_asked_for_twice(server):
    """The second answer says how the cache served it; this server sends no such header."""
    base, state = server
    state["made"] = True
    note = preflight(base, Run(PDF, cached=True), DATA)
    assert note and note.startswith("No X-Page-Cache header")
    assert state["requests"] == 2


def test_the_pdf_scenario_is_measured_as_an_anonymous_download():
    from bench.scenarios import SCENARIOS

    (scenario,) = [s for s in SCENARIOS if s.name == "one-minute guide PDF"]
    assert scenario.anonymous
    assert scenario.resolve_path({"guide_pdf_url": "/library/tools/pdf/7/"}).endswith("/7/")
