"""Full dates (day, month and year) as notes write them, for dates of birth.

Forms read, UK order: ``12/03/2005``, ``12-3-05``, ``12.03.2005``, ``2005-03-12``,
``12 March 2005``, ``12th of Mar 2005``, ``March 12, 2005``. A two-digit year is the
latest year with those digits that is not in the future (``05`` is 2005, ``97``
1997), as suits a date of birth. :func:`spellings` writes a date in all these forms,
so registered dates of birth are found by plain matching.
"""

from __future__ import annotations

import re
from datetime import date

from deepdive.privacy.words import MONTHS

_MONTH_WORD = r"(?P<mon>[A-Za-z]{3,9})\.?"
_DAY_FIRST_NUMERIC = re.compile(
    r"(?P<d>[0-9]{1,2})(?P<sep>[/.\-])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4}|[0-9]{2})(?![0-9])"
)
_ISO = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})(?![0-9])")
_DAY_MONTH_YEAR = re.compile(
    r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?[ ]+(?:of[ ]+)?"
    + _MONTH_WORD
    + r",?[ ]+(?P<y>[0-9]{4})(?![0-9])"
)
_MONTH_DAY_YEAR = re.compile(
    _MONTH_WORD + r"[ ]+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?,?[ ]+(?P<y>[0-9]{4})(?![0-9])"
)
DIGIT_LED = (_DAY_FIRST_NUMERIC, _ISO, _DAY_MONTH_YEAR)
MONTH_LED = (_MONTH_DAY_YEAR,)


def _year(text: str, today: date | None = None) -> int:
    year = int(text)
    if len(text) == 2:
        this_year = (today or date.today()).year
        year += 2000
        if year > this_year:
            year -= 100
    return year


def date_from_match(match: re.Match[str]) -> date | None:
    """The date a match of one of the patterns above means, or None if it is not real."""
    groups = match.groupdict()
    if groups.get("mon") is not None:
        month = MONTHS.get(groups["mon"].lower())
        if month is None:
            return None
    else:
        month = int(groups["m"])
    try:
        return date(_year(groups["y"]), month, int(groups["d"]))
    except ValueError:
        return None


def match_digit_led(text: str, position: int) -> tuple[re.Match[str], date] | None:
    """A full date starting at ``position`` (a digit), with its value."""
    for pattern in DIGIT_LED:
        match = pattern.match(text, position)
        if match is not None:
            value = date_from_match(match)
            if value is not None and 1900 <= value.year <= 2099:
                return match, value
    return None


def match_month_led(text: str, position: int) -> tuple[re.Match[str], date] | None:
    """A full date such as "March 12, 2005" starting at ``position`` (a month name)."""
    for pattern in MONTH_LED:
        match = pattern.match(text, position)
        if match is not None:
            value = date_from_match(match)
            if value is not None and 1900 <= value.year <= 2099:
                return match, value
    return None


def parse_full_date(text: str) -> date | None:
    """The date a whole text writes (any form above), or None."""
    text = " ".join(text.split())
    if not text:
        return None
    found = match_digit_led(text, 0) if text[0].isdigit() else match_month_led(text, 0)
    if found is None or found[0].end() != len(text):
        return None
    return found[1]


_ORDINAL = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}
_MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def spellings(value: date) -> list[str]:
    """``value`` in every form above, lower case (for matching folded text)."""
    day, month, year = value.day, value.month, value.year
    days = {str(day), f"{day:02d}"}
    months = {str(month), f"{month:02d}"}
    years = {str(year), f"{year % 100:02d}"}
    forms = {f"{year:04d}-{month:02d}-{day:02d}"}
    for d in days:
        for m in months:
            for y in years:
                forms.update(f"{d}{sep}{m}{sep}{y}" for sep in "/.-")
    names = {_MONTH_NAMES[month - 1], _MONTH_NAMES[month - 1][:3]}
    if month == 9:
        names.add("sept")
    ordinal = f"{day}{_ORDINAL.get(day, 'th')}"
    for name in names:
        for d in (str(day), ordinal):
            forms.update(
                {
                    f"{d} {name} {year}",
                    f"{d} of {name} {year}",
                    f"{name} {d} {year}",
                    f"{name} {d}, {year}",
                    f"{d} {name}, {year}",
                }
            )
    return sorted(forms)
