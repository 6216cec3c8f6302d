"""The workspace's own words, which the spelling check never marks.

Pseudonyms ("Jay", "Nan"), agency names ("No Wrong Door hub"), learning theme names
("Adultification"), case codes and tags are the workspace's vocabulary, not
misspellings: the workspace view hands them to the spell checker as cases open and
change.
"""

from __future__ import annotations

from collections.abc import Iterable

from deepdive.services.results import CaseDetail, CaseSummary
from deepdive.ui.spelling.checker import SpellChecker


def know_workspace(
    checker: SpellChecker,
    cases: Iterable[CaseSummary],
    agencies: Iterable[str],
    themes: Iterable[str] = (),
) -> None:
    """Every case's pseudonym and code, the agency list and the learning themes."""
    words = [*agencies, *themes]
    for case in cases:
        words += [case.pseudonym, case.code]
    checker.set_known("workspace", words)


def know_case(checker: SpellChecker, case: CaseDetail | None) -> None:
    """The case being shown: its cast's pseudonyms and its tags."""
    words: list[str] = []
    if case is not None:
        words = [case.pseudonym, *case.tags, *(p.pseudonym for p in case.people)]
    checker.set_known("case", words)
