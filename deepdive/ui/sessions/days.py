"""Reading and showing whole days (a session's date, an action's due date)."""

from __future__ import annotations

from datetime import date

from deepdive.domain.dates import DateError, FuzzyDate, Precision
from deepdive.domain.uk_dates import parse_uk_date
from deepdive.services.errors import ValidationError

DAY_HINT = "a day such as 17/03/2022 or 17 Mar 2022"


def day_text(day: date | None) -> str:
    """``17 Mar 2022``, or empty for no date."""
    return "" if day is None else FuzzyDate.from_date(day).display()


def parse_day(text: str, field: str, what: str) -> date | None:
    """A whole day from what the user typed (empty means none); names ``what`` if wrong."""
    if not text.strip():
        return None
    try:
        fuzzy = parse_uk_date(text)
    except DateError as exc:
        raise ValidationError(f"{what}: {exc}", field) from None
    if fuzzy.precision is not Precision.DAY or fuzzy.approximate or fuzzy.bound:
        raise ValidationError(f"{what}: give {DAY_HINT}.", field)
    return fuzzy.earliest()
