"""Dates written inside free text, found so an export can move them in the same wording.

:func:`find_dates` returns every date a case note writes, with what it means and how it
is worded; :meth:`TextDate.reworded` writes another value in the same style ("26
February 2018" → "3 March 2019", "Feb 2018" → "Mar 2019", "2/1/2019" → "8/3/2020").

What counts as a date:

- a full date, found by the identifier detector's date finder
  (:mod:`deepdive.privacy.datefinder`): ``26/02/2018``, ``26-2-18``, ``2018-02-26``,
  ``26 February 2018``, ``26th of Feb 2018``, ``February 26, 2018``; a weekday just
  before it ("Monday 26 February 2018") belongs to it;
- a month and year: ``February 2018``, ``Feb 2018``, ``Sept. 2018``, ``02/2018``,
  ``2018-02``; a season and year: ``summer 2016``, ``winter 2016/17``;
- a year pair (financial or academic year, or a range): ``2015/16``, ``2014-2015``;
- a day and month without a year, the month's name capitalised: ``26 February``,
  ``26th of Feb``, ``February 26th``;
- a month without a year, its name written out and capitalised, after a word that
  makes it a date: "in December", "from February", "until May", "June to August", "the
  December review", "her May review";
- a bare year from 1950 to 2049, wherever it stands ("in 2016", "2016 was hard",
  "Moves: 2014, 2016 and 2018"), written "mid-2016" or "pre-2016", in brackets, or in a
  list or range of dates. A count noun after it ("in 2000 words", "a 2000 calorie
  diet") makes it a number, as money, a reference or a decimal before it does ("£2016",
  "ref/2016", "1.2016"). One real year left beside its moved self would give the
  shift away, so a year in doubt is moved.

Not dates: "Year 9", "2 children", "14/3", phone numbers, times, money, percentages,
and month names that are one of the case's pseudonyms ("from June" when June is a
person).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from deepdive.domain.dates import MONTH_ABBR, MONTH_NAMES, Season
from deepdive.export.date_wording import DateKind, Part, TextDate, ordinal
from deepdive.privacy.datefinder import match_digit_led, match_month_led

__all__ = ["DateKind", "TextDate", "find_dates"]

_MONTHS = {name.lower(): n for n, name in enumerate(MONTH_NAMES, 1)}
_MONTHS.update({name.lower(): n for n, name in enumerate(MONTH_ABBR, 1)})
_MONTHS["sept"] = 9
_FIRST_YEAR, _LAST_YEAR = 1950, 2049

# A digit or a month's or season's first letters where a word starts; the look-ahead on
# one character class first lets the engine skip quickly through ordinary text.
_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])(?=[0-9ADFJMNOSWadfjmnosw])(?:[0-9]|(?:jan|feb|mar|apr|may|jun|jul|aug"
    r"|sep|oct|nov|dec|spring|summer|autumn|winter))",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+")
_DATE_WORDS = frozenset(_MONTHS) | {season.value for season in Season}
_MONTH_WORD = r"(?P<mon>[A-Za-z]{3,9})"
_MONTH_YEAR = re.compile(
    _MONTH_WORD + r"\.?(?:,?[ ]+(?:of[ ]+)?|[ ]?-[ ]?)(?P<y>[0-9]{4})(?![0-9])", re.IGNORECASE
)
_NUMERIC_MONTH_YEAR = re.compile(
    r"(?:(?P<m>0?[1-9]|1[0-2])/(?P<y>[0-9]{4})|(?P<y_>[0-9]{4})-(?P<m_>0[1-9]|1[0-2]))"
    r"(?![0-9]|[/.\-][0-9])"
)
_SEASON_YEAR = re.compile(
    r"(?P<s>spring|summer|autumn|winter)(?:[ ]+of)?[ ]+(?P<y>[0-9]{4})"
    r"(?:[/\-](?P<y2>[0-9]{4}|[0-9]{2}))?(?![0-9])",
    re.IGNORECASE,
)
_YEAR_PAIR = re.compile(r"(?P<y>[0-9]{4})(?:/|-|–)(?P<y2>[0-9]{4}|[0-9]{2})(?![0-9]|[/.\-][0-9])")
_DAY_MONTH = re.compile(
    r"(?P<d>[0-9]{1,2})(?P<sfx>st|nd|rd|th)?[ ]+(?:of[ ]+)?(?P<mon>[A-Z][a-z]{2,8})\.?(?![A-Za-z])"
)
_MONTH_DAY = re.compile(
    r"(?P<mon>[A-Z][a-z]{2,8})\.?[ ]+(?P<d>[0-9]{1,2})(?P<sfx>st|nd|rd|th)(?![A-Za-z0-9])"
)
_MONTH_ALONE = re.compile(r"(?P<mon>[A-Z][a-z]{2,8})(?![A-Za-z'’])")
_YEAR = re.compile(r"(?P<y>[0-9]{4})(?![0-9]|[,.][0-9]|[/\-][0-9]|%)")
_WEEKDAY_BEFORE = re.compile(
    r"(?P<wd>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)"
    r"\.?,?[ ]+(?:the[ ]+)?$",
    re.IGNORECASE,
)
_WORD_BEFORE = re.compile(r"(?:^|[^A-Za-z])(?P<w>[A-Za-z]+\.?)[ ]*$")
_HYPHENED_BEFORE = re.compile(r"(?:^|[^A-Za-z])(?P<w>mid|pre|post|early|late)-$", re.IGNORECASE)
_JOINER = re.compile(
    r"[ ]*(?:,|,?[ ]+(?:and|or|to|until|till|through|&)|[ ]*[–—\-/])[ ]*$", re.IGNORECASE
)
_COUNT_AFTER = re.compile(
    r"[ ]*(?:%|per ?cent|words|people|pupils|children|young people|miles|metres|meters|km|"
    r"kg|calories|hours|minutes|steps|times|cases|referrals|incidents|word|mile|metre|meter|"
    r"calorie|hour|minute|step|ml|mg|g|pound|pounds)\b",
    re.IGNORECASE,
)
_MONTH_CONTEXT = frozenset(
    {
        *("in", "since", "from", "until", "till", "til", "by", "during", "before", "after"),
        *("of", "early", "mid", "late", "last", "next", "this", "for", "the", "a", "that"),
        *("his", "her", "their", "its", "our", "my", "your"),
    }
)
_MONTH_LENGTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # a leap year's


def find_dates(text: str, names: Collection[str] = ()) -> list[TextDate]:
    """Every date written in ``text``, in order (see the module docstring for what
    counts). ``names`` are words that are people here, never months ("June")."""
    found: list[TextDate] = []
    position = 0
    folded_names = {n.casefold() for n in names}
    for candidate in _CANDIDATE.finditer(text):
        start = candidate.start()
        if start < position:
            continue
        if not text[start].isdigit():  # "marked", "decided": not worth trying every form
            word = _WORD.match(text, start)
            if word is None or word.group().lower() not in _DATE_WORDS:
                continue
        previous = found[-1] if found else None
        hit = _date_at(text, start, previous, folded_names)
        if hit is not None:
            found.append(hit)
            position = hit.end
    return found


# ------------------------------------------------------------------ finding
def _date_at(text: str, start: int, previous: TextDate | None, names: set[str]) -> TextDate | None:
    if text[start].isdigit():
        return (
            _full(text, start)
            or _season_or_pair(text, start, _YEAR_PAIR)
            or _numeric_month_year(text, start)
            or _day_month(text, start, _DAY_MONTH, names)
            or _bare_year(text, start, previous)
        )
    return (
        _full(text, start)
        or _month_year(text, start)
        or _season_or_pair(text, start, _SEASON_YEAR)
        or _day_month(text, start, _MONTH_DAY, names)
        or _month_alone(text, start, previous, names)
    )


def _full(text: str, start: int) -> TextDate | None:
    found = match_digit_led(text, start) if text[start].isdigit() else match_month_led(text, start)
    if found is None:
        return None
    match, value = found
    if not _FIRST_YEAR - 50 <= value.year <= _LAST_YEAR + 50 or _glued(text, match.end()):
        return None
    groups = match.groupdict()
    if groups.get("sep") == "." and len(match["y"]) == 2:
        return None  # "1.2.10" is far more often a version or a section than a date
    parts = _parts(match, ("d", "day"), ("m", "month-number"), ("mon", "month"), ("y", "year"))
    parts += _suffix(text, match)
    begin = start
    weekday = _WEEKDAY_BEFORE.search(text[max(0, start - 16) : start])
    if weekday is not None:
        offset = max(0, start - 16)
        begin = offset + weekday.start()
        parts.append(Part(begin, offset + weekday.end("wd"), "weekday", weekday["wd"]))
    return TextDate(
        begin,
        match.end(),
        DateKind.FULL,
        value.year,
        value.month,
        value.day,
        parts=tuple(sorted(parts, key=lambda p: p.start)),
    )


def _month_year(text: str, start: int) -> TextDate | None:
    match = _MONTH_YEAR.match(text, start)
    if match is None or _glued(text, match.end()):
        return None
    month = _MONTHS.get(match["mon"].lower())
    year = int(match["y"])
    if month is None or not _FIRST_YEAR - 50 <= year <= _LAST_YEAR + 50:
        return None
    parts = _parts(match, ("mon", "month"), ("y", "year"))
    return TextDate(start, match.end(), DateKind.MONTH_YEAR, year, month, parts=tuple(parts))


def _numeric_month_year(text: str, start: int) -> TextDate | None:
    match = _NUMERIC_MONTH_YEAR.match(text, start)
    if match is None or _glued(text, match.end()):
        return None
    year_group, month_group = ("y", "m") if match["y"] is not None else ("y_", "m_")
    year, month = int(match[year_group]), int(match[month_group])
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        return None
    parts = _parts(match, (month_group, "month-number"), (year_group, "year"))
    return TextDate(start, match.end(), DateKind.MONTH_YEAR, year, month, parts=tuple(parts))


def _season_or_pair(text: str, start: int, pattern: re.Pattern[str]) -> TextDate | None:
    match = pattern.match(text, start)
    if match is None:
        return None
    year = int(match["y"])
    if not _FIRST_YEAR - 50 <= year <= _LAST_YEAR + 50:
        return None
    season = Season(match["s"].lower()) if "s" in match.groupdict() else None
    end, year2 = match.end(), None
    if match["y2"] is not None:
        second = match["y2"]
        if len(second) == 2:
            good = int(second) == (year + 1) % 100
            year2 = year + 1
        else:
            year2 = int(second)
            good = year < year2 <= year + 50 if season is None else year2 == year + 1
        if season not in (None, Season.WINTER) or not good:
            if season is None:
                return None
            end, year2 = match.end("y"), None  # "summer 2016/17": the season is 2016
    if _glued(text, end):
        return None
    pairs = [("s", "season"), ("y", "year")] + ([("y2", "year2")] if year2 is not None else [])
    parts = [p for p in _parts(match, *pairs) if p.end <= end]
    kind = DateKind.SEASON if season is not None else DateKind.YEAR
    return TextDate(start, end, kind, year, season=season, year2=year2, parts=tuple(parts))


def _day_month(text: str, start: int, pattern: re.Pattern[str], names: set[str]) -> TextDate | None:
    match = pattern.match(text, start)
    if match is None or match["mon"].casefold() in names:
        return None
    month = _MONTHS.get(match["mon"].lower())
    day = int(match["d"])
    if month is None or not 1 <= day <= (
        29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
    ):
        return None
    if match["sfx"] is not None and match["sfx"] != ordinal(day):
        return None
    parts = _parts(match, ("d", "day"), ("sfx", "suffix"), ("mon", "month"))
    return TextDate(
        start, match.end(), DateKind.DAY_MONTH, month=month, day=day, parts=tuple(parts)
    )


def _month_alone(
    text: str, start: int, previous: TextDate | None, names: set[str]
) -> TextDate | None:
    match = _MONTH_ALONE.match(text, start)
    if match is None or match["mon"].casefold() in names:
        return None
    word = match["mon"]
    month = _MONTHS.get(word.lower())
    # Written out in full (and "Sept"): "Jan" and "Mar" are names and words as often.
    if month is None or word not in (*MONTH_NAMES, "Sept"):
        return None
    chained = previous is not None and previous.kind in (DateKind.MONTH, DateKind.MONTH_YEAR)
    if not (
        _context_word(text, start, _MONTH_CONTEXT)
        or (chained and previous is not None and _JOINER.fullmatch(text[previous.end : start]))
    ):
        return None
    parts = _parts(match, ("mon", "month"))
    return TextDate(start, match.end(), DateKind.MONTH, month=month, parts=tuple(parts))


def _bare_year(text: str, start: int, previous: TextDate | None) -> TextDate | None:
    match = _YEAR.match(text, start)
    if match is None or _glued(text, match.end()):
        return None
    year = int(match["y"])
    if not _FIRST_YEAR <= year <= _LAST_YEAR or _COUNT_AFTER.match(text, match.end()):
        return None
    before = text[start - 1] if start else ""
    chained = (
        previous is not None
        and previous.kind in (DateKind.YEAR, DateKind.SEASON, DateKind.MONTH_YEAR, DateKind.FULL)
        and _JOINER.fullmatch(text[previous.end : start]) is not None
    )
    hyphened = _HYPHENED_BEFORE.search(text[max(0, start - 8) : start]) is not None
    if before and before in "£$€#/.,-" and not (chained or hyphened):
        return None  # money, a reference or a decimal: "£2016", "ref/2016", "1.2016"
    # Any other year in range is taken for a date, with or without a date word before
    # it ("2016 was hard", "Moves: 2014, 2016"): one real year left beside its moved
    # self would give the whole shift away, so doubt counts as a date here.
    parts = _parts(match, ("y", "year"))
    return TextDate(start, match.end(), DateKind.YEAR, year, parts=tuple(parts))


def _context_word(text: str, start: int, words: frozenset[str]) -> bool:
    found = _WORD_BEFORE.search(text[max(0, start - 24) : start])
    return found is not None and found["w"].lower() in words


def _glued(text: str, end: int) -> bool:
    """Whether letters or digits run straight on from a match ("2016abc", "2016/17/3")."""
    return end < len(text) and (text[end].isalnum() or text[end] == "_")


def _parts(match: re.Match[str], *roles: tuple[str, str]) -> list[Part]:
    out = []
    groups = match.groupdict()
    for group, role in roles:
        if groups.get(group) is not None:
            out.append(Part(match.start(group), match.end(group), role, match[group]))
    return sorted(out, key=lambda part: part.start)


def _suffix(text: str, match: re.Match[str]) -> list[Part]:
    """The ordinal suffix after a full date's day ("26th"), which the finder does not name."""
    if match.groupdict().get("d") is None:
        return []
    end = match.end("d")
    suffix = re.match(r"st|nd|rd|th", text[end : end + 2], re.IGNORECASE)
    return [Part(end, end + 2, "suffix", suffix.group())] if suffix else []
