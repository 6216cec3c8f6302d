"""Dates written inside free text, found so an export can move them in the same wording.

:func:`find_dates` returns every date a case note writes, with what it means and how it
is worded; :meth:`TextDate.reworded` writes another value in the same style ("26
February 2018" → "3 March 2019", "Feb 2018" → "Mar 2019", "2/1/2019" → "8/3/2020").

What counts as a date:

- a full date, found by the identifier detector's date finder
  (:mod:`deepdive.privacy.datefinder`): ``26/02/2018``, ``26-2-18``, ``2018-02-26``,
  ``26 February 2018``, ``26th of Feb 2018``, ``February 26, 2018``; a weekday just
  before it ("Monday 26 February 2018") belongs to it;
- a month and year: ``February 2018``, ``Feb 2018``, ``Sept. 2018``, ``Sept '16``,
  ``02/2018``, ``2018-02``, ``2018/02``, ``02.2018``; a season and year: ``summer
  2016``, ``spring '16``, ``winter 2016/17``;
- a day in figures with dots and a short year (``14.3.16``, not after "section" or
  "version") or eight figures (``20160314``, ``14032016``);
- a year pair (financial or academic year, or a range): ``2015/16``, ``2014-2015``;
- a day and month without a year, the month's name capitalised: ``26 February``,
  ``26th of Feb``, ``February 26th``;
- a month without a year, its name written out and capitalised, after a word that
  makes it a date: "in December", "from February", "until May", "June to August", "the
  December review", "her May review";
- a bare year from 1950 to 2049, wherever it stands ("in 2016", "2016 was hard",
  "Moves: 2014, 2016 and 2018"), written "mid-2016", "pre-2016", "c.2016", "2016ish",
  glued to letters ("FY2015/16"), in brackets, or in a list or range of dates; a year
  with two figures after a date word ("in '16"); a decade ("the 2010s");
  A count noun after a year ("in 2000 words", "a 2000 calorie diet") makes it a
  number, as money, a reference or a decimal before it does ("£2016", "ref/2016",
  "1.2016"). One real year left beside its moved self would give the shift away, so a
  year in doubt is moved (and one that is not moved stops a shifted export:
  :mod:`deepdive.export.date_leftovers`);
- the words that tie a note to the calendar (named days, holidays, terms, weekdays,
  the Covid years), from :mod:`deepdive.export.calendar_words`.

Not dates: "Year 9", "2 children", "14/3", phone numbers, times, money, percentages,
and month names that are one of the case's pseudonyms ("from June" when June is a
person).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from deepdive.domain.dates import MONTH_ABBR, MONTH_NAMES, Season
from deepdive.export.calendar_words import find_calendar_words, two_digit_year
from deepdive.export.date_leftovers import NUMBERED_BEFORE
from deepdive.export.date_ranges import quarters, range_starts
from deepdive.export.date_wording import DateKind, Part, TextDate, ordinal
from deepdive.export.numeric_dates import (
    FIRST_YEAR,
    LAST_YEAR,
    compact_date,
    glued,
    numeric_month_year,
    parts_of,
)
from deepdive.privacy.datefinder import match_digit_led, match_month_led

__all__ = ["DateKind", "TextDate", "find_dates"]

_MONTHS = {name.lower(): n for n, name in enumerate(MONTH_NAMES, 1)}
_MONTHS.update({name.lower(): n for n, name in enumerate(MONTH_ABBR, 1)})
_MONTHS["sept"] = 9

# A digit or a month's or season's first letters where a word starts; the look-ahead on
# one character class first lets the engine skip quickly through ordinary text.
_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])(?=[0-9ADFJMNOSWadfjmnosw'’])(?:[0-9]|['’][0-9]{2}(?![0-9])|(?:jan|feb|mar"
    r"|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|winter))"
    # A year glued to letters before it: "FY2015/16", "AY2016-17", "c2016".
    r"|(?<=[A-Za-z])(?=[0-9]{4}(?![0-9]))",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+")
_DATE_WORDS = frozenset(_MONTHS) | {season.value for season in Season}
_MONTH_WORD = r"(?P<mon>[A-Za-z]{3,9})"
# A four-digit year, or two digits after an apostrophe ("Sept '16").
# "Mar-16", as spreadsheets write a month: two figures after a hyphen are its year.
_YEAR_OR_SHORT = r"(?:(?P<y>[0-9]{4})|['’](?P<yy>[0-9]{2})|(?<=-)(?P<yh>[0-9]{2}))(?![0-9])"
_MONTH_YEAR = re.compile(
    _MONTH_WORD + r"\.?(?:,?[ ]+(?:of[ ]+)?|[ ]?-[ ]?)" + _YEAR_OR_SHORT, re.IGNORECASE
)
# "14-Mar-2016", "14-Mar-16", "14 Mar '16": a full date the date of birth finder leaves.
_FULL_MORE = re.compile(
    r"(?P<d>[0-9]{1,2})(?P<sfx>st|nd|rd|th)?(?:-(?P<mon>[A-Za-z]{3,9})-(?P<y>[0-9]{4}|[0-9]{2})"
    r"|[ ]+(?:of[ ]+)?(?P<mon_>[A-Za-z]{3,9})\.?,?[ ]+['’](?P<yy>[0-9]{2}))(?![0-9])"
)
_SEASON_YEAR = re.compile(
    r"(?P<s>spring|summer|autumn|winter)(?:[ ]+of)?[ ]+(?:(?P<y>[0-9]{4})|['’](?P<yy>[0-9]{2}))"
    r"(?:[/\-](?P<y2>[0-9]{4}|[0-9]{2}))?(?![0-9])",
    re.IGNORECASE,
)
_SHORT_YEAR = re.compile(r"['’](?P<yy>[0-9]{2})(?![0-9])")
_SHORT_YEAR_CONTEXT = frozenset(
    {"in", "since", "from", "until", "till", "by", "during", "of", "early", "mid", "late"}
    | {"before", "after", "end", "start", "fy", "ay", "class", "summer", "and", "or", "to"}
)
_YEAR_PAIR = re.compile(r"(?P<y>[0-9]{4})(?:/|-|–)(?P<y2>[0-9]{4}|[0-9]{2})(?![0-9]|[/.\-][0-9])")
_DAY_MONTH = re.compile(
    r"(?P<d>[0-9]{1,2})(?P<sfx>st|nd|rd|th)?[ ]+(?:of[ ]+)?(?P<mon>[A-Z][a-z]{2,8})\.?(?![A-Za-z])"
)
_MONTH_DAY = re.compile(
    r"(?P<mon>[A-Z][a-z]{2,8})\.?[ ]+(?:the[ ]+)?(?P<d>[0-9]{1,2})(?P<sfx>st|nd|rd|th)"
    r"(?![A-Za-z0-9])"
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
    counts), and the words that tie it to the calendar (:mod:`.calendar_words`).
    ``names`` are words that are people here, never months ("June")."""
    found: list[TextDate] = []
    position = 0
    folded_names = {n.casefold() for n in names}
    for candidate in _CANDIDATE.finditer(text):
        start = candidate.start()
        if start < position:
            continue
        if text[start].isalpha():  # "marked", "decided": not worth trying every form
            word = _WORD.match(text, start)
            if word is None or word.group().lower() not in _DATE_WORDS:
                continue
        previous = found[-1] if found else None
        hit = _date_at(text, start, previous, folded_names)
        if hit is not None:
            found.append(hit)
            position = hit.end
    found = _with_calendar_words(found, quarters(text))
    found = sorted(found + range_starts(text, found), key=lambda item: item.start)
    return _with_calendar_words(found, find_calendar_words(text))


