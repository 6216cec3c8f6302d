"""How an event reads in the table, the editor and the timeline (no Qt here).

Ages come from the case's approximate birth month (see ``deepdive.domain.ages``);
a case without one shows no ages.
"""

from __future__ import annotations

import re

from deepdive.domain.ages import BirthMonth, age_at
from deepdive.domain.dates import DateError, DateSpan, FuzzyDate
from deepdive.domain.record_dates import parse_record_span
from deepdive.services.events import EventRow
from deepdive.services.results import CaseDetail

_MARKUP = re.compile(r"(\*\*|__|\*|_|`|^#+\s*|^>\s*|^[-+]\s+)", re.MULTILINE)


def birth_of(case: CaseDetail | None) -> BirthMonth | None:
    """The case's approximate birth, if known."""
    if case is None or case.birth_year is None:
        return None
    try:
        return BirthMonth(case.birth_year, case.birth_month)
    except DateError:
        return None


def age_text(birth: BirthMonth | None, date_text: str) -> str:
    """The age at an event as shown: "14y 3m", "about 14", "before birth" or ""."""
    if birth is None:
        return ""
    try:
        return age_at(birth, FuzzyDate.parse(date_text)).display()
    except DateError:
        return ""


def span_text(date_text: str, end_text: str | None) -> str:
    """The event's date as shown: "14 Mar 2016", "Mar 2016 – Sep 2016"."""
    try:
        return DateSpan.parse(date_text, end_text).display()
    except DateError:
        return date_text


def first_line(markdown: str, limit: int = 200) -> str:
    """The first line of a Markdown text without its markup, for a table cell."""
    # This runs for every row shown, so a long text is looked at from its start only;
    # whenever that is not enough to be sure, the whole text is.
    head = markdown[: limit * 4]
    if len(head) < len(markdown):
        parts = head.splitlines(keepends=True)
        for n, part in enumerate(parts):
            if not part.strip():
                continue
            line = part.splitlines()[0]
            if n < len(parts) - 1 or line != part:  # the line ends inside the head
                return _shortened(_unmarked(line), limit)
            plain = _unmarked(line)
            if len(plain) > limit + 1:  # a cut "**" or space changes at most the end
                return plain[: limit - 1] + "…"
            break
    line = next((part for part in markdown.splitlines() if part.strip()), "")
    return _shortened(_unmarked(line), limit)


def _unmarked(line: str) -> str:
    return " ".join(_MARKUP.sub("", line).split())


def _shortened(plain: str, limit: int) -> str:
    return plain if len(plain) <= limit else plain[: limit - 1] + "…"


def plain_text(markdown: str, limit: int = 600) -> str:
    """The whole text without markup, shortened, for a tooltip or a hover summary."""
    plain = " ".join(_MARKUP.sub("", markdown).split())
    return plain if len(plain) <= limit else plain[: limit - 1] + "…"


def typed_span(text: str) -> DateSpan:
    """A typed date as records state it: ``2016-03-14``, UK forms such as ``14/03/2016``,
    ``Mar 2016``, ``early 2016``, ``about 2015`` or ``before 2014``, or a period such as
    ``summer term 2016``, ``2015/16`` or ``2014 to 2015``.

    Raises DateError with a message fit to show beside the field.
    """
    typed = " ".join(text.split())
    try:
        return DateSpan(FuzzyDate.parse(typed))
    except DateError:
        return parse_record_span(typed)


def canonical_date(text: str, last: bool = False) -> str:
    """A typed date in DeepDive's stored form; a period typed gives its start, or its
    end with ``last`` ("summer term 2016" in the End field ends in July 2016).

    Raises DateError with a message fit to show beside the field.
    """
    span = typed_span(text)
    return str(span.end if last and span.end is not None else span.start)


def stored_end(date_text: str, end_text: str) -> str | None:
    """An event's end as stored: the End field's (a period typed there gives its end),
    else the end of a period typed as the date ("summer term 2016" ends in July 2016),
    else None. Raises DateError for an End that cannot be read."""
    if end_text.strip():
        return canonical_date(end_text, last=True)
    if not date_text.strip():
        return None
    try:
        period_end = typed_span(date_text).end
    except DateError:
        return None  # the date field says what is wrong with it
    return None if period_end is None else str(period_end)


def readable(text: str) -> bool:
    """Whether a typed date can be read."""
    try:
        typed_span(text)
    except DateError:
        return False
    return True


def shown_date(date_text: str) -> str:
    """A stored date as the editor shows it for typing ("14/03/2016", "Mar 2016")."""
    try:
        when = FuzzyDate.parse(date_text)
    except DateError:
        return date_text
    if when.day is not None and when.month is not None:
        core = f"{when.day:02d}/{when.month:02d}/{when.year}"
        return f"about {core}" if when.approximate else core
    return when.display()


def event_summary(row: EventRow, key_label: str) -> str:
    """What the timeline's tooltip says about an event: ``key_label`` (translated) for
    a key practice episode, its dates, domain and source, and the start of its text."""
    source = f" · {row.agency}" if row.agency else ""
    key = key_label + "\n" if row.key_episode else ""
    return (
        f"{key}{span_text(row.date_text, row.end_text)} · {row.category}{source}\n"
        f"{plain_text(row.description, 300)}"
    )
