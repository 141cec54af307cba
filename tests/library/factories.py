"""Builders for library pages and records in tests.

Pages are built by wagtail-factories ``PageFactory`` subclasses, one per page type. The short
functions (``guide``, ``briefing``, ``case_review``, ``library_index``) are what most tests
call; each makes a published page under the library index unless told otherwise.
"""

import datetime
import itertools

import factory
import wagtail_factories
from django.utils import timezone
from modelcluster.models import get_all_child_relations

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

# One numbering for every library page, so pages of different formats never share a slug.
_counter = itertools.count(1)
_TERM_FIELDS = ("themes", "neglect_types", "age_groups", "audience_sectors")


class HomeChildFactory(wagtail_factories.PageFactory):
    """A page under the home page unless ``parent`` is given."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or HomePage.objects.get()
        return super()._create(model_class, *args, parent=parent, **kwargs)


class StandardPageFactory(HomeChildFactory):
    """A published information page under the home page unless ``parent`` is given."""

    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Information page {n}")
    summary = "A short summary."
    body = "<p>Body text.</p>"
    live = True


class LibraryIndexPageFactory(HomeChildFactory):
    """A published library index under the home page."""

    class Meta:
        model = LibraryIndexPage

    title = "Learning library"
    slug = "library"

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        page = super()._create_instance(model_class, parent, kwargs)
        page.save_revision().publish()
        return page


def library_index() -> LibraryIndexPage:
    """The library index, made the first time a test needs it."""
    return LibraryIndexPage.objects.first() or LibraryIndexPageFactory()


class LibraryPageFactory(wagtail_factories.PageFactory):
    """The fields every format needs. A page is made under the library index unless
    ``parent`` is given, with a revision, published unless ``live=False``; ``themes``,
    ``neglect_types``, ``age_groups`` and ``audience_sectors`` take lists of terms."""

    class Meta:
        abstract = True

    class Params:
        number = factory.LazyFunction(lambda: next(_counter))

    title = factory.LazyAttribute(lambda o: f"Library page {o.number}")
    slug = factory.LazyAttribute(lambda o: f"library-page-{o.number}")
    summary = "A short summary."
    last_reviewed = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    review_by = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=300))
    live = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return super()._create(model_class, *args, parent=parent or library_index(), **kwargs)

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        terms = {name: kwargs.pop(name, ()) for name in _TERM_FIELDS}
        relations = {rel.get_accessor_name() for rel in get_all_child_relations(model_class)}
        children = {name: kwargs.pop(name) for name in relations if name in kwargs}
        page = model_class(**kwargs)
        for name, values in terms.items():
            getattr(page, name).set(values)
        for name, values in children.items():
            setattr(page, name, values)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if page.live:
            revision.publish()
        return page


class OneMinuteGuidePageFactory(LibraryPageFactory):
    class Meta:
        model = OneMinuteGuidePage

    series_number = 1
    audience = "All practitioners"
    what_is_it = "<p>Some words.</p>"
    who_it_affects = "<p>Some words.</p>"
    what_it_looks_like = "<p>Some words.</p>"
    why_it_matters = "<p>Some words.</p>"
    what_to_do = "<p>Some words.</p>"
    where_to_get_help = "<p>Some words.</p>"


def seven_points(heading="Point"):
    return [
        ("point", {"heading": f"{heading} {i}", "body": f"<p>Text {i}</p>"}) for i in range(1, 8)
    ]


class SevenMinuteBriefingPageFactory(LibraryPageFactory):
    class Meta:
        model = SevenMinuteBriefingPage

    source_type = SourceType.LOCAL_REVIEW
    points = factory.LazyFunction(seven_points)
    discussion_questions = factory.LazyFunction(lambda: [("question", "What will we change?")])


class CaseReviewBriefingPageFactory(LibraryPageFactory):
    class Meta:
        model = CaseReviewBriefingPage

    introduction = "<p>Intro</p>"
    why_commissioned = "<p>Why</p>"
    key_issues = factory.LazyFunction(lambda: [("issue", {"heading": "Issue", "body": "<p>x</p>"})])
    learning = factory.LazyFunction(
        lambda: [("learning", {"heading": "Learning", "body": "<p>y</p>"})]
    )
    period_start = 2021
    period_end = 2022
    reviews = factory.LazyFunction(
        lambda: [CaseReviewSource(year=2021, area="An area", title="A review")]
    )


def guide(*, live=True, themes=(), neglect=(), ages=(), sectors=(), **kwargs) -> OneMinuteGuidePage:
    return OneMinuteGuidePageFactory(
        live=live,
        themes=themes,
        neglect_types=neglect,
        age_groups=ages,
        audience_sectors=sectors,
        **kwargs,
    )


def briefing(*, live=True, themes=(), neglect=(), ages=(), sectors=(), **kwargs):
    return SevenMinuteBriefingPageFactory(
        live=live,
        themes=themes,
        neglect_types=neglect,
        age_groups=ages,
        audience_sectors=sectors,
        **kwargs,
    )


def case_review(*, live=True, themes=(), **kwargs) -> CaseReviewBriefingPage:
    if not kwargs.get("reviews"):
        kwargs.pop("reviews", None)
    return CaseReviewBriefingPageFactory(live=live, themes=themes, **kwargs)


def team_use(*, briefing_page, user, **kwargs) -> TeamUse:
    kwargs.setdefault("team", "Early help north")
    kwargs.setdefault("date_discussed", timezone.localdate())
    kwargs.setdefault("attendees", 6)
    kwargs.setdefault("agreed_actions", "Follow up missed appointments.")
    kwargs.setdefault("how_we_will_know", "Audit in three months.")
    return TeamUse.objects.create(
        briefing=briefing_page, recorded_by=user, agency=user.agency, **kwargs
    )