def _with_calendar_words(dates: list[TextDate], words: list[TextDate]) -> list[TextDate]:
    """Both lists in one, none overlapping: a calendar word takes in the dates inside it
    ("summer term 2016"), a date the words inside it ("Monday 26 February 2018")."""
    for word in words:
        inside = [d for d in dates if word.start <= d.start and d.end <= word.end]
        crossing = [
            d for d in dates if d not in inside and d.start < word.end and word.start < d.end
        ]
        if crossing:
            continue
        dates = [d for d in dates if d not in inside] + [word]
    return sorted(dates, key=lambda item: item.start)


# ------------------------------------------------------------------ finding
def _date_at(text: str, start: int, previous: TextDate | None, names: set[str]) -> TextDate | None:
    if text[start] in "'’":
        return _short_year(text, start, previous)
    if text[start].isdigit():
        return (
            _full(text, start)
            or _full_more(text, start)
            or compact_date(text, start)
            or _season_or_pair(text, start, _YEAR_PAIR)
            or numeric_month_year(text, start)
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
    if not FIRST_YEAR - 50 <= value.year <= LAST_YEAR + 50 or glued(text, match.end()):
        return None
    groups = match.groupdict()
    if groups.get("sep") == "." and NUMBERED_BEFORE.search(text[max(0, start - 12) : start]):
        return None  # "section 1.2.10", "v1.2.16": a numbered section or a version
    parts = parts_of(match, ("d", "day"), ("m", "month-number"), ("mon", "month"), ("y", "year"))
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


def _full_more(text: str, start: int) -> TextDate | None:
    match = _FULL_MORE.match(text, start)
    if match is None or glued(text, match.end()):
        return None
    mon = "mon" if match["mon"] is not None else "mon_"
    month = _MONTHS.get(match[mon].lower())
    digits = match["y"] or match["yy"]
    year = int(digits) if len(digits) == 4 else two_digit_year(digits)
    try:
        value = date(year, month or 0, int(match["d"]))
    except ValueError:
        return None
    if match["sfx"] is not None and match["sfx"] != ordinal(value.day):
        return None
    roles = (("d", "day"), ("sfx", "suffix"), (mon, "month"), ("y", "year"), ("yy", "year"))
    parts = tuple(parts_of(match, *roles))
    return TextDate(
        start, match.end(), DateKind.FULL, value.year, value.month, value.day, parts=parts
    )


def _month_year(text: str, start: int) -> TextDate | None:
    match = _MONTH_YEAR.match(text, start)
    if match is None or glued(text, match.end()):
        return None
    month = _MONTHS.get(match["mon"].lower())
    year = _year_of(match)
    if month is None or not FIRST_YEAR - 50 <= year <= LAST_YEAR + 50:
        return None
    parts = parts_of(match, ("mon", "month"), ("y", "year"), ("yy", "year"), ("yh", "year"))
    return TextDate(start, match.end(), DateKind.MONTH_YEAR, year, month, parts=tuple(parts))


def _season_or_pair(text: str, start: int, pattern: re.Pattern[str]) -> TextDate | None:
    match = pattern.match(text, start)
    if match is None:
        return None
    year = _year_of(match)
    if not FIRST_YEAR - 50 <= year <= LAST_YEAR + 50:
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
    if glued(text, end):
        return None
    pairs = [("s", "season"), ("y", "year"), ("yy", "year")]
    pairs += [("y2", "year2")] if year2 is not None else []
    parts = [p for p in parts_of(match, *pairs) if p.end <= end]
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
    parts = parts_of(match, ("d", "day"), ("sfx", "suffix"), ("mon", "month"))
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
    parts = parts_of(match, ("mon", "month"))
    return TextDate(start, match.end(), DateKind.MONTH, month=month, parts=tuple(parts))


def _bare_year(text: str, start: int, previous: TextDate | None) -> TextDate | None:
    match = _YEAR.match(text, start)
    if match is None:
        return None
    decade = text[match.end() : match.end() + 1] == "s" and not glued(text, match.end() + 1)
    if glued(text, match.end()) and not decade:
        return None
    year = int(match["y"])
    if not FIRST_YEAR <= year <= LAST_YEAR or _COUNT_AFTER.match(text, match.end()):
        return None
    before = text[start - 1] if start else ""
    chained = (
        previous is not None
        and previous.kind in (DateKind.YEAR, DateKind.SEASON, DateKind.MONTH_YEAR, DateKind.FULL)
        and _JOINER.fullmatch(text[previous.end : start]) is not None
    )
    hyphened = _HYPHENED_BEFORE.search(text[max(0, start - 8) : start]) is not None
    abbreviated = before == "." and text[start - 2 : start - 1].isalpha()  # "c.2016"
    if before and before in "£$€#/.,-" and not (chained or hyphened or abbreviated):
        return None  # money, a reference or a decimal: "£2016", "ref/2016", "1.2016"
    # Any other year in range is taken for a date, with or without a date word before
    # it ("2016 was hard", "Moves: 2014, 2016"): one real year left beside its moved
    # self would give the whole shift away, so doubt counts as a date here.
    parts = parts_of(match, ("y", "year"))
    if decade and year % 10 == 0:
        return TextDate(start, match.end(), DateKind.DECADE, year, parts=tuple(parts))
    if decade:
        return None  # "2016s" is not a date
    return TextDate(start, match.end(), DateKind.YEAR, year, parts=tuple(parts))


def _short_year(text: str, start: int, previous: TextDate | None) -> TextDate | None:
    """ "in '16", "FY '16", "2015 and '16": a year written with two digits after an
    apostrophe, where a word before it or a date just before makes it a year."""
    match = _SHORT_YEAR.match(text, start)
    if match is None or glued(text, match.end()):
        return None
    chained = previous is not None and _JOINER.fullmatch(text[previous.end : start]) is not None
    if not (chained or _context_word(text, start, _SHORT_YEAR_CONTEXT)):
        return None
    year = two_digit_year(match["yy"])
    parts = parts_of(match, ("yy", "year"))
    return TextDate(start, match.end(), DateKind.YEAR, year, parts=tuple(parts))


def _context_word(text: str, start: int, words: frozenset[str]) -> bool:
    found = _WORD_BEFORE.search(text[max(0, start - 24) : start])
    return found is not None and found["w"].lower() in words


def _year_of(match: re.Match[str]) -> int:
    """The year a match writes with four digits (group y) or two ("'16", group yy;
    "Mar-16", group yh)."""
    if match["y"] is not None:
        return int(match["y"])
    groups = match.groupdict()
    return two_digit_year(groups.get("yh") or match["yy"])


def _suffix(text: str, match: re.Match[str]) -> list[Part]:
    """The ordinal suffix after a full date's day ("26th"), which the finder does not name."""
    if match.groupdict().get("d") is None:
        return []
    end = match.end("d")
    suffix = re.match(r"st|nd|rd|th", text[end : end + 2], re.IGNORECASE)
    return [Part(end, end + 2, "suffix", suffix.group())] if suffix else []
