"""The escalations lists: sent to me, raised by me, and others in records I may read.

What is listed comes only from ``permissions.escalations_visible_to`` (through the
selectors), so nobody sees a row for an escalation they could not open. Each row shows only
what its escalation's page shows: the case reference, stage, who raised it or received it,
and the dates. A case reference is written by the supervisee in their record, so a page of
rows is a read of supervision data and is logged as one, once per supervisee shown.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .. import selectors
from .common import note_read, supervision_view

TABS = {
    "sent": _("Sent to you"),
    "raised": _("Raised by you"),
    "other": _("In records you can read"),
}
PER_PAGE = 25


@supervision_view
def escalation_list(request):
    user = request.user
    counts = selectors.escalation_counts(user)
    show = request.GET.get("show")
    if show not in TABS:
        # Open on the first list with something in it, the ones sent to you if none has.
        show = next((key for key in TABS if counts[key]), "sent")
    page = Paginator(selectors.escalations_for(user, show), PER_PAGE).get_page(
        request.GET.get("page")
    )
    for escalation in page:
        record = escalation.discussion.record
        note_read(
            request,
            supervisee_id=record.supervisee_id,
            record_id=record.pk,
            what="Escalations list",
        )
    tabs = [{"key": key, "label": label, "count": counts[key]} for key, label in TABS.items()]
    return render(
        request,
        "supervision/escalation_list.html",
        {"tabs": tabs, "show": show, "title": TABS[show], "page_obj": page, "counts": counts},
    )
