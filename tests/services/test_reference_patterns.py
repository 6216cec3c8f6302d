"""The workspace's own case-record reference patterns: kept in the workspace, checked
when added, and looked for by the detector built with them."""

from __future__ import annotations

import pytest
from workspace_helpers import reopen

from deepdive.privacy.detector import Detector
from deepdive.privacy.findings import FindingKind
from deepdive.privacy.references import ReferencePatternError
from deepdive.services import Services
from deepdive.services.errors import DuplicateError, NotFoundError, ValidationError
from deepdive.services.reference_patterns import ReferencePattern


def test_patterns_are_kept_in_the_workspace_and_found_by_the_detector(
    services: Services,
) -> None:
    services.reference_patterns.add("Our LCS numbers", r"  LCS-\d{7}  ")
    services.reference_patterns.add("CareFirst ids", r"(?i)cf\d{6}")
    services = reopen(services)
    try:
        assert services.reference_patterns.entries() == [
            ReferencePattern("Our LCS numbers", r"LCS-\d{7}"),
            ReferencePattern("CareFirst ids", r"(?i)cf\d{6}"),
        ]
        detector = Detector(reference_patterns=services.reference_patterns.patterns())
        found = detector.detect("Record LCS-2048817 and cf123456; not LCS-12.")
        assert [(f.kind, f.text, f.blocking) for f in found] == [
            (FindingKind.CASE_REFERENCE, "LCS-2048817", True),
            (FindingKind.CASE_REFERENCE, "cf123456", True),
        ]
        services.reference_patterns.remove("our lcs numbers")
        assert services.reference_patterns.patterns() == [r"(?i)cf\d{6}"]
        with pytest.raises(NotFoundError):
            services.reference_patterns.remove("Our LCS numbers")
    finally:
        services.close()


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (r"LCS[0-9", "is not a valid regular expression at character 4: unterminated"),
        ("", "cannot be empty"),
        (r"\d", "can match fewer than 4 characters"),
        (r"REF(\d+-?)+", "a repeat inside a repeat"),
        (r"REF(ab|a)*c", "alternatives inside a repeat"),
        (r"(\w\w)\1x", "a back-reference"),
        ("X" * 201, "keep it under 200"),
    ],
)
def test_a_pattern_that_cannot_be_used_is_refused_with_the_reason(
    services: Services, pattern: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        services.reference_patterns.add("Bad", pattern)
    assert caught.value.field == "pattern"
    assert services.reference_patterns.entries() == []
    with pytest.raises(ReferencePatternError, match=message):
        Detector(reference_patterns=[pattern])


def test_names_are_required_and_unique(services: Services) -> None:
    with pytest.raises(ValidationError, match="Give the pattern a name"):
        services.reference_patterns.add("  ", r"LCS\d{7}")
    services.reference_patterns.add("LCS", r"LCS\d{7}")
    with pytest.raises(DuplicateError, match="already a pattern called lcs"):
        services.reference_patterns.add("lcs", r"ICS\d{7}")


def test_adding_and_removing_a_pattern_is_announced_and_only_a_change_is(
    services: Services,
) -> None:
    from deepdive.services.changes import Change, ChangeKind, Entity

    heard: list[Change] = []
    services.changes.subscribe(heard.append)
    services.reference_patterns.add("Our LCS numbers", r"LCS-\d{7}")
    with pytest.raises(ValidationError):
        services.reference_patterns.add("Too broad", r"\d")
    services.reference_patterns.remove("Our LCS numbers")
    assert [(c.entity, c.kind) for c in heard] == [
        (Entity.REFERENCE_PATTERN, ChangeKind.ADDED),
        (Entity.REFERENCE_PATTERN, ChangeKind.REMOVED),
    ]


def test_a_detector_takes_other_patterns_without_losing_its_registry() -> None:
    from deepdive.privacy.registry import IdentifierRegistry

    registry = IdentifierRegistry()
    registry.add_lines(["Jayden Marsh"])
    detector = Detector(registry, reference_patterns=[r"QX-\d{7}"])
    other = detector.with_reference_patterns([r"CF\d{6}"])
    text = "Jayden's files QX-2048817 and CF123456."
    assert [f.text for f in detector.detect(text)] == ["Jayden", "QX-2048817"]
    assert [f.text for f in other.detect(text)] == ["Jayden", "CF123456"]
    with pytest.raises(ReferencePatternError):
        detector.with_reference_patterns([r"(\d+)+"])
