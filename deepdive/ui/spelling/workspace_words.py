"""The workspace's own words, which the spelling check never marks.

Pseudonyms ("Jay", "Nan"), agency names ("No Wrong Door hub"), case codes and tags are
the workspace's vocabulary, not misspellings: the workspace view hands them to the
spell checker as cases open and change.
"""

from __future__ import annotations

from collections.abc import Iterable

from deepdive.services.results import CaseDetail, CaseSummary
from deepdive.ui.spelling.checker import spell_checker


def know_workspace(cases: Iterable[CaseSummary], agencies: Iterable[str]) -> None:
    """Every case's pseudonym and code, and the agency list."""
    words = [*agencies]
    for case in cases:
        words += [case.pseudonym, case.code]
    spell_checker().set_known("workspace", words)


def know_case(case: CaseDetail | None) -> None:
    """The case being shown: its cast's pseudonyms and its tags."""
    words: list[str] = []
    if case is not None:
        words = [case.pseudonym, *case.tags, *(p.pseudonym for p in case.people)]
    spell_checker().set_known("case", words)
