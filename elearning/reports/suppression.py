"""Small-number suppression: counts of fewer than five people are not shown by agency or
sector, so nobody can be picked out of a small team."""

THRESHOLD = 5


def suppressed(count: int | None, threshold: int = THRESHOLD) -> int | None:
    """The count, or None when it is between 1 and threshold - 1 (zero is safe to show)."""
    if count is None:
        return None
    return count if count == 0 or count >= threshold else None


def suppress_rows(rows: list[dict], people_key: str, value_keys: tuple[str, ...] = ()):
    """Blank every value of a breakdown row whose number of people is below the threshold.

    ``people_key`` names the count of distinct people behind the row; ``value_keys`` are the
    other figures of the row (rates, means) that would reveal the same people.
    """
    result = []
    for row in rows:
        row = dict(row)
        if suppressed(row.get(people_key)) is None and row.get(people_key):
            row[people_key] = None
            for key in value_keys:
                row[key] = None
            row["suppressed"] = True
        else:
            row["suppressed"] = False
        result.append(row)
    return result
