"""The last check of a shifted or relative export: no real date left in its words.

The date presenter rewrites every date it recognises. Whatever it did not recognise
would go out real beside the moved dates and give the shift away, so every stretch of
text the presenter left as written is read once more for anything that could be a
date, by rules looser than the finder's: any year from 1950 to 2049 (even glued to
letters, "FY2016"), a day and month in figures with a year ("14.3.16"), eight figures
that make a real day ("20160314"), a day with a month's name ("14 March", "March
14th"), a named day ("Christmas Day") and a month or season with a two-figure year
("Sept '16"). A shifted or relative export that would carry one stops with
:class:`DatesLeft`, naming where each is, and nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from deepdive.domain.dates import MONTH_ABBR, MONTH_NAMES
from deepdive.export.calendar_words import FIXED_DAY
from deepdive.export.errors import ExportError

__all__ = ["NUMBERED_BEFORE", "DatesLeft", "LeftDate", "leftover_dates"]

_MONTH = "|".join([*MONTH_NAMES, *MONTH_ABBR, "Sept"])
_YEAR = re.compile(r"(?<![0-9£$€])(?:19[5-9][0-9]|20[0-4][0-9])(?![0-9])")
_NOT_A_YEAR_AFTER = re.compile(
    r"[ ]*(?:%|per ?cent|words|people|pupils|children|miles|metres|km|kg|calories|hours"
    r"|minutes|steps|ml|mg)\b",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    r"(?<![0-9.])(?P<d>[0-9]{1,2})(?P<s>[./-])(?P<m>[0-9]{1,2})(?P=s)(?:[0-9]{4}|[0-9]{2})"
    r"(?![0-9]|\.[0-9])"
)
NUMBERED_BEFORE = re.compile(
    r"(?:^|[^A-Za-z])(?:v|ver|version|section|s|para|paragraph|clause|chapter|page|p|pp"
    r"|rule|figure|fig|table|step|item|no|number|release)\.?[ ]*$",
    re.IGNORECASE,
)
_COMPACT = re.compile(r"(?<![0-9])[0-9]{8}(?![0-9])")
_DAY_MONTH = re.compile(
    rf"(?<![0-9])(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?[ ]+(?:of[ ]+)?(?P<mon>{_MONTH})\.?(?![a-z])"
)
_MONTH_DAY = re.compile(
    rf"(?<![A-Za-z])(?P<mon>{_MONTH})\.?[ ]+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)(?![A-Za-z0-9])"
)
_SHORT_YEAR_PAIR = re.compile(r"(?<![A-Za-z0-9])['’][0-9]{2}[/–-]['’]?[0-9]{2}(?![0-9])")
_SHORT_YEAR = re.compile(
    rf"(?<![A-Za-z])(?:{_MONTH}|spring|summer|autumn|winter)\.?,?[ ]+(?P<yy>['’][0-9]{{2}})"
    r"(?![0-9])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LeftDate:
    """A date an export would carry as written: where, and the words around it."""

    where: str
    written: str
    context: str


class DatesLeft(ExportError):
    """A shifted or relative export would carry a date as it was written."""

    def __init__(self, found: list[LeftDate], *, real_dates_allowed: bool = True) -> None:
        self.found = found
        shown = "\n".join(
            f"  {item.where}: “{item.written}” in “{item.context}”" for item in found[:20]
        )
        more = f"\n  … and {len(found) - 20} more" if len(found) > 20 else ""
        n = len(found)
        other_way = ", or export with real dates" if real_dates_allowed else ", or take it out"
        super().__init__(
            f"The export was stopped because {n} date{'' if n == 1 else 's'} in the case's "
            f"text could not be moved and would be shown as written, which gives the real "
            f"dates away; nothing was written. Write each as a date DeepDive reads (such as "
            f"14/03/2016, March 2016, 2016){other_way}:\n{shown}{more}"
        )


def leftover_dates(text: str, names: Collection[str] = ()) -> list[tuple[int, int]]:
    """Where ``text`` writes something that could be a real date (start, end), in order;
    for a month or season with a two-figure year, where that year is. ``names`` are
    people here, never months ("June")."""
    found: list[tuple[int, int]] = []
    folded = {name.casefold() for name in names}
    for match in _YEAR.finditer(text):
        if not _NOT_A_YEAR_AFTER.match(text, match.end()):
            found.append(match.span())
    for match in _NUMERIC.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()]
        if match["s"] == "." and NUMBERED_BEFORE.search(before):
            continue
        if 1 <= int(match["d"]) <= 31 and 1 <= int(match["m"]) <= 12:
            found.append(match.span())
    for match in _COMPACT.finditer(text):
        if _is_compact_day(match.group()):
            found.append(match.span())
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for match in pattern.finditer(text):
            if match["mon"].casefold() not in folded and 1 <= int(match["d"]) <= 31:
                found.append(match.span())
    for pattern in (FIXED_DAY, _SHORT_YEAR_PAIR):
        found.extend(match.span() for match in pattern.finditer(text))
    found.extend(match.span("yy") for match in _SHORT_YEAR.finditer(text))
    return sorted(set(found))


def _is_compact_day(digits: str) -> bool:
    for year, month, day in (
        (digits[:4], digits[4:6], digits[6:]),
        (digits[4:], digits[2:4], digits[:2]),
    ):
        try:
            if 1950 <= date(int(year), int(month), int(day)).year <= 2049:
                return True
        except ValueError:
            continue
    return False


def context_of(text: str, start: int, end: int) -> str:
    """A few words either side of ``text[start:end]``, on one line."""
    left = max(0, text.rfind(" ", 0, max(0, start - 20)) + 1)
    right = text.find(" ", min(len(text), end + 20))
    snippet = text[left : right if right != -1 else len(text)]
    return " ".join(snippet.split())
