"""Dates written all in figures inside free text: a month and year ("03/2016",
"2016/03", "2016-03", "03.2016") and eight figures that make a day ("20160314",
"14032016"), for :mod:`deepdive.export.textdates`; with the two helpers both modules
use to read a match."""

from __future__ import annotations

import re
from datetime import date

from deepdive.export.date_wording import DateKind, Part, TextDate

__all__ = ["compact_date", "glued", "numeric_month_year", "parts_of"]

FIRST_YEAR, LAST_YEAR = 1950, 2049
_NUMERIC_MONTH_YEAR = re.compile(
    r"(?:(?P<m>0?[1-9]|1[0-2])/(?P<y>[0-9]{4})|(?P<y_>[0-9]{4})[-/](?P<m_>0[1-9]|1[0-2])"
    r"|(?P<m__>0[1-9]|1[0-2])\.(?P<y__>[0-9]{4}))"
    r"(?![0-9]|[/.\-][0-9])"
)
# "20160314" (or "14032016"): eight digits that make a real day.
_COMPACT = re.compile(r"(?P<a>[0-9]{2})(?P<b>[0-9]{2})(?P<c>[0-9]{2})(?P<e>[0-9]{2})(?![0-9])")


def numeric_month_year(text: str, start: int) -> TextDate | None:
    """A month and year in figures starting at ``start``, or None."""
    match = _NUMERIC_MONTH_YEAR.match(text, start)
    if match is None or glued(text, match.end()):
        return None
    year_group, month_group = next(
        (y, m) for y, m in (("y", "m"), ("y_", "m_"), ("y__", "m__")) if match[y] is not None
    )
    year, month = int(match[year_group]), int(match[month_group])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    parts = parts_of(match, (month_group, "month-number"), (year_group, "year"))
    return TextDate(start, match.end(), DateKind.MONTH_YEAR, year, month, parts=tuple(parts))


def compact_date(text: str, start: int) -> TextDate | None:
    """ "20160314" or "14032016": eight digits that make a real day in the years read."""
    match = _COMPACT.match(text, start)
    if match is None or glued(text, match.end()):
        return None
    a, b, c, e = (match[g] for g in "abce")
    for year, month, day, roles in (
        (a + b, c, e, (("a", "year"), ("b", "year"), ("c", "month-number"), ("e", "day"))),
        (c + e, b, a, (("a", "day"), ("b", "month-number"), ("c", "year"), ("e", "year"))),
    ):
        try:
            value = date(int(year), int(month), int(day))
        except ValueError:
            continue
        if FIRST_YEAR <= value.year <= LAST_YEAR:
            first, second = (a, b) if roles[0][1] == "year" else (c, e)
            begin = match.start("a") if roles[0][1] == "year" else match.start("c")
            parts = [Part(begin, begin + 4, "year", first + second)]
            parts += [
                Part(match.start(g), match.end(g), role, match[g])
                for g, role in roles
                if role != "year"
            ]
            return TextDate(
                start,
                match.end(),
                DateKind.FULL,
                value.year,
                value.month,
                value.day,
                parts=tuple(sorted(parts, key=lambda p: p.start)),
            )
    return None


def glued(text: str, end: int) -> bool:
    """Whether letters or digits run straight on from a match ("2016abc", "2016/17/3");
    "ish" does not count ("2016ish" is about 2016)."""
    if text[end : end + 3].lower() == "ish" and not text[end + 3 : end + 4].isalnum():
        return False
    if text[end : end + 1] == "T" and text[end + 1 : end + 2].isdigit():
        return False  # "2016-03-14T10:00": a day and a time
    return end < len(text) and (text[end].isalnum() or text[end] == "_")


def parts_of(match: re.Match[str], *roles: tuple[str, str]) -> list[Part]:
    """The named groups of ``match`` as the date's worded parts (group, role), in order."""
    out = []
    groups = match.groupdict()
    for group, role in roles:
        if groups.get(group) is not None:
            out.append(Part(match.start(group), match.end(group), role, match[group]))
    return sorted(out, key=lambda part: part.start)
