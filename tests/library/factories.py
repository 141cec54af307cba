"""Builders for library pages and records in tests."""

import datetime
import itertools

import factory
import wagtail_factories
from django.utils import timezone

from elearning.library.models import (
    CaseReviewBriefingPage,
    CaseReviewSource,
    HomePage,
    LibraryIndexPage,
    OneMinuteGuidePage,
    SevenMinuteBriefingPage,
    SourceType,
    StandardPage,
    TeamUse,
)

_counter = itertools.count(1)


def library_index() -> LibraryIndexPage:
    index = LibraryIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.get()
        index = LibraryIndexPage(title="Learning library", slug="library")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _common(kwargs):
    n = next(_counter)
    today = timezone.localdate()
    kwargs.setdefault("title", f"Library page {n}")
    kwargs.setdefault("slug", f"library-page-{n}")
    kwargs.setdefault("summary", "A short summary.")
    kwargs.setdefault("last_reviewed", today - datetime.timedelta(days=10))
    kwargs.setdefault("review_by", today + datetime.timedelta(days=300))
    return kwargs


def _save(page, *, live=True, themes=(), neglect=(), ages=(), sectors=(), parent=None):
    page.themes.set(themes)
    page.neglect_types.set(neglect)
    page.age_groups.set(ages)
    page.audience_sectors.set(sectors)
    parent = parent or library_index()
    if not live:
        page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def guide(*, live=True, themes=(), neglect=(), ages=(), sectors=(), **kwargs) -> OneMinuteGuidePage:
    kwargs = _common(kwargs)
    kwargs.setdefault("series_number", 1)
    kwargs.setdefault("audience", "All practitioners")
    for field in (
        "what_is_it",
        "who_it_affects",
        "what_it_looks_like",
        "why_it_matters",
        "what_to_do",
        "where_to_get_help",
    ):
        kwargs.setdefault(field, "<p>Some words.</p>")
    page = OneMinuteGuidePage(**kwargs)
    return _save(page, live=live, themes=themes, neglect=neglect, ages=ages, sectors=sectors)


def seven_points(heading="Point"):
    return [
        ("point", {"heading": f"{heading} {i}", "body": f"<p>Text {i}</p>"}) for i in range(1, 8)
    ]


def briefing(*, live=True, themes=(), neglect=(), ages=(), sectors=(), **kwargs):
    kwargs = _common(kwargs)
    kwargs.setdefault("source_type", SourceType.LOCAL_REVIEW)
    kwargs.setdefault("points", seven_points())
    kwargs.setdefault("discussion_questions", [("question", "What will we change?")])
    page = SevenMinuteBriefingPage(**kwargs)
    return _save(page, live=live, themes=themes, neglect=neglect, ages=ages, sectors=sectors)


def case_review(*, live=True, themes=(), **kwargs) -> CaseReviewBriefingPage:
    kwargs = _common(kwargs)
    kwargs.setdefault("introduction", "<p>Intro</p>")
    kwargs.setdefault("why_commissioned", "<p>Why</p>")
    kwargs.setdefault("key_issues", [("issue", {"heading": "Issue", "body": "<p>x</p>"})])
    kwargs.setdefault("learning", [("learning", {"heading": "Learning", "body": "<p>y</p>"})])
    kwargs.setdefault("period_start", 2021)
    kwargs.setdefault("period_end", 2022)
    reviews = kwargs.pop("reviews", None)
    page = CaseReviewBriefingPage(**kwargs)
    page.reviews = reviews or [CaseReviewSource(year=2021, area="An area", title="A review")]
    return _save(page, live=live, themes=themes)


def team_use(*, briefing_page, user, **kwargs) -> TeamUse:
    kwargs.setdefault("team", "Early help north")
    kwargs.setdefault("date_discussed", timezone.localdate())
    kwargs.setdefault("attendees", 6)
    kwargs.setdefault("agreed_actions", "Follow up missed appointments.")
    kwargs.setdefault("how_we_will_know", "Audit in three months.")
    return TeamUse.objects.create(
        briefing=briefing_page, recorded_by=user, agency=user.agency, **kwargs
    )


class StandardPageFactory(wagtail_factories.PageFactory):
    """A published information page under the home page unless ``parent`` is given."""

    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Information page {n}")
    summary = "A short summary."
    body = "<p>Body text.</p>"
    live = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or HomePage.objects.get()
        return super()._create(model_class, *args, parent=parent, **kwargs)
