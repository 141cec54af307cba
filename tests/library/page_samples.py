"""One sample of each page type in the library app, for the accessibility and XSS sweeps."""

from elearning.library.models import (
    CaseReviewBriefingPage,
    HomePage,
    LibraryIndexPage,
    OneMinuteGuidePage,
    SevenMinuteBriefingPage,
    StandardPage,
)
from tests.library.factories import (
    StandardPageFactory,
    briefing,
    case_review,
    guide,
    library_index,
)

SAMPLES = {
    HomePage: lambda: HomePage.objects.get(),
    StandardPage: lambda: StandardPageFactory(
        title="Sample information page",
        body="<h2>A heading</h2><p>Some text with a <a href='/'>link</a>.</p>",
    ),
    LibraryIndexPage: library_index,
    OneMinuteGuidePage: guide,
    SevenMinuteBriefingPage: briefing,
    CaseReviewBriefingPage: case_review,
}
