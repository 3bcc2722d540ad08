"""Path converters shared by every app's URLs (registered in `binakinerja/urls.py`)."""

from __future__ import annotations

MIN_YEAR, MAX_YEAR = 2000, 2100  # the years any period, plan or report may be about


class YearConverter:
    """`<year:year>`: a four-digit year between MIN_YEAR and MAX_YEAR; any other value is a
    404 before the view runs, so no view repeats the range check."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(value)
        return year

    def to_url(self, value) -> str:
        return f"{int(value):04d}"


def year_neighbours(year: int) -> dict:
    """The previous and next year for a page's year switcher (None at the ends)."""
    return {
        "previous_year": year - 1 if year > MIN_YEAR else None,
        "next_year": year + 1 if year < MAX_YEAR else None,
    }
