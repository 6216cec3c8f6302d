"""The agency names another service's file uses, matched to the workspace's own.

An import takes a cell's agency as the workspace's agency of the same name (any
case, any punctuation) or as one of the few plain aliases every chronology uses
("CSC", "CAMHS", "YOT"). Anything else is a name the workspace does not know yet:
the import adds it, unless the user maps it to one of theirs (``--map-agency``, or
the import dialog's mapping step, which offers :meth:`AgencyNames.suggest`'s close
match: initials such as "NWD" for "No Wrong Door hub", the usual abbreviations,
names that contain or are contained in one of the workspace's, and near spellings).

Aliases and abbreviations name a *kind* of agency (social care, police, …), so they
still find the workspace's agency of that kind after it has been renamed.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Mapping, Sequence

from deepdive.domain.vocabulary import DEFAULT_AGENCIES

_DEFAULT_NAME = {kind: name for name, kind in DEFAULT_AGENCIES}


def name_key(text: str) -> str:
    """A name folded for matching: case, apostrophes and punctuation ignored."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold().replace("'", "")).split())


def _kinds(text: str) -> dict[str, str]:
    """'kind: alias, alias; kind: …' as {alias: kind}."""
    table: dict[str, str] = {}
    for part in text.split(";"):
        kind, aliases = part.split(":")
        for alias in aliases.split(","):
            table[name_key(alias)] = kind.strip()
    return table


# Whole cells every chronology writes for the usual agencies: taken without asking.
ALIASES = _kinds(
    "social care: csc, social care, childrens social care, childrens services, social services;"
    "police: police;"
    "health: health, camhs, nhs, health camhs;"
    "education: school, education;"
    "youth justice: yjs, yot, youth offending, youth offending team, youth justice service;"
    "housing: housing;"
    "voluntary: voluntary;"
    "hub: nwd, hub, no wrong door"
)

# Words in a longer name that suggest (never decide) the kind of agency.
_SUGGESTING = _kinds(
    "social care: csc, cscs, social, mash, edt, lac, cla, cic, fostering, safeguarding, "
    "ssd, childrens services, leaving care, early help;"
    "police: police, constabulary, pcso;"
    "health: camhs, nhs, health, hospital, gp, ae, cahms, nurse, cmht, clinic, paediatric, "
    "paediatrics, midwife, midwifery, hv, ccg, icb, school nurse, health visitor;"
    "education: school, academy, college, education, ewo, ews, senco, pru, attendance, "
    "virtual school;"
    "youth justice: yjs, yot, yos, yjt, justice, offending, probation;"
    "housing: housing, homeless, homelessness, tenancy, council housing;"
    "voluntary: voluntary, charity, vcs, vcse, third, barnardos, nspcc, childrens society;"
    "hub: nwd, hub, edge, aspire, wrong door"
)

# Trailing words a name's initials may leave out ("NWD" for "No Wrong Door hub").
_GENERIC = {"hub", "team", "service", "services", "unit", "department"}


def _initials(key: str) -> set[str]:
    words = key.split()
    found = set()
    if len(words) >= 2:
        found.add("".join(w[0] for w in words))
    while len(words) > 2 and words[-1] in _GENERIC:
        words = words[:-1]
        found.add("".join(w[0] for w in words))
    return found


class AgencyNames:
    """The workspace's agencies, found as other services' files write them."""

    def __init__(self, names: Sequence[str], kinds: Mapping[str, str] | None = None) -> None:
        self.names = tuple(names)
        self._by_key = {name_key(n): n for n in self.names}
        kinds = kinds if kinds is not None else {}
        self._by_kind: dict[str, str] = {}
        for name in self.names:
            kind = kinds.get(name)
            if kind is not None:
                self._by_kind.setdefault(kind, name)
        for kind, name in _DEFAULT_NAME.items():  # a workspace that never said its kinds
            if name_key(name) in self._by_key:
                self._by_kind.setdefault(kind, self._by_key[name_key(name)])

    def find(self, text: str) -> str | None:
        """The agency ``text`` names without doubt: the same name or a plain alias."""
        key = name_key(text)
        if key in self._by_key:
            return self._by_key[key]
        kind = ALIASES.get(key)
        return self._by_kind.get(kind) if kind else None

    def suggest(self, text: str) -> str | None:
        """The workspace's agency ``text`` most likely means, or None (see the module)."""
        found = self.find(text)
        if found is not None:
            return found
        key = name_key(text)
        if not key:
            return None
        words = key.split()
        compact = "".join(words) if all(len(w) == 1 for w in words) else None
        for name in self.names:  # initials: "NWD Hub", "N.W.D.", "CSC North"
            initials = _initials(name_key(name))
            if compact in initials or any(w in initials for w in words if len(w) >= 2):
                return name
        pairs = [" ".join(pair) for pair in itertools.pairwise(words)]
        for part in [*pairs, *words, *([compact] if compact else [])]:
            kind = _SUGGESTING.get(part)
            if kind in self._by_kind:
                return self._by_kind[kind]
        mine = set(words)
        for name in self.names:  # "North Yorkshire Police" holds "Police"
            theirs = set(name_key(name).split())
            if theirs and (theirs <= mine or (mine <= theirs and len(key) >= 4)):
                return name
        close = difflib.get_close_matches(key, list(self._by_key), n=1, cutoff=0.75)
        return self._by_key[close[0]] if close else None
