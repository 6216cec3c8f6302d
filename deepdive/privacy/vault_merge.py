"""Merging two changes to the key vault made at the same time, so that neither is lost.

The app may hold the vault unlocked for hours while ``deepdive vault add`` (or another
DeepDive window) changes the file. When one of them saves, it compares three versions:
``base`` (the file as it last read or wrote it), ``mine`` (what it holds now) and
``theirs`` (the file as it is now), entry by entry:

- a case's or a person's entry changed on one side only: that side's version;
- the same person's entry changed on both sides: each identifier added on either side
  is kept and each one removed on either side goes (real names, aliases, dates of
  birth, addresses, NHS numbers and other identifiers are sets; nothing typed is lost);
- the same case added on both sides: the people of both, and the date shift the file
  already has (it was saved first and may have been used by an export);
- an entry removed on one side and changed on the other, or a case's date shift
  changed on both: a :class:`VaultConflict`. Until someone decides, the file keeps the
  other version of it; nothing else waits for the decision.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TypeVar

from deepdive.privacy.vault_model import VaultCase, VaultPerson

Cases = Mapping[str, VaultCase]
T = TypeVar("T")


@dataclass(frozen=True)
class VaultConflict:
    """One entry changed both here and in the file in ways that cannot both hold."""

    code: str
    pseudonym: str | None  # None: the whole case's entry
    here: str  # "changed" or "removed"
    there: str

    @property
    def key(self) -> tuple[str, str | None]:
        """Which entry (the same conflict found again has the same key)."""
        return self.code, self.pseudonym.casefold() if self.pseudonym else None

    def describe(self) -> str:
        """'DEMO-001 › Jay: removed elsewhere, changed here'."""
        what = f"{self.code} › {self.pseudonym}" if self.pseudonym else self.code
        return f"{what}: {self.there} elsewhere, {self.here} here"


@dataclass(frozen=True)
class Merged:
    """The merge: ``cases`` holds the file's version of every conflicting entry."""

    cases: dict[str, VaultCase]
    conflicts: list[VaultConflict]

    def keeping(self, mine: Cases, decisions: Mapping[tuple[str, str | None], bool]) -> Merged:
        """The merge with ``mine``'s version of each conflict decided True."""
        cases = dict(self.cases)
        for conflict in self.conflicts:
            if not decisions.get(conflict.key, False):
                continue
            my_case = mine.get(conflict.code)
            if conflict.pseudonym is None:
                if my_case is None:
                    cases.pop(conflict.code, None)
                else:
                    cases[conflict.code] = my_case
                continue
            merged_case = cases.get(conflict.code)
            if merged_case is None:  # pragma: no cover - person conflicts need both cases
                continue
            person = my_case.person(conflict.pseudonym) if my_case is not None else None
            cases[conflict.code] = (
                merged_case.with_person(person)
                if person is not None
                else merged_case.without_person(conflict.pseudonym)
            )
        return Merged(cases, [c for c in self.conflicts if not decisions.get(c.key, False)])


def merge_contents(base: Cases, mine: Cases, theirs: Cases) -> Merged:
    """Merge ``mine`` and ``theirs``, both changed from ``base`` (see the module)."""
    cases: dict[str, VaultCase] = {}
    conflicts: list[VaultConflict] = []
    for code in dict.fromkeys([*theirs, *mine]):
        merged = _merge_case(code, base.get(code), mine.get(code), theirs.get(code), conflicts)
        if merged is not None:
            cases[code] = merged
    return Merged(cases, conflicts)


def _merge_case(
    code: str,
    base: VaultCase | None,
    mine: VaultCase | None,
    theirs: VaultCase | None,
    conflicts: list[VaultConflict],
) -> VaultCase | None:
    if mine in (base, theirs):
        return theirs
    if theirs == base:
        return mine
    if mine is None or theirs is None:
        conflicts.append(VaultConflict(code, None, _how(mine), _how(theirs)))
        return theirs
    # Added on both sides: the file's shift was saved first and may have been used.
    if base is None or mine.date_shift_days == base.date_shift_days:
        shift = theirs.date_shift_days
    elif theirs.date_shift_days == base.date_shift_days:
        shift = mine.date_shift_days
    else:
        conflicts.append(VaultConflict(code, None, "changed", "changed"))
        return theirs
    people = _merge_people(code, base, mine, theirs, conflicts)
    return replace(theirs, date_shift_days=shift, people=people)


def _merge_people(
    code: str,
    base: VaultCase | None,
    mine: VaultCase,
    theirs: VaultCase,
    conflicts: list[VaultConflict],
) -> tuple[VaultPerson, ...]:
    def by_key(case: VaultCase | None) -> dict[str, VaultPerson]:
        return {p.pseudonym.casefold(): p for p in case.people} if case is not None else {}

    was, now, other = by_key(base), by_key(mine), by_key(theirs)
    people: list[VaultPerson] = []
    for key in dict.fromkeys([*other, *now]):
        b, m, t = was.get(key), now.get(key), other.get(key)
        if m in (b, t):
            kept = t
        elif t == b:
            kept = m
        elif m is None or t is None:
            who = m if m is not None else t
            assert who is not None  # one side changed the person, the other removed them
            conflicts.append(VaultConflict(code, who.pseudonym, _how(m), _how(t)))
            kept = t
        else:
            kept = _merge_person(b, m, t)
        if kept is not None:
            people.append(kept)
    return tuple(people)


def _merge_person(base: VaultPerson | None, mine: VaultPerson, theirs: VaultPerson) -> VaultPerson:
    """Both changed one person: every identifier either added, none that either removed."""
    was = base or VaultPerson(theirs.pseudonym)
    return replace(
        theirs,
        real_names=_merge_set(was.real_names, mine.real_names, theirs.real_names),
        aliases=_merge_set(was.aliases, mine.aliases, theirs.aliases),
        dates_of_birth=_merge_set(was.dates_of_birth, mine.dates_of_birth, theirs.dates_of_birth),
        addresses=_merge_set(was.addresses, mine.addresses, theirs.addresses),
        nhs_numbers=_merge_set(was.nhs_numbers, mine.nhs_numbers, theirs.nhs_numbers),
        other_identifiers=_merge_set(
            was.other_identifiers, mine.other_identifiers, theirs.other_identifiers
        ),
    )


def _merge_set(base: tuple[T, ...], mine: tuple[T, ...], theirs: tuple[T, ...]) -> tuple[T, ...]:
    removed_here = set(base) - set(mine)
    added_here = [value for value in mine if value not in base]
    kept = [value for value in theirs if value not in removed_here]
    return tuple(dict.fromkeys([*kept, *added_here]))


def _how(entry: object | None) -> str:
    return "removed" if entry is None else "changed"
