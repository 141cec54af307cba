"""Library and blank toolkit PDFs are made when a page is published, kept as files and served
from them: a visitor's request never runs WeasyPrint (``elearning.core.page_pdfs``)."""

import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from elearning.core import page_pdfs
from elearning.core.pdf import page_base_url
from tests.library import factories as f
from tests.toolkit.factories import make_toolkit

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def stored(page) -> list[str]:
    return sorted(page_pdfs._stored_files(page.pk))


def pdf_url(page) -> str:
    return reverse("library:page_pdf", args=[page.pk])


@pytest.fixture(autouse=True)
def _empty_store():
    """The in-memory storage outlives each test's database, whose ids are used again."""
    _dirs = default_storage.listdir(page_pdfs.STORE_DIR)[0] if _has_store() else []
    for page_id in _dirs:
        page_pdfs.remove(int(page_id))


def _has_store() -> bool:
    try:
        default_storage.listdir(page_pdfs.STORE_DIR)
    except FileNotFoundError:
        return False
    return True


def queued() -> list:
    return list(DBTaskResult.objects.filter(task_path="elearning.core.page_pdfs.page_pdf_build"))


@pytest.fixture
def no_weasyprint(monkeypatch):
    """Any attempt to make a PDF from here on fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("WeasyPrint ran during a request")

    monkeypatch.setattr(page_pdfs, "render_pdf", refuse)


@pytest.fixture
def on_publish(settings):
    settings.PAGE_PDFS_ON_PUBLISH = True


def test_publishing_makes_and_keeps_the_pdf(on_publish):
    page = f.guide(title="Chronologies")
    page.refresh_from_db()
    name = page_pdfs.stored_name(page, "library", page_base_url(page))
    assert stored(page) == [name]
    with default_storage.open(name, "rb") as kept:
        assert "Chronologies" in pdf_text(kept.read())


def test_the_view_serves_the_stored_file_without_weasyprint(on_publish, monkeypatch):
    page = f.guide(title="Stored guide")
    (name,) = stored(page)
    with default_storage.open(name, "rb") as kept:
        made = kept.read()
    calls = []
    monkeypatch.setattr(page_pdfs, "render_pdf", lambda *a, **k: calls.append(a) or b"")
    for client in (Client(), Client()):
        response = client.get(pdf_url(page))
        assert response.status_code == 200
        assert response.content == made
        assert response["Content-Disposition"] == 'attachment; filename="stored-guide.pdf"'
        assert response["Cache-Control"] == "public, max-age=300"
    assert calls == []


def test_republishing_replaces_the_pdf_and_the_old_one_is_never_served(on_publish):
    page = f.guide(title="First wording")
    (old_name,) = stored(page)
    page.title = "Second wording"
    page.save_revision().publish()
    page.refresh_from_db()
    (new_name,) = stored(page)
    assert new_name != old_name
    assert not default_storage.exists(old_name)
    text = pdf_text(Client().get(pdf_url(page)).content)
    assert "Second wording" in text and "First wording" not in text


def test_a_new_revision_is_never_served_the_old_file_even_before_its_task_runs(
    on_publish, settings, monkeypatch
):
    page = f.guide(title="Before")
    assert len(stored(page)) == 1
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(page_pdfs, "render_pdf", lambda *a, **k: pytest.fail("rendered"))
    page.title = "After"
    page.save_revision().publish()
    page.refresh_from_db()
    response = Client().get(pdf_url(page))
    # The file of the old version is still there until the task runs, but is not served.
    assert len(stored(page)) == 1
    assert response.status_code == 503
    assert [task.args_kwargs["kwargs"]["page_id"] for task in queued()] == [page.pk, page.pk]


def test_unpublishing_or_deleting_removes_the_pdf_and_the_link_is_404(on_publish):
    page = f.guide()
    other = f.guide()
    assert stored(page) and stored(other)
    page.unpublish()
    assert stored(page) == []
    assert Client().get(pdf_url(page)).status_code == 404
    other_id = other.pk
    other.delete()
    assert page_pdfs._stored_files(other_id) == []
    assert Client().get(reverse("library:page_pdf", args=[other_id])).status_code == 404


def test_a_draft_never_had_a_pdf(on_publish):
    page = f.guide(live=False)
    assert stored(page) == []
    assert Client().get(pdf_url(page)).status_code == 404


@override_settings(TASKS=DATABASE_TASKS)
def test_a_pdf_not_made_yet_is_queued_once_and_not_made_in_the_request(no_weasyprint):
    page = f.guide(title="Published before PDFs were stored")
    assert stored(page) == []
    for _ in range(2):
        response = Client().get(pdf_url(page))
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert "no-store" in response["Cache-Control"]
        assert "The PDF is being prepared" in response.content.decode()
        assert "Try again in a minute" in response.content.decode()
    (task,) = queued()
    assert task.args_kwargs["kwargs"] == {
        "page_id": page.pk,
        "kind": "library",
        "base_url": "http://testserver/",
    }
    assert stored(page) == []


@override_settings(TASKS=DATABASE_TASKS)
def test_the_queued_task_makes_the_pdf_the_visitor_then_gets(monkeypatch):
    page = f.guide(title="Made by the worker")
    assert Client().get(pdf_url(page)).status_code == 503
    (task,) = queued()
    name = page_pdfs.page_pdf_build.call(**task.args_kwargs["kwargs"])
    assert stored(page) == [name]
    monkeypatch.setattr(page_pdfs, "render_pdf", lambda *a, **k: pytest.fail("rendered"))
    response = Client().get(pdf_url(page))
    assert response.status_code == 200
    assert "Made by the worker" in pdf_text(response.content)


def test_the_task_does_nothing_for_a_page_no_longer_published():
    page = f.guide(live=False)
    assert page_pdfs.page_pdf_build.call(page_id=page.pk, kind="library") == ""
    assert stored(page) == []


def test_a_page_past_its_review_date_gets_a_new_pdf_that_says_so(on_publish):
    page = f.guide()
    (fresh,) = stored(page)
    page.last_reviewed = page.last_reviewed - datetime.timedelta(days=400)
    page.review_by = timezone.localdate() - datetime.timedelta(days=1)
    page.save_revision().publish()
    page.refresh_from_db()
    (overdue,) = stored(page)
    assert overdue != fresh
    with default_storage.open(overdue, "rb") as kept:
        assert "was due for review" in pdf_text(kept.read())


def test_the_command_makes_the_missing_pdfs(capsys):
    pages = [f.guide(), f.briefing()]
    draft = f.guide(live=False)
    assert all(stored(page) == [] for page in pages)
    call_command("build_page_pdfs")
    assert all(len(stored(page)) == 1 for page in pages)
    assert stored(draft) == []
    assert "2 PDF(s) made" in capsys.readouterr().out
    call_command("build_page_pdfs")
    assert "0 PDF(s) made" in capsys.readouterr().out


def test_the_blank_toolkit_form_is_served_from_its_stored_file(on_publish, monkeypatch):
    toolkit = make_toolkit(areas=2)
    (name,) = stored(toolkit)
    assert "toolkit_blank-" in name
    monkeypatch.setattr(page_pdfs, "render_pdf", lambda *a, **k: pytest.fail("rendered"))
    response = Client().get(reverse("toolkit:blank_pdf", args=[toolkit.pk]))
    assert response.status_code == 200
    with default_storage.open(name, "rb") as kept:
        assert response.content == kept.read()
    assert response["Content-Disposition"] == f'inline; filename="{toolkit.slug}-blank-form.pdf"'


@override_settings(TASKS=DATABASE_TASKS)
def test_a_blank_toolkit_form_not_made_yet_is_queued(no_weasyprint):
    toolkit = make_toolkit(areas=1)
    response = Client().get(reverse("toolkit:blank_pdf", args=[toolkit.pk]))
    assert response.status_code == 503
    (task,) = queued()
    assert task.args_kwargs["kwargs"]["kind"] == "toolkit_blank"


def test_serving_a_stored_pdf_costs_the_same_queries_however_many_related_pages():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from elearning.library.models import Theme

    theme = Theme.objects.create(name="Stored PDF theme", slug="stored-pdf-theme")
    counts = []
    for related in (1, 6):
        page = f.guide(themes=[theme])
        for _ in range(related):
            f.guide(themes=[theme])
        client = Client()
        assert client.get(pdf_url(page)).status_code == 200  # made here: the immediate backend
        with CaptureQueriesContext(connection) as queries:
            assert client.get(pdf_url(page)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
