"""Reading untrusted JSON objects field by field, with messages that say where and what.

Every value in a bundle passes through one of these readers before it can reach the
workspace; a missing field, a wrong type or an out-of-range value raises BundleError
naming the file, the item and the field.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from deepdive.bundles.errors import BundleError
from deepdive.services.text import clean_line, clean_text

BIG = (1 << 31) - 1
"""The largest whole number a bundle may give for a ref, a position or an order: the
largest a workspace's integer columns hold on PostgreSQL (SQLite would store more, so a
bundle made on one engine is refused alike on both, before anything is written)."""

_MISSING = object()
_SHORT = 200


# A bundle repeats its short values (categories, agencies, dates, time stamps) many
# thousands of times: each distinct one is cleaned or parsed once.
@lru_cache(maxsize=4096)
def _line(value: str) -> str:
    return clean_line(value)


@lru_cache(maxsize=4096)
def parse_moment(value: str) -> datetime | None:
    """The time in UTC; None without a time zone; ValueError if it is not ISO 8601."""
    parsed = datetime.fromisoformat(value)
    return parsed.astimezone(UTC) if parsed.tzinfo is not None else None


class Fields:
    """One JSON object from a bundle, read with checks; ``where`` names it in messages."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            raise BundleError(f"{where} is not a JSON object.")
        self._data: dict[str, Any] = data
        self.where = where

    def _get(self, key: str, default: object = _MISSING) -> Any:
        if key not in self._data:
            if default is _MISSING:
                raise BundleError(f"{self.where} has no '{key}'.")
            return default
        return self._data[key]

    def _wrong(self, key: str, expected: str) -> BundleError:
        return BundleError(f"{self.where}: '{key}' must be {expected}.")

    def line(self, key: str, max_length: int, *, required: bool = True) -> str:
        """A one-line text (cleaned like typed text), at most ``max_length`` long."""
        value = self._get(key, "" if not required else _MISSING)
        if not isinstance(value, str):
            raise self._wrong(key, "text")
        cleaned = _line(value) if len(value) <= _SHORT else clean_line(value)
        if required and not cleaned:
            raise self._wrong(key, "non-empty text")
        if len(cleaned) > max_length:
            raise self._wrong(key, f"at most {max_length} characters")
        return cleaned

    def text(self, key: str, max_length: int = 1_000_000) -> str:
        """Multi-line text (Markdown), cleaned like typed text."""
        value = self._get(key, "")
        if not isinstance(value, str):
            raise self._wrong(key, "text")
        if len(value) > max_length:
            raise self._wrong(key, f"at most {max_length} characters")
        return clean_text(value)

    def optional_line(self, key: str, max_length: int) -> str | None:
        """A one-line text or null."""
        if self._get(key, None) is None:
            return None
        return self.line(key, max_length)

    def integer(self, key: str, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high``."""
        value = self._get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self._wrong(key, f"a whole number from {low} to {high}")
        return value

    def optional_integer(self, key: str, low: int, high: int) -> int | None:
        """A whole number in range, or null."""
        if self._get(key, None) is None:
            return None
        return self.integer(key, low, high)

    def flag(self, key: str) -> bool:
        """true or false."""
        value = self._get(key, False)
        if not isinstance(value, bool):
            raise self._wrong(key, "true or false")
        return value

    def optional_flag(self, key: str) -> bool | None:
        """true, false or null."""
        if self._get(key, None) is None:
            return None
        return self.flag(key)

    def day(self, key: str) -> date | None:
        """A calendar date (YYYY-MM-DD) or null."""
        value = self._get(key, None)
        if value is None:
            return None
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError(value)
            return date.fromisoformat(value)
        except ValueError:
            raise self._wrong(key, "a date written YYYY-MM-DD") from None

    def moment(self, key: str) -> datetime:
        """A date and time with its time zone (ISO 8601), returned in UTC."""
        value = self._get(key)
        try:
            if not isinstance(value, str) or len(value) > 40:
                raise ValueError(value)
            parsed = parse_moment(value)
        except ValueError:
            raise self._wrong(key, "a date and time in ISO 8601 form") from None
        if parsed is None:
            raise self._wrong(key, "a date and time with its time zone")
        return parsed

    def items(self, key: str, max_count: int) -> list[Any]:
        """A JSON list of at most ``max_count`` items."""
        value = self._get(key, [])
        if not isinstance(value, list):
            raise self._wrong(key, "a list")
        if len(value) > max_count:
            raise self._wrong(key, f"a list of at most {max_count} items")
        return value

    def lines(self, key: str, max_length: int, max_count: int = 1000) -> tuple[str, ...]:
        """A list of one-line texts."""
        values = self.items(key, max_count)
        if not all(isinstance(v, str) for v in values):
            raise self._wrong(key, "a list of texts")
        cleaned = tuple(_line(v) if len(v) <= _SHORT else clean_line(v) for v in values)
        if any(not v or len(v) > max_length for v in cleaned):
            raise self._wrong(key, f"a list of texts of 1 to {max_length} characters")
        return cleaned

    def refs(self, key: str, max_count: int = 100_000) -> tuple[int, ...]:
        """A list of references (whole numbers) to other items in the bundle."""
        values = self.items(key, max_count)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            raise self._wrong(key, "a list of whole numbers")
        return tuple(values)

    def obj(self, key: str) -> Fields:
        """A nested JSON object."""
        return Fields(self._get(key), f"{self.where}, '{key}'")

    def raw(self, key: str, default: object = _MISSING) -> Any:
        """The value as parsed, for fields checked elsewhere."""
        return self._get(key, default)


def known(name: str | None, names: set[str], where: str, what: str) -> str | None:
    """``name`` (or None); BundleError unless its folded form is one of ``names``."""
    if name is not None and name.casefold() not in names:
        raise BundleError(f"{where} names the {what} '{name}', which the bundle does not list.")
    return name
