"""What the detector finds in its one walk of the text: names hyphenated at a line end
(whatever white space follows the hyphen), personal web addresses, and nothing inside
a longer word."""

from __future__ import annotations

from deepdive.privacy.detector import Detector
from deepdive.privacy.findings import FindingKind
from deepdive.privacy.registry import IdentifierRegistry


def _detector() -> Detector:
    registry = IdentifierRegistry()
    registry.add_lines(["Jayden Marsh"])
    return Detector(registry, safe_words=["Jay"])


def test_a_name_hyphenated_at_a_line_end_is_found_whatever_the_spacing() -> None:
    for text in ("Jay-\nden came.", "Jay- \nden came.", "Jay-\t\nden came.", "Jay-  \r\nden came."):
        found = _detector().detect(text)
        assert [(f.kind, f.text.split("-")[0]) for f in found] == [(FindingKind.NAME, "Jay")], text
        assert found[0].text.endswith("den")


def test_a_spaced_dash_is_not_a_line_break() -> None:
    assert _detector().detect("Jay - den of thieves - was seen.") == []


def test_personal_web_addresses_are_found_among_other_links() -> None:
    text = (
        "See www.gov.uk/guidance and https://www.facebook.com/jayden.marsh.77 or "
        "instagram.com/jay_m, then x.com/help."
    )
    found = [f.text for f in _detector().detect(text) if f.kind is FindingKind.URL]
    assert found == ["https://www.facebook.com/jayden.marsh.77", "instagram.com/jay_m"]


def test_the_tail_of_a_longer_word_is_not_a_possible_name() -> None:
    text = "Mum met the school SENCo and the iPad was returned to Mr Pemberton."
    found = [(f.kind, f.text) for f in _detector().detect(text)]
    assert found == [(FindingKind.POSSIBLE_NAME, "Pemberton")]
