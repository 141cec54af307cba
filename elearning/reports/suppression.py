"""Small-number suppression: counts of fewer than five people are not shown by agency or
sector, so nobody can be picked out of a small team."""

THRESHOLD = 5
HIDDEN_TEXT = "fewer than 5"


def suppressed(count: int | None, threshold: int = THRESHOLD) -> int | None:
    """The count, or None when it is between 1 and threshold - 1 (zero is safe to show)."""
    if count is None:
        return None
    return count if count == 0 or count >= threshold else None


def suppress_cells(rows: list[dict], groups: dict[str, tuple[str, ...]]) -> list[dict]:
    """Blank each count of people below the threshold, with the figures that depend on it.

    ``groups`` maps the key of a count of distinct people to the keys of the row's other
    figures (counts, rates, means) that would reveal the same people. Rows say which keys
    they hide in ``hidden`` and whether they hide anything in ``suppressed``.
    """
    result = []
    for row in rows:
        row = dict(row)
        hidden = set()
        for people_key, value_keys in groups.items():
            if row.get(people_key) and suppressed(row[people_key]) is None:
                hidden.update((people_key, *value_keys))
        for key in hidden:
            row[key] = None
        row["hidden"] = frozenset(hidden)
        row["suppressed"] = bool(hidden)
        result.append(row)
    return result


def suppress_rows(rows: list[dict], people_key: str, value_keys: tuple[str, ...] = ()):
    """Blank every value of a breakdown row whose number of people is below the threshold.

    ``people_key`` names the count of distinct people behind the row; ``value_keys`` are the
    other figures of the row (rates, means) that would reveal the same people.
    """
    return suppress_cells(rows, {people_key: value_keys})


def is_hidden(row: dict, key: str) -> bool:
    """Whether the row's value for ``key`` is withheld (shown as 'fewer than 5')."""
    if "hidden" in row:
        return key in row["hidden"]
    return bool(row.get("suppressed")) and row.get(key) is None
