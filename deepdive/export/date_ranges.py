"""The first half of a range that leans on the second for its month or year ("14-16
March 2016", "between 14 and 16 March", "Jan-Mar 2016", "Spring/Summer 2016"), and
quarters ("Q1 2016", "2016 Q3", "Q2 2015/16").

Left as written, the "14" of "14-16 March 2016" would keep its real day beside a moved
"24 June 2018"; :func:`range_starts` finds each such start as a
:class:`~deepdive.export.date_wording.TextDate` that carries the year and month of the
date it leans on and words only what it writes (its day, month or season), with
:attr:`~deepdive.export.date_wording.TextDate.leans_on` set to that date.
"""

from __future__ import annotations

import re
from dataclasses import replace

from deepdive.domain.dates import MONTH_ABBR, MONTH_NAMES, Season
from deepdive.export.date_wording import DateKind, Part, TextDate

__all__ = ["quarters", "range_starts"]

_MONTHS = {name.lower(): n for n, name in enumerate(MONTH_NAMES, 1)}
_MONTHS.update({name.lower(): n for n, name in enumerate(MONTH_ABBR, 1)})
_MONTHS["sept"] = 9
_JOIN = r"[ ]*(?:-|–|—|/|&|\bto\b|\band\b|\buntil\b|\btill\b)[ ]*$"
_DAY_BEFORE = re.compile(r"(?<![0-9/.\-])(?P<d>[0-9]{1,2})(?P<sfx>st|nd|rd|th)?" + _JOIN)
_MONTH_BEFORE = re.compile(r"(?<![A-Za-z])(?P<mon>[A-Za-z]{3,9})\.?" + _JOIN)
_SEASON_BEFORE = re.compile(
    r"(?<![A-Za-z])(?P<s>spring|summer|autumn|winter)" + _JOIN, re.IGNORECASE
)
_QUARTER = re.compile(
    r"(?<![A-Za-z0-9])(?:(?P<q>Q[1-4])[ ]+(?P<y>[0-9]{4})|(?P<y_>[0-9]{4})[ ]+(?P<q_>Q[1-4]))"
    r"(?![0-9A-Za-z])"
)
_LOOK_BACK = 24


def range_starts(text: str, dates: list[TextDate]) -> list[TextDate]:
    """The starts of ranges that end in one of ``dates`` (found in ``text``)."""
    out: list[TextDate] = []
    for end in dates:
        window = max(0, end.start - _LOOK_BACK)
        if out and out[-1].end > window:
            window = out[-1].end
        before = text[window : end.start]
        start = _start_before(before, window, end)
        if start is not None and all(start.start >= d.end or start.end <= d.start for d in dates):
            out.append(start)
    return out


def _start_before(before: str, offset: int, end: TextDate) -> TextDate | None:
    if end.kind in (DateKind.FULL, DateKind.DAY_MONTH) and end.month is not None:
        match = _DAY_BEFORE.search(before)
        if match is not None and 1 <= int(match["d"]) <= 31:
            parts = [_part(match, "d", "day", offset)]
            if match["sfx"] is not None:
                parts.append(_part(match, "sfx", "suffix", offset))
            return _leaning(match, offset, end, day=int(match["d"]), parts=parts)
    if end.kind is DateKind.MONTH_YEAR:
        match = _MONTH_BEFORE.search(before)
        month = _MONTHS.get(match["mon"].lower()) if match is not None else None
        if match is not None and month is not None:
            parts = [_part(match, "mon", "month", offset)]
            return _leaning(match, offset, end, month=month, parts=parts)
    if end.kind is DateKind.SEASON:
        match = _SEASON_BEFORE.search(before)
        if match is not None:
            parts = [_part(match, "s", "season", offset)]
            season = Season(match["s"].lower())
            return _leaning(match, offset, end, season=season, parts=parts)
    return None


def _leaning(
    match: re.Match[str],
    offset: int,
    end: TextDate,
    *,
    parts: list[Part],
    day: int | None = None,
    month: int | None = None,
    season: Season | None = None,
) -> TextDate:
    """The range's start: ``end``'s values with those the start writes put in."""
    return replace(
        end,
        start=offset + match.start(),
        end=max(part.end for part in parts),  # the joiner ("-", "and") stays as written
        day=day if day is not None else end.day,
        month=month if month is not None else end.month,
        season=season if season is not None else end.season,
        year2=None,
        parts=tuple(parts),
        leans_on=end,
    )


def _part(match: re.Match[str], group: str, role: str, offset: int) -> Part:
    return Part(offset + match.start(group), offset + match.end(group), role, match[group])


def quarters(text: str) -> list[TextDate]:
    """Every quarter with its year ("Q1 2016", "2016 Q3")."""
    out = []
    for match in _QUARTER.finditer(text):
        q, y = ("q", "y") if match["q"] is not None else ("q_", "y_")
        parts = (
            Part(match.start(q), match.end(q), "quarter", match[q]),
            Part(match.start(y), match.end(y), "year", match[y]),
        )
        out.append(
            TextDate(
                match.start(),
                match.end(),
                DateKind.QUARTER,
                int(match[y]),
                month=(int(match[q][1]) - 1) * 3 + 1,
                parts=tuple(sorted(parts, key=lambda p: p.start)),
            )
        )
    return out
