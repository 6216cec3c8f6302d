"""Reading one field of every item of a long JSON list at once.

A chronology brings up to 100,000 events. Checked one field of one event at a time
(:class:`~deepdive.bundles.fields.Fields`), the checks cost more than writing the
events; :class:`Columns` makes each check once over a whole column instead, and
cleans or parses each distinct value once.

Columns never explains a failure: a value it is not sure of raises :class:`Unsure`,
and the caller then reads the items one by one with ``Fields``, whose message names
the item and the field. The rules are those of ``Fields``; a column check may be
stricter than them (the items are then simply read one by one), never looser.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from itertools import chain
from operator import itemgetter
from typing import Any, TypeVar

from deepdive.bundles.fields import parse_moment
from deepdive.text.clean import clean_line, clean_texts

_T = TypeVar("_T")


class Unsure(Exception):
    """A column holds a value that :class:`~deepdive.bundles.fields.Fields` must judge."""


def _only(values: list[Any], *types: type) -> None:
    if not set(map(type, values)) <= set(types):  # exact types: JSON makes no subclasses
        raise Unsure


def each_distinct(values: list[Any], convert: Callable[[Any], _T]) -> list[_T]:
    """``convert`` of each value, called once per distinct value."""
    done = {value: convert(value) for value in dict.fromkeys(values)}
    return list(map(done.__getitem__, values))


def _line(value: str, max_length: int) -> str:
    cleaned = clean_line(value)
    if not cleaned or len(cleaned) > max_length:
        raise Unsure
    return cleaned


class Columns:
    """The fields of a list of JSON objects, read and checked a column at a time."""

    def __init__(self, items: list[Any], keys: Sequence[str]) -> None:
        """Read ``keys`` from every item; each item must have all of them (even if
        null). Only these keys can be read."""
        _only(items, dict)
        get = itemgetter(*keys)
        try:
            rows = list(map(get, items)) if len(keys) > 1 else [(get(item),) for item in items]
        except KeyError:
            raise Unsure from None
        columns = zip(*rows, strict=True) if items else ([] for _ in keys)
        self._columns = dict(zip(keys, map(list, columns), strict=True))

    def _column(self, key: str) -> list[Any]:
        return self._columns[key]

    def integers(self, key: str, low: int, high: int) -> list[int]:
        """Whole numbers from ``low`` to ``high``."""
        values = self._column(key)
        _only(values, int)
        if values and not low <= min(values) <= max(values) <= high:
            raise Unsure
        return values

    def flags(self, key: str) -> list[bool]:
        """true or false."""
        values = self._column(key)
        _only(values, bool)
        return values

    def lines(self, key: str, max_length: int) -> list[str]:
        """One-line texts, cleaned, non-empty and at most ``max_length`` long."""
        values = self._column(key)
        _only(values, str)
        return each_distinct(values, lambda value: _line(value, max_length))

    def optional_lines(self, key: str, max_length: int) -> list[str | None]:
        """One-line texts as :meth:`lines`, or null."""
        values = self._column(key)
        _only(values, str, type(None))
        return each_distinct(values, lambda v: None if v is None else _line(v, max_length))

    def texts(self, key: str, max_length: int = 1_000_000) -> list[str]:
        """Multi-line texts (Markdown), cleaned."""
        values = self._column(key)
        _only(values, str)
        if values and max(map(len, values)) > max_length:
            raise Unsure
        return clean_texts(values)

    def moments(self, key: str) -> list[datetime]:
        """Dates and times with their time zone (ISO 8601), in UTC."""
        values = self._column(key)
        _only(values, str)

        def checked(value: str) -> datetime:
            try:
                parsed = parse_moment(value) if len(value) <= 40 else None
            except ValueError:
                raise Unsure from None
            if parsed is None:
                raise Unsure
            return parsed

        return each_distinct(values, checked)

    def line_lists(self, key: str, max_length: int, max_count: int = 1000) -> list[tuple[str, ...]]:
        """Lists of one-line texts, each cleaned, non-empty and at most ``max_length``."""
        lists = self._lists(key, max_count)
        flat = list(chain.from_iterable(lists))
        _only(flat, str)
        cleaned = {value: _line(value, max_length) for value in dict.fromkeys(flat)}
        if all(value == line for value, line in cleaned.items()):  # the usual case
            return list(map(tuple, lists))
        return [tuple(map(cleaned.__getitem__, values)) for values in lists]

    def ref_lists(self, key: str, max_count: int = 100_000) -> list[tuple[int, ...]]:
        """Lists of references (whole numbers) to other items, each listed once."""
        lists = self._lists(key, max_count)
        _only(list(chain.from_iterable(lists)), int)
        return list(map(tuple, map(dict.fromkeys, lists)))

    def _lists(self, key: str, max_count: int) -> list[list[Any]]:
        lists = self._column(key)
        _only(lists, list)
        if lists and max(map(len, lists)) > max_count:
            raise Unsure
        return lists
