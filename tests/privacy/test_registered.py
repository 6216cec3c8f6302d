"""Registered identifiers (from the vault or a names file) in every form notes use."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from deepdive.privacy.detector import Detector
from deepdive.privacy.findings import FindingKind, pseudonymise
from deepdive.privacy.registry import IdentifierRegistry, NamesFileError
from deepdive.privacy.vault_model import VaultCase, VaultPerson

JAY = VaultPerson(
    "Jay",
    real_names=("Jayden Lee Marsh",),
    aliases=("JJ", "Zoë Smith-Jones"),
    dates_of_birth=(date(2005, 3, 12),),
    addresses=("14 Acacia Avenue, Parson Cross, Sheffield S5 7AB",),
    nhs_numbers=("943 476 5919",),
    other_identifiers=("07700 900123", "jay.m.2005"),
)
MUM = VaultPerson("Mum", real_names=("Kerry O'Neill",), aliases=("Will",))


@pytest.fixture(scope="module")
def detector() -> Detector:
    registry = IdentifierRegistry.from_cases([VaultCase("DD-2019-014", 90, (JAY, MUM))])
    return Detector(registry, safe_words=["Jay", "Mum"])


def found(detector: Detector, text: str) -> list[tuple[FindingKind, str, str | None]]:
    return [(f.kind, f.text, f.pseudonym) for f in detector.detect(text) if f.registered]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jayden Lee Marsh attended.", "Jayden Lee Marsh"),
        ("We saw Jayden today.", "Jayden"),
        ("Marsh was late again.", "Marsh"),
        ("Spoke to Lee about it.", "Lee"),
        ("Jayden Marsh was seen.", "Jayden Marsh"),  # first + last of a longer name
        ("jayden was upset", "jayden"),  # case does not matter
        ("JAYDEN MARSH", "JAYDEN MARSH"),
        ("Jayden's room was tidy.", "Jayden"),  # possessive
        ("Jayden’s room was tidy.", "Jayden"),  # typographic apostrophe
        ("Marsh' house", "Marsh"),
        ("Zoe Smith-Jones rang.", "Zoe Smith-Jones"),  # accent-insensitive (Zoë)
        ("ZOË SMITH-JONES rang.", "ZOË SMITH-JONES"),
        ("Smith-Jones rang.", "Smith-Jones"),
        ("Ms Jones rang.", "Jones"),  # half of a hyphenated surname
        ("Kerry O'Neill came.", "Kerry O'Neill"),  # apostrophe name
        ("Kerry O’Neill came.", "Kerry O’Neill"),
        ("Call JJ back.", "JJ"),  # nickname
    ],
)
def test_registered_names_are_found_in_every_form(detector: Detector, text: str, name: str) -> None:
    hits = found(detector, text)
    assert [h[1] for h in hits] == [name]
    assert hits[0][0] is FindingKind.NAME


def test_the_replacement_is_the_persons_pseudonym(detector: Detector) -> None:
    assert found(detector, "Kerry O'Neill and Jayden") == [
        (FindingKind.NAME, "Kerry O'Neill", "Mum"),
        (FindingKind.NAME, "Jayden", "Jay"),
    ]
    text = "Jayden's mum Kerry O'Neill rang from 07700 900123."
    assert pseudonymise(text, detector.detect(text)) == "Jay's mum Mum rang from [identifier]."


def test_a_name_split_across_a_line_break_is_one_finding(detector: Detector) -> None:
    text = "The plan for Jayden\nMarsh was agreed."
    assert found(detector, text) == [(FindingKind.NAME, "Jayden\nMarsh", "Jay")]
    hyphenated = "The plan for Jay-\nden was agreed."
    assert found(detector, hyphenated) == [(FindingKind.NAME, "Jay-\nden", "Jay")]


@pytest.mark.parametrize(
    "text",
    [
        "The marshmallow was shared.",  # inside a longer word
        "Jaydene is someone else.",
        "Leeds is a city.",
        "We will meet on Monday.",  # "Will" is an everyday word in lower case
        "Will the plan work?",  # the verb, at the start of a question
        "The jjx kit.",
    ],
)
def test_registered_names_are_whole_words_only(detector: Detector, text: str) -> None:
    assert found(detector, text) == []


def test_an_everyday_word_name_alone_asks_and_blocks_where_it_reads_as_the_person(
    detector: Detector,
) -> None:
    (alone,) = detector.detect("We asked Will to come.")
    # "Will" on its own may be the word: shown with its pseudonym, but it asks.
    assert (alone.text, alone.pseudonym, alone.registered, alone.blocking) == (
        "Will",
        "Mum",
        True,
        False,
    )
    (start,) = detector.detect("Will was late.")
    assert start.registered and not start.blocking
    for text in ("We saw Will's mum.", "Call Mr Will back.", "Will Marsh came."):
        found = [f for f in detector.detect(text) if f.registered]
        assert found and found[0].text == "Will" and all(f.blocking for f in found), text


def test_registered_dates_addresses_and_numbers_are_found_in_any_layout(
    detector: Detector,
) -> None:
    text = (
        "Born 12/03/2005, or 12 March 2005, or 2005-03-12, or March 12th, 2005.\n"
        "Lives at 14 Acacia Avenue, S5 7AB, Parson Cross.\n"
        "NHS 9434765919; mobile +44 7700 900123; username jay.m.2005."
    )
    kinds = [(f.kind, f.text) for f in detector.detect(text) if f.registered]
    assert kinds == [
        (FindingKind.DATE_OF_BIRTH, "12/03/2005"),
        (FindingKind.DATE_OF_BIRTH, "12 March 2005"),
        (FindingKind.DATE_OF_BIRTH, "2005-03-12"),
        (FindingKind.DATE_OF_BIRTH, "March 12th, 2005"),
        (FindingKind.ADDRESS, "14 Acacia Avenue"),
        (FindingKind.ADDRESS, "S5 7AB"),
        (FindingKind.ADDRESS, "Parson Cross"),
        (FindingKind.NHS_NUMBER, "9434765919"),
        (FindingKind.IDENTIFIER, "+44 7700 900123"),
        (FindingKind.IDENTIFIER, "jay.m.2005"),
    ]
    assert all(f.blocking for f in detector.detect(text))


def test_a_pattern_containing_a_registered_name_is_registered(detector: Detector) -> None:
    (finding,) = detector.detect("Her email is jayden.marsh@example.com.")
    assert finding.kind is FindingKind.EMAIL and finding.registered


def test_a_thousand_registered_people_do_not_change_the_answers() -> None:
    people = [VaultPerson(f"P{i}", real_names=(f"Person{i} Surname{i}",)) for i in range(1000)]
    registry = IdentifierRegistry.from_cases([VaultCase("DD-1", 30, (*people, JAY))])
    detector = Detector(registry)
    text = "Person999 Surname999 met Jayden and Person1's brother."
    assert [(f.text, f.pseudonym) for f in detector.detect(text)] == [
        ("Person999 Surname999", "P999"),
        ("Jayden", "Jay"),
        ("Person1", "P1"),
    ]


def test_a_names_file_registers_one_identifier_per_line(tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text(
        "# people in the Marsh case\nJayden Marsh\n\n  Kayleigh  \n943 476 5919\n12/03/2005\n",
        encoding="utf-8",
    )
    registry = IdentifierRegistry()
    registry.add_names_file(names)
    detector = Detector(registry, guess_names=False)
    text = "Kayleigh told Marsh; NHS 943 476 5919; born 12 Mar 2005."
    assert [(f.kind, f.text) for f in detector.detect(text)] == [
        (FindingKind.NAME, "Kayleigh"),
        (FindingKind.NAME, "Marsh"),
        (FindingKind.IDENTIFIER, "943 476 5919"),
        (FindingKind.DATE_OF_BIRTH, "12 Mar 2005"),
    ]


def test_a_names_file_that_is_missing_or_not_text_is_explained(tmp_path: Path) -> None:
    registry = IdentifierRegistry()
    with pytest.raises(NamesFileError, match="no such names file"):
        registry.add_names_file(tmp_path / "absent.txt")
    binary = tmp_path / "names.txt"
    binary.write_bytes(b"\xff\xfe\xfa not utf-8")
    with pytest.raises(NamesFileError, match="not UTF-8"):
        registry.add_names_file(binary)


def test_a_registered_school_blocks_as_a_whole_and_is_not_split_into_words() -> None:
    registry = IdentifierRegistry()
    registry.add_lines(["Newfield Secondary School", "Oakwood Children's Home"])
    detector = Detector(registry)
    found = detector.detect("Jay left Newfield Secondary School for oakwood children's home.")
    assert [(f.kind, f.text, f.blocking) for f in found] == [
        (FindingKind.IDENTIFIER, "Newfield Secondary School", True),
        (FindingKind.IDENTIFIER, "oakwood children's home", True),
    ]
    # Its words are not registered names; its name without the type words is the place.
    found = detector.detect("The School rang. Secondary pupils said Newfield is far.")
    assert [(f.kind, f.text) for f in found if f.registered] == [
        (FindingKind.IDENTIFIER, "Newfield")
    ]


def test_another_mention_of_a_registered_school_blocks_even_without_name_guessing() -> None:
    registry = IdentifierRegistry.from_cases(
        [
            VaultCase(
                "DD-1",
                30,
                (VaultPerson("Jay", other_identifiers=("Newfield Secondary School",)),),
            )
        ]
    )
    detector = Detector(registry, guess_names=False)  # as an export with nobody to ask
    found = detector.detect("Jay moved from Newfield School to Abbeydale Academy.")
    assert [(f.kind, f.text, f.registered, f.blocking) for f in found] == [
        (FindingKind.IDENTIFIER, "Newfield School", True, True)
    ]


def _school_of_jay(*places: str, names: tuple[str, ...] = ()) -> Detector:
    person = VaultPerson("Jay", real_names=names, other_identifiers=places)
    return Detector(IdentifierRegistry.from_cases([VaultCase("DD-1", 30, (person,))]))


def _registered(detector: Detector, text: str) -> list[tuple[str, bool]]:
    return [(f.text, f.blocking) for f in detector.detect(text) if f.registered]


def test_a_registered_school_named_without_its_type_word_blocks() -> None:
    detector = _school_of_jay("Newfield Secondary School", "St Mary's C of E Primary")
    assert _registered(detector, "Jay was excluded from Newfield last week.") == [
        ("Newfield", True)
    ]
    assert _registered(detector, "Newfield's head rang.") == [("Newfield", True)]
    assert _registered(detector, "Mum took Jay to St Mary's on Monday.") == [("St Mary's", True)]
    # Another mention with a type word is still the place as a whole.
    assert _registered(detector, "At Newfield Primary, staff said") == [("Newfield Primary", True)]
    (found,) = detector.detect("Jay left Newfield.")
    assert (found.kind, found.pseudonym, found.replacement) == (
        FindingKind.IDENTIFIER,
        "Jay",
        "[identifier]",
    )


def test_near_misses_of_a_school_named_without_its_type_word() -> None:
    detector = _school_of_jay("Newfield Secondary School", "St Mary's C of E Primary")
    assert _registered(detector, "the newfield estate") == []  # no capital: not the name
    assert _registered(detector, "They live on Newfields Road.") == []  # another word
    assert _registered(detector, "Mary rang; Mary's mum came.") == []  # a part, not the stem


def test_a_school_whose_name_alone_is_an_everyday_word_or_a_town_is_not_found_so() -> None:
    detector = _school_of_jay("Hope Academy", "Rotherham College", "Park School")
    assert _registered(detector, "Hope helped. She moved to Rotherham by the Park.") == []
    assert _registered(detector, "Jay starts at Hope Academy.") == [("Hope Academy", True)]


def test_a_persons_name_keeps_its_word_when_a_school_shares_it() -> None:
    detector = _school_of_jay("Okafor Academy", names=("Jayden Okafor",))
    (found,) = detector.detect("Later Okafor rang.")
    assert (found.kind, found.pseudonym, found.replacement) == (FindingKind.NAME, "Jay", "Jay")
    # Registered the other way round (a names file, the school first), the same.
    registry = IdentifierRegistry()
    registry.add_lines(["Okafor Academy", "Jayden Okafor"])
    (found,) = Detector(registry).detect("Later Okafor rang.")
    assert found.kind is FindingKind.NAME
