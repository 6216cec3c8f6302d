"""Keeping identities out at the door: fields that hold only pseudonyms or roles.

A case's code and pseudonym, the cast's pseudonyms, every role (cast, session
participants, facilitator, action owners), agency names, learning theme names and the
names of a team workspace's teams are
shown everywhere — window titles, the case list, every export — and are never checked
as prose is. So the services refuse, before storing one, any value that holds a real
identity, with a message that says what to type instead.

The services do not own the key vault. They are given an :class:`IdentifierGuard`
(:class:`deepdive.privacy.guard.VaultGuard` by default: validated patterns always,
registered identifiers while the app has set an unlocked vault's registry into it).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from deepdive.services.errors import ValidationError

if TYPE_CHECKING:
    from deepdive.privacy.findings import Finding


class IdentifierGuard(Protocol):
    """What the services ask before storing a pseudonym, role or name of a thing."""

    def identifiers_in(self, text: str, *, role: bool = False) -> Sequence[Finding]:
        """The identifiers ``text`` must not hold (``role``: a titled name counts too)."""
        ...


def patterns_guard() -> IdentifierGuard:
    """A guard of validated patterns only (no vault): what services get by default."""
    from deepdive.privacy.guard import VaultGuard

    return VaultGuard()


class GuardedField(StrEnum):
    """The kinds of field that hold only pseudonyms, roles or names of things."""

    CODE = "case code"
    PSEUDONYM = "pseudonym"
    ROLE = "role"
    AGENCY = "agency name"
    THEME = "theme name"
    MEASURE = "measure name"
    TEAM = "team name"


class IdentifierRefused(ValidationError):
    """A pseudonym-only or role-only field was given a real identity; nothing was saved."""

    def __init__(self, message: str, field: str, findings: Sequence[Finding]) -> None:
        super().__init__(message, field)
        self.findings = tuple(findings)


def refuse_identifiers(guard: IdentifierGuard, text: str, kind: GuardedField, field: str) -> None:
    """Raise :class:`IdentifierRefused` if ``text`` holds what ``kind`` must never hold."""
    found = guard.identifiers_in(text, role=kind is GuardedField.ROLE)
    if found:
        raise IdentifierRefused(refusal_message(found, kind), field, found)


def refusal_message(found: Sequence[Finding], kind: GuardedField) -> str:
    """What was found, why the field cannot hold it, and what to type instead."""
    first = found[0]
    quoted = f"'{' '.join(first.text.split())}'"
    more = len(found) - 1
    also = f" (and {more} more identifier{'' if more == 1 else 's'})" if more else ""
    return f"{quoted} {_what(first)}{also}; {_ARTICLE[kind]} cannot hold it. {_fix(first, kind)}"


def _what(finding: Finding) -> str:
    from deepdive.privacy.findings import FindingKind

    label = finding.kind.label
    if finding.registered:
        if finding.kind is FindingKind.NAME:
            return "is a real name registered in the key vault"
        return f"is registered in the key vault as {_a(label)}"
    if finding.kind is FindingKind.POSSIBLE_NAME:
        return "is a person's title and name"
    return f"looks like {_a(label)}"


_ARTICLE = {
    GuardedField.CODE: "a case code",
    GuardedField.PSEUDONYM: "a pseudonym",
    GuardedField.ROLE: "a role",
    GuardedField.AGENCY: "an agency name",
    GuardedField.THEME: "a theme name",
    GuardedField.MEASURE: "a measure's name",
    GuardedField.TEAM: "a team's name",
}


def _fix(finding: Finding, kind: GuardedField) -> str:
    pseudonym = finding.pseudonym
    if kind is GuardedField.PSEUDONYM:
        if pseudonym:
            return (
                f"Use the pseudonym the key vault gives this person, '{pseudonym}', or "
                "another made-up name or a role such as 'Young person A'."
            )
        return "Use a made-up name, or a role such as 'Young person A' or 'Mum'."
    if kind is GuardedField.ROLE:
        known = f" (this person's pseudonym is '{pseudonym}')" if pseudonym else ""
        return f"Use a role such as 'Parent', 'Social worker' or 'Teacher'{known}."
    if kind is GuardedField.AGENCY:
        return "Use the service's name, such as 'Children's Social Care' or 'Health/CAMHS'."
    if kind is GuardedField.THEME:
        return "Name what was learned, such as 'Missed education' or 'A trusted adult'."
    if kind is GuardedField.TEAM:
        return "Name the team by its place or work, such as 'North hub' or 'Edge of care team'."
    if kind is GuardedField.MEASURE:
        return "Name what is counted, such as 'Residential placements commissioned'."
    return "Use a code such as DD-2019-014."


def _a(label: str) -> str:
    # "an NHS number", "an email address"; but "a Unique Pupil Number".
    return f"{'an' if label[:1].lower() in 'aeio' or label.startswith('NHS') else 'a'} {label}"
