"""Registered identifiers: what the vault (or a names file) says must never be exported.

An :class:`IdentifierRegistry` turns people's real names, aliases, dates of birth,
addresses, NHS numbers and other identifiers into the forms the detector matches:

- text keys (folded, lower case, single spaces) for names, addresses and other
  wording. A full name also counts its parts ("Jayden Lee Marsh" → "Jayden", "Lee",
  "Marsh", "Jayden Marsh"), hyphenated names their halves;
- digit keys for numbers however they are spaced ("943 476 5919" = "9434765919");
- dates for dates of birth, in whatever form the text writes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TypeVar

from deepdive.errors import DeepDiveError
from deepdive.privacy.datefinder import parse_full_date, spellings
from deepdive.privacy.findings import FindingKind
from deepdive.privacy.folding import fold_key
from deepdive.privacy.organisations import (
    distinctive_words,
    looks_like_organisation,
    place_stem,
)
from deepdive.privacy.vault_model import VaultCase, VaultPerson
from deepdive.privacy.words import (
    COMMON_WORDS,
    CONTEXT_WORD_NAMES,
    HONORIFICS,
    PARTICLES,
    WORD_NAMES,
)

K = TypeVar("K")

# A number registered as an identifier is matched by its digits when it has this many.
MIN_DIGITS = 5
_NON_DIGIT = re.compile(r"\D")
_POSTCODE_IN_ADDRESS = re.compile(r"\b[A-Z]{1,2}[0-9][0-9A-Z]?\s*[0-9][A-Z]{2}\b")


def digit_key(text: str) -> str:
    """The digits of a number as it is looked up: a UK number written with +44 or 0044
    is keyed as the 0… number it also is."""
    digits = _NON_DIGIT.sub("", text)
    for international in ("00440", "0044", "440", "44"):
        if digits.startswith(international) and len(digits) - len(international) in (9, 10):
            return "0" + digits[len(international) :]
    return digits


class NamesFileError(DeepDiveError):
    """A ``--names`` file that cannot be read."""


@dataclass(frozen=True)
class Identifier:
    """One registered identifier and whose it is."""

    text: str
    kind: FindingKind
    pseudonym: str | None = None
    case_code: str | None = None


@dataclass(frozen=True)
class KeyInfo:
    """What a matched key stands for. ``word_name``: a one-word name that is also an
    everyday word ("Will"), matched only when written with a capital letter.
    ``needs_context``: such a word that, even with its capital, blocks only where the
    words around it make it a name ("Mr Young", "Will's", "Hope Marsh"); elsewhere it
    asks ("Young Person A" is not matched at all, see :mod:`deepdive.privacy.keywords`).
    ``place_stem``: a registered place's name without its type words ("Newfield"),
    matched only when written with a capital letter, and never in place of another
    identifier with the same key.
    """

    kind: FindingKind
    pseudonym: str | None
    case_code: str | None
    word_name: bool
    needs_context: bool = False
    place_stem: bool = False


class IdentifierRegistry:
    """Every registered identifier, in the forms the detector looks them up by."""

    def __init__(self, identifiers: Iterable[Identifier] = ()) -> None:
        self.identifiers: list[Identifier] = []
        self.text_keys: dict[str, KeyInfo] = {}
        self.digit_keys: dict[str, KeyInfo] = {}
        self.dates: dict[date, KeyInfo] = {}
        # The distinctive words of registered schools, surgeries and homes: another
        # mention of the place ("Newfield School") is registered too.
        self.organisation_words: dict[str, KeyInfo] = {}
        for identifier in identifiers:
            self.add(identifier)

    def __len__(self) -> int:
        return len(self.identifiers)

    # ------------------------------------------------------------------ build
    @classmethod
    def from_cases(cls, cases: Iterable[VaultCase]) -> IdentifierRegistry:
        """The identifiers of every person in these vault cases."""
        registry = cls()
        for case in cases:
            for person in case.people:
                registry.add_person(person, case.code)
        return registry

    def add_person(self, person: VaultPerson, case_code: str | None = None) -> None:
        """Register everything the vault records about ``person``."""

        def add(text: str, kind: FindingKind) -> None:
            self.add(Identifier(text, kind, person.pseudonym, case_code))

        for name in (*person.real_names, *person.aliases):
            add(name, FindingKind.NAME)
        for born in person.dates_of_birth:
            self.add_date_of_birth(born, person.pseudonym, case_code)
        for address in person.addresses:
            add(address, FindingKind.ADDRESS)
        for number in person.nhs_numbers:
            add(number, FindingKind.NHS_NUMBER)
        for other in person.other_identifiers:
            add(other, FindingKind.IDENTIFIER)

    def add_lines(self, lines: Iterable[str]) -> None:
        """Register one identifier per line (a ``--names`` file): blank lines and lines
        starting with ``#`` are skipped; dates count as dates of birth, numbers as
        numbers, anything else as a name."""
        for raw in lines:
            line = " ".join(raw.split())
            if not line or line.startswith("#"):
                continue
            born = parse_full_date(line)
            if born is not None:
                self.add_date_of_birth(born)
            elif len(_NON_DIGIT.sub("", line)) >= MIN_DIGITS or "@" in line:
                self.add(Identifier(line, FindingKind.IDENTIFIER))
            else:
                self.add(Identifier(line, FindingKind.NAME))

    def add_names_file(self, path: Path) -> None:
        """Register the identifiers in a names file, one per line (UTF-8)."""
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise NamesFileError(f"{path}: no such names file.") from None
        except UnicodeDecodeError:
            raise NamesFileError(
                f"{path}: the names file is not UTF-8 text; save it as plain UTF-8 text."
            ) from None
        except OSError as exc:
            raise NamesFileError(
                f"{path}: the names file cannot be read ({exc.strerror})."
            ) from None
        self.add_lines(text.splitlines())

    def add(self, identifier: Identifier) -> None:
        """Register one identifier in every form it can be found in."""
        self.identifiers.append(identifier)
        text = " ".join(identifier.text.split())
        if not text:
            return
        info = KeyInfo(identifier.kind, identifier.pseudonym, identifier.case_code, False)
        digits = digit_key(text)
        if len(digits) >= MIN_DIGITS:
            self._put(self.digit_keys, digits, info)
        if identifier.kind is FindingKind.NAME and looks_like_organisation(text):
            # A school or a surgery: looked for whole, not word by word, and replaced by
            # what it is ("the school") rather than the person's pseudonym.
            place = KeyInfo(FindingKind.IDENTIFIER, info.pseudonym, info.case_code, False)
            self._put(self.text_keys, fold_key(text), place)
            self._add_place_words(text, place)
        elif identifier.kind is FindingKind.NAME:
            for variant in name_variants(text):
                key = fold_key(variant)
                word_name = " " not in key and (key in WORD_NAMES or key in COMMON_WORDS)
                self._put(
                    self.text_keys,
                    key,
                    KeyInfo(
                        info.kind,
                        info.pseudonym,
                        info.case_code,
                        word_name,
                        key in CONTEXT_WORD_NAMES or key in COMMON_WORDS,
                    ),
                )
        elif identifier.kind is FindingKind.ADDRESS:
            for variant in address_variants(text):
                self._put(self.text_keys, fold_key(variant), info)
        elif identifier.kind is not FindingKind.NHS_NUMBER and len(fold_key(text)) >= 3:
            self._put(self.text_keys, fold_key(text), info)
            if looks_like_organisation(text):
                self._add_place_words(text, info)

    def _add_place_words(self, text: str, place: KeyInfo) -> None:
        """Another mention of a registered place: its distinctive words before a type
        word ("Newfield School"), and its name without the type words ("Newfield")."""
        for word in distinctive_words(fold_key(text)):
            self._put(self.organisation_words, word, place)
        stem = place_stem(text)
        if stem is not None:
            self._put(self.text_keys, fold_key(stem), replace(place, place_stem=True))

    def add_date_of_birth(
        self, born: date, pseudonym: str | None = None, case_code: str | None = None
    ) -> None:
        """Register a date of birth, in every way notes write a date."""
        info = KeyInfo(FindingKind.DATE_OF_BIRTH, pseudonym, case_code, False)
        self.identifiers.append(
            Identifier(born.isoformat(), FindingKind.DATE_OF_BIRTH, pseudonym, case_code)
        )
        self._put(self.dates, born, info)
        for spelling in spellings(born):
            self._put(self.text_keys, spelling, info)

    @staticmethod
    def _put(table: dict[K, KeyInfo], key: K, info: KeyInfo) -> None:
        existing = table.get(key)
        if existing is None:
            table[key] = info
        elif existing.place_stem != info.place_stem:
            # "Marsh" as a person's surname says more than as "Marsh Academy" without
            # its type word: the other identifier keeps the key.
            if existing.place_stem:
                table[key] = info
        elif existing.pseudonym != info.pseudonym or existing.case_code != info.case_code:
            # Two people share this identifier: it is still registered, but which
            # pseudonym replaces it is for the user to choose.
            table[key] = KeyInfo(
                existing.kind,
                None if existing.pseudonym != info.pseudonym else existing.pseudonym,
                None if existing.case_code != info.case_code else existing.case_code,
                existing.word_name and info.word_name,
                existing.needs_context and info.needs_context,
                existing.place_stem,
            )


def name_variants(name: str) -> list[str]:
    """A name and the parts notes use on their own: first names, surnames, halves of
    hyphenated names, and first + last name of a longer name."""
    variants = [name]
    words = [w for w in name.split() if w.strip(".").lower() not in HONORIFICS]
    parts = [w for w in words if _usable_part(w)]
    if len(words) > 1:
        variants.extend(parts)
    for part in parts:
        if "-" in part:
            variants.extend(half for half in part.split("-") if _usable_part(half))
    if len(parts) >= 3:
        variants.append(f"{parts[0]} {parts[-1]}")
    if len(words) != len(name.split()) and words:
        variants.append(" ".join(words))
    return list(dict.fromkeys(v for v in variants if v))


def _usable_part(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and word.lower() not in PARTICLES


def address_variants(address: str) -> list[str]:
    """An address, its lines ("14 Acacia Avenue", "Parson Cross", "S5 7AB") and the
    street without its house number; one-word lines (a town) are too broad alone."""
    variants = [address]
    for line in re.split(r"[,\n;]", address):
        line = " ".join(line.split())
        if len(line.split()) >= 2:
            variants.append(line)
            without_number = re.sub(
                r"^(?:flat|apartment|unit)?\s*\d+[a-zA-Z]?\s+", "", line, flags=re.I
            )
            if without_number != line and len(without_number.split()) >= 2:
                variants.append(without_number)
    variants.extend(m.group() for m in _POSTCODE_IN_ADDRESS.finditer(address.upper()))
    return list(dict.fromkeys(variants))
