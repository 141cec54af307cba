"""Who may do what with library records. Every view, export and report uses these."""

from elearning.reports.permissions import can_view_partnership_reports

from .models import LibraryPage, SevenMinuteBriefingPage, TeamUse


def team_uses_visible_to(user):
    """Team-use records ``user`` may read: all of them for those who see partnership reports
    (the roll-up), else their own."""
    if can_view_partnership_reports(user):
        return TeamUse.objects.all()
    if user is None or not user.is_authenticated:
        return TeamUse.objects.none()
    return TeamUse.objects.filter(recorded_by=user)


def can_record_team_use(user, briefing: SevenMinuteBriefingPage) -> bool:
    """Any signed-in person may record use of a briefing that is published and public."""
    if user is None or not user.is_authenticated:
        return False
    return SevenMinuteBriefingPage.objects.listable().filter(pk=briefing.pk).exists()


def can_download_pdf(page) -> bool:
    """PDFs are made only of published pages that anyone may read."""
    return LibraryPage.objects.listable().filter(pk=page.pk).exists()
