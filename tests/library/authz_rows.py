"""Authorisation rows for the learning library's own routes (its pages are Wagtail pages)."""

from tests.security.matrix import ADMIN, STAFF, Row, only, public, signed_in


def setup(ctx):
    from tests.library.factories import briefing, guide, library_index, team_use

    library_index()
    ctx.objects["guide"] = guide()
    ctx.objects["briefing"] = briefing()
    team_use(briefing_page=ctx.objects["briefing"], user=ctx.users["practitioner"])


def briefing_args(ctx):
    return {"page_id": ctx.objects["briefing"].pk}


ROWS = [
    Row("library:index", public(200), note="serves the library index page"),
    Row("library:page_pdf", public(200), args=lambda ctx: {"page_id": ctx.objects["guide"].pk}),
    Row("library:team_use_create", signed_in(200), args=briefing_args),
    Row(
        "library:team_use_rollup",
        only({STAFF, ADMIN}),
        note="links to each briefing's records CSV; the figures are in /reports/#briefings",
    ),
    Row("library:team_use_csv", only({STAFF, ADMIN}), args=briefing_args),
]
