from tests.security.matrix import ADMIN, STAFF, SUPERVISOR, Row, only

# Reports hold aggregates only. Practitioners get 404: the reports area is not theirs to find.
ROWS = [
    Row("reports:index", only({SUPERVISOR, STAFF, ADMIN}, refused=404)),
    Row(
        "reports:csv",
        only({STAFF, ADMIN}, refused=404),
        args=lambda ctx: {"slug": "people", "table_id": "by-agency"},
        note="supervisors only see sections with a team view",
    ),
]
