"""False alarms count as failures: ordinary practice writing must come back clean."""

from __future__ import annotations

from pathlib import Path

from deepdive.privacy.detector import Detector
from deepdive.privacy.registry import IdentifierRegistry
from deepdive.privacy.vault_model import VaultCase, VaultPerson

PAGE = Path(__file__).with_name("clean_page.md")


def test_a_realistic_page_of_practice_writing_has_no_findings() -> None:
    # The page names agencies, services, roles, months and the case's pseudonyms, and
    # has dates, percentages and ages, but no person's real identity.
    registry = IdentifierRegistry.from_cases(
        [VaultCase("DD-1", 100, (VaultPerson("Jay", real_names=("Jayden Marsh",)),))]
    )
    detector = Detector(registry, safe_words=["Jay", "Mum", "Nan"])
    text = PAGE.read_text(encoding="utf-8")
    assert len(text) > 2000
    assert detector.detect(text) == []


def test_the_same_page_with_identifiers_added_finds_exactly_those() -> None:
    detector = Detector(safe_words=["Jay", "Mum", "Nan"])
    text = PAGE.read_text(encoding="utf-8").replace(
        "The hub allocated a key worker", "The hub allocated Kayleigh Pemberton (07911 123456)"
    )
    assert [(f.kind.value, f.text) for f in detector.detect(text)] == [
        ("possible_name", "Kayleigh Pemberton"),
        ("phone", "07911 123456"),
    ]
