"""What the key vault holds: per case, its people's real identities and the date shift.

Plain, immutable values. :mod:`deepdive.privacy.vault` encrypts them to a file;
:mod:`deepdive.privacy.registry` turns them into identifiers the detector looks for.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from deepdive.privacy.errors import VaultError

# A new case's secret shift is drawn from these many days either way, never less than
# the minimum, so shifted dates are always visibly moved.
MIN_SHIFT_DAYS = 60
MAX_SHIFT_DAYS = 400


def new_date_shift() -> int:
    """A random number of days, positive or negative, for a case's shifted dates."""
    size = MIN_SHIFT_DAYS + secrets.randbelow(MAX_SHIFT_DAYS - MIN_SHIFT_DAYS + 1)
    return size if secrets.randbelow(2) else -size


@dataclass(frozen=True)
class VaultPerson:
    """One person's real identity, kept under the pseudonym the workspace uses."""

    pseudonym: str
    real_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    dates_of_birth: tuple[date, ...] = ()
    addresses: tuple[str, ...] = ()
    nhs_numbers: tuple[str, ...] = ()
    other_identifiers: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        """Whether nothing but the pseudonym is recorded."""
        return not (
            self.real_names
            or self.aliases
            or self.dates_of_birth
            or self.addresses
            or self.nhs_numbers
            or self.other_identifiers
        )

    def to_json(self) -> dict[str, Any]:
        """The JSON form stored inside the encrypted file."""
        return {
            "pseudonym": self.pseudonym,
            "real_names": list(self.real_names),
            "aliases": list(self.aliases),
            "dates_of_birth": [d.isoformat() for d in self.dates_of_birth],
            "addresses": list(self.addresses),
            "nhs_numbers": list(self.nhs_numbers),
            "other_identifiers": list(self.other_identifiers),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> VaultPerson:
        """Read the JSON form back."""
        return cls(
            pseudonym=str(data["pseudonym"]),
            real_names=_strings(data.get("real_names")),
            aliases=_strings(data.get("aliases")),
            dates_of_birth=tuple(
                date.fromisoformat(d) for d in _strings(data.get("dates_of_birth"))
            ),
            addresses=_strings(data.get("addresses")),
            nhs_numbers=_strings(data.get("nhs_numbers")),
            other_identifiers=_strings(data.get("other_identifiers")),
        )


@dataclass(frozen=True)
class VaultCase:
    """A case's entries: its people and its secret date shift in days."""

    code: str
    date_shift_days: int = field(default_factory=new_date_shift)
    people: tuple[VaultPerson, ...] = ()

    def person(self, pseudonym: str) -> VaultPerson | None:
        """The entry for this pseudonym (compared without regard to case), if any."""
        wanted = pseudonym.strip().casefold()
        for person in self.people:
            if person.pseudonym.casefold() == wanted:
                return person
        return None

    def with_person(self, person: VaultPerson) -> VaultCase:
        """This case with ``person`` added, or replacing the entry with its pseudonym."""
        kept = [p for p in self.people if p.pseudonym.casefold() != person.pseudonym.casefold()]
        position = next(
            (
                i
                for i, p in enumerate(self.people)
                if p.pseudonym.casefold() == person.pseudonym.casefold()
            ),
            len(kept),
        )
        kept.insert(position, person)
        return replace(self, people=tuple(kept))

    def without_person(self, pseudonym: str) -> VaultCase:
        """This case without the entry for ``pseudonym``."""
        wanted = pseudonym.casefold()
        return replace(
            self, people=tuple(p for p in self.people if p.pseudonym.casefold() != wanted)
        )

    def to_json(self) -> dict[str, Any]:
        """The JSON form stored inside the encrypted file."""
        return {
            "code": self.code,
            "date_shift_days": self.date_shift_days,
            "people": [p.to_json() for p in self.people],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> VaultCase:
        """Read the JSON form back."""
        return cls(
            code=str(data["code"]),
            date_shift_days=int(data["date_shift_days"]),
            people=tuple(VaultPerson.from_json(p) for p in data.get("people", [])),
        )


def contents_from_json(data: Any) -> dict[str, VaultCase]:
    """The cases of a decrypted vault, by code; VaultError if the shape is wrong."""
    try:
        cases = [VaultCase.from_json(c) for c in data["cases"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise VaultError(
            "The key vault opened but its contents are not in the form DeepDive expects "
            f"({type(exc).__name__}); it may come from a newer version of DeepDive."
        ) from exc
    return {case.code: case for case in cases}


def contents_to_json(cases: dict[str, VaultCase]) -> dict[str, Any]:
    """The JSON document that is encrypted into the vault file."""
    return {"format": "deepdive-vault/1", "cases": [c.to_json() for c in cases.values()]}


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(str(v) for v in value)
