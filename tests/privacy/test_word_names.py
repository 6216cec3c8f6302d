"""Registered names that are also everyday words ("Young", "Will", "Hope", "Price"):
they block where the words around them make them a name, are dropped where they are
plainly the word, and otherwise ask; among a thousand realistic registered names."""

from __future__ import annotations

import pytest

from deepdive.privacy.detector import Detector
from deepdive.privacy.registry import IdentifierRegistry
from deepdive.privacy.vault_model import VaultCase, VaultPerson

FIRST = str.split("Oliver Kerry Lisa Dean Tyler Amelia Hope Grace Will Mark Bill Rose May Jayden")
LAST = str.split(
    "Smith Jones Young Price Brown Green White Black King Hunter Rose Hope Marsh Taylor "
    "Patel Khan Walker Wood Hall Lee"
)


@pytest.fixture(scope="module")
def detector() -> Detector:
    names = ["Amelia Rose Hunter"] + [f"{first} {last}" for first in FIRST for last in LAST]
    names += [
        f"{first} {middle} {last}"
        for first in FIRST
        for middle in FIRST
        for last in LAST[:8]
        if first != middle
    ]
    people = [VaultPerson(f"P{i}", real_names=(name,)) for i, name in enumerate(names[:1000])]
    assert len(people) == 1000
    registry = IdentifierRegistry.from_cases([VaultCase("DD-1", 30, tuple(people))])
    return Detector(registry, safe_words=["Jay", "Mum", "SW1"])


def blocking(detector: Detector, text: str) -> list[str]:
    return [f.text for f in detector.detect(text) if f.blocking]


def registered(detector: Detector, text: str) -> list[tuple[str, bool]]:
    return [(f.text, f.blocking) for f in detector.detect(text) if f.registered]


@pytest.mark.parametrize(
    "text",
    [
        "Young Person A was seen at home by SW1.",
        "SW1 met Young Person A at school.",
        "The young person said she will try college again.",
        "YOUNG PERSON B",
        "Young people in the group wanted adults who turn up.",
        "We will review the plan in six weeks.",
        "There is hope that the placement will hold.",
        "Will the plan work? May we ask the young person first?",
        "The price of the bus pass was a barrier.",
        "She wore a white hoodie and black trainers.",
        "Her ethnicity is recorded as White British; his as Black Caribbean.",
        "The hub bought lunch at Burger King.",
        "Mum paid the gas bill and would mark the date.",
        "The carers grew roses; grace and patience helped.",
    ],
)
def test_everyday_words_are_not_taken_for_registered_names(detector: Detector, text: str) -> None:
    assert registered(detector, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hope was the word she used most.",
        "May was a difficult month.",
        "We asked Will to come.",
        "The letter was from Grace at the clinic.",
        "SW1 spoke to Hunter on Friday.",
    ],
)
def test_a_lone_word_name_asks_rather_than_blocks(detector: Detector, text: str) -> None:
    found = registered(detector, text)
    assert len(found) == 1 and found[0][1] is False, found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mrs Young rang the duty line.", "Young"),
        ("Dr. Price wrote to the GP.", "Price"),
        ("Will's mum rang.", "Will"),
        ("We saw Hope's new room.", "Hope"),
        ("Kerry Young came to the review.", "Kerry Young"),
        ("The letter was from Grace Marsh.", "Grace Marsh"),
        ("Hope\nSmith rang.", "Hope\nSmith"),
        ("Young Person A's mum is Lisa Price.", "Lisa Price"),
        ("Amelia Rose Hunter was seen.", "Amelia Rose Hunter"),
    ],
)
def test_a_word_name_in_name_like_context_blocks(detector: Detector, text: str, name: str) -> None:
    assert blocking(detector, text) == [name]


def test_surnames_that_are_words_still_block_mid_sentence(detector: Detector) -> None:
    # A capital in mid-sentence makes "Marsh" or "Wood" the person: these are not words
    # that are often capitalised for another reason.
    assert blocking(detector, "SW1 spoke to Marsh and to Wood about the move.") == [
        "Marsh",
        "Wood",
    ]


def test_a_registered_full_name_still_counts_its_parts(detector: Detector) -> None:
    assert blocking(detector, "Jayden was upset; Patel rang; Oliver Smith came.") == [
        "Jayden",
        "Patel",
        "Oliver Smith",
    ]
