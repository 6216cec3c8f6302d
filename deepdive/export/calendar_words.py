"""Words in free text that tie it to the real calendar without writing a date.

A shifted export moves every date by an undisclosed interval; a note that still says
"on Christmas Day", "late on a Friday", "the spring term" or "during lockdown" beside
its moved date gives part of the interval away (the day of the year, the day of the
week, the year itself). :func:`find_calendar_words` finds them, as
:class:`~deepdive.export.date_wording.TextDate` items the date presenter rewrites:

- a day with a name that is always the same day ("Christmas Day", "Boxing Day", "New
  Year's Eve", "Halloween", "Bonfire Night", "Valentine's Day"), with its year when one
  follows ("Christmas Day 2016"): :attr:`DateKind.NAMED_DAY`;
- a holiday or festival that is a time rather than a day ("Christmas", "Easter", "half
  term", "the summer holidays", "Good Friday", "Eid"), with its year if given:
  :attr:`DateKind.HOLIDAY`;
- a school term ("the spring term", "summer term '16"): :attr:`DateKind.TERM`;
- a weekday on its own ("late on a Friday", "on Mondays"): :attr:`DateKind.WEEKDAY`;
- words for the Covid years ("lockdown", "the pandemic", "Covid-19"), which date a note
  to 2020–21 by themselves: :attr:`DateKind.EVENT`.
"""

from __future__ import annotations

import re
from datetime import date

from deepdive.export.date_wording import WEEKDAYS, DateKind, Part, TextDate

__all__ = ["FIXED_DAY", "find_calendar_words", "two_digit_year"]

_YEAR_AFTER = r"(?:,?[ ]+(?:(?P<y>[0-9]{4})|['’](?P<yy>[0-9]{2}))(?![0-9]))?"

FIXED_DAYS: dict[str, tuple[int, int]] = {
    r"christmas[ ]+day": (12, 25),
    r"christmas[ ]+eve": (12, 24),
    r"boxing[ ]+day": (12, 26),
    r"new[ ]+year['’]?s[ ]+day": (1, 1),
    r"new[ ]+year['’]?s[ ]+eve": (12, 31),
    r"hallowe['’]?en": (10, 31),
    r"(?:bonfire|guy[ ]+fawkes)[ ]+night": (11, 5),
    r"(?:st\.?[ ]+)?valentine['’]?s[ ]+day": (2, 14),
    r"remembrance[ ]+day|armistice[ ]+day": (11, 11),
    r"st\.?[ ]+patrick['’]?s[ ]+day": (3, 17),
}
FIXED_DAY = re.compile(
    r"(?<![A-Za-z])(?P<name>"
    + "|".join(f"(?:{p})" for p in FIXED_DAYS)
    + r")(?![A-Za-z])"
    + _YEAR_AFTER,
    re.IGNORECASE,
)
_HOLIDAY = re.compile(
    r"(?<![A-Za-z])(?P<name>"
    r"(?:christmas|xmas|easter|summer|winter|spring|autumn|october|february|may)"
    r"[ ]+(?:holidays?|hols|break)"
    r"|(?:(?:autumn|spring|summer|february|october|may)[ ]+)?half[ -]?terms?"
    r"|good[ ]+friday|easter[ ]+(?:sunday|monday|weekend)|shrove[ ]+tuesday|ash[ ]+wednesday"
    r"|(?:mothering|palm|remembrance)[ ]+sunday|pancake[ ]+day|(?:may|spring|august)[ ]+bank"
    r"[ ]+holiday"
    r"|black[ ]+friday|mother['’]?s[ ]+day|father['’]?s[ ]+day|bank[ ]+holiday[ ]+monday"
    r"|(?:christmas|xmas|easter|diwali|eid(?:[ ]+al[ -](?:fitr|adha))?|ramadan|hanukkah"
    r"|chanukah|passover|vaisakhi|new[ ]+year)(?![A-Za-z'’])"
    r")" + _YEAR_AFTER,
    re.IGNORECASE,
)
_TERM = re.compile(
    r"(?<![A-Za-z])(?P<name>(?:autumn|spring|summer|michaelmas|lent|trinity)[ ]+terms?)"
    r"(?![A-Za-z])" + _YEAR_AFTER,
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"(?<![A-Za-z])(?P<name>(?P<wd>Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?![A-Za-z'’])"
    # A weekday that recurs dates nothing: "Sunday dinners", "a Saturday job".
    r"(?![ ]+(?:dinners?|lunch(?:es)?|roasts?|school|jobs?|clubs?|league|market|mornings"
    r"|afternoons|evenings|nights)\b)"
)
# "every half term", "each Friday", "every Christmas": how often, not when.
_HOW_OFTEN_BEFORE = re.compile(r"(?:every|each|per|most|some)[ ]+$", re.IGNORECASE)
_EVENT = re.compile(
    r"(?<![A-Za-z])(?P<name>(?:covid(?:[ -]?19)?|coronavirus|pandemic|lockdowns?|furlough(?:ed)?"
    r"|(?:the[ ]+)?(?:first|second|third|national)[ ]+lockdowns?|social[ ]+distancing"
    r"|self[ -]isolat(?:ing|ion|ed))"
    r"(?:(?:[ ]+|-)(?:covid(?:[ -]?19)?|pandemic|lockdowns?|restrictions))*)(?![A-Za-z])",
    re.IGNORECASE,
)
_WEEKDAY_INDEX = {name[:-3].lower(): n for n, name in enumerate(WEEKDAYS)}
_WEEKDAY_INDEX["tues"] = 1
_WEEKDAY_INDEX["wednes"] = 2
_WEEKDAY_INDEX["thurs"] = 3
_WEEKDAY_INDEX["satur"] = 5
_FIXED_KEYS = [(re.compile(p, re.IGNORECASE), day) for p, day in FIXED_DAYS.items()]


def two_digit_year(digits: str, today: date | None = None) -> int:
    """The year "'16" means in a case note: the latest with those digits not in the
    future ("'16" is 2016, "'97" 1997)."""
    this_year = (today or date.today()).year
    year = 2000 + int(digits)
    return year - 100 if year > this_year else year


def find_calendar_words(text: str) -> list[TextDate]:
    """Every calendar word in ``text`` (see the module docstring), in order, none
    overlapping: a named day before a holiday ("Christmas Day", not "Christmas")."""
    found: list[TextDate] = []
    taken: list[tuple[int, int]] = []
    for finder in (_fixed_days, _holidays, _terms, _weekdays, _events):
        for item in finder(text):
            if finder is not _events and _HOW_OFTEN_BEFORE.search(text[: item.start][-8:]):
                continue
            if all(item.end <= start or item.start >= end for start, end in taken):
                found.append(item)
                taken.append((item.start, item.end))
    return sorted(found, key=lambda item: item.start)


def _year_of(match: re.Match[str]) -> tuple[int | None, list[Part]]:
    if match["y"] is not None:
        return int(match["y"]), [Part(match.start("y"), match.end("y"), "year", match["y"])]
    if match["yy"] is not None:
        part = Part(match.start("yy"), match.end("yy"), "year", match["yy"])
        return two_digit_year(match["yy"]), [part]
    return None, []


def _named(match: re.Match[str]) -> Part:
    return Part(match.start("name"), match.end("name"), "name", match["name"])


def _fixed_days(text: str) -> list[TextDate]:
    out = []
    for match in FIXED_DAY.finditer(text):
        month, day = next(day for key, day in _FIXED_KEYS if key.fullmatch(match["name"]))
        year, parts = _year_of(match)
        parts.insert(0, _named(match))
        out.append(
            TextDate(
                match.start(),
                match.end(),
                DateKind.NAMED_DAY,
                year,
                month,
                day,
                parts=tuple(parts),
            )
        )
    return out


def _periods(text: str, pattern: re.Pattern[str], kind: DateKind) -> list[TextDate]:
    out = []
    for match in pattern.finditer(text):
        year, parts = _year_of(match)
        parts.insert(0, _named(match))
        out.append(TextDate(match.start(), match.end(), kind, year, parts=tuple(parts)))
    return out


def _holidays(text: str) -> list[TextDate]:
    return _periods(text, _HOLIDAY, DateKind.HOLIDAY)


def _terms(text: str) -> list[TextDate]:
    return _periods(text, _TERM, DateKind.TERM)


def _weekdays(text: str) -> list[TextDate]:
    out = []
    for match in _WEEKDAY.finditer(text):
        index = _WEEKDAY_INDEX[match["wd"].lower()]
        part = Part(match.start(), match.end(), "weekday", match["name"])
        out.append(TextDate(match.start(), match.end(), DateKind.WEEKDAY, day=index, parts=(part,)))
    return out


def _events(text: str) -> list[TextDate]:
    return [
        TextDate(match.start(), match.end(), DateKind.EVENT, parts=(_named(match),))
        for match in _EVENT.finditer(text)
    ]
