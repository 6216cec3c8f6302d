"""A bundle's chronology is checked a column at a time, with the same results as before.

Reading 100,000 events one field at a time took longer than writing them, so every
field of every event is now checked at once; anything doubtful is read again event by
event, so the messages still name the event and the field, and the values stored are
those typing them in would store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bundle_helpers import edit_json, rebuilt_bundle

from deepdive.bundles import BundleError, import_case_bundle
from deepdive.services import Services

RLO = "\u202e"


def _events(target: Services) -> list[Any]:
    return target.events.list_events(target.cases.find("DEMO-001").id)


def test_text_in_a_chronology_is_cleaned_as_typed_text_is(
    target: Services, good_bundle: Path, tmp_path: Path
) -> None:
    def edit(data: dict[str, Any]) -> None:
        first, second, third = data["events"][:3]
        first["description"] = f"Jay sent {RLO}cod.exe\r\nto the worker\x07"
        second["description"] = "Cafe\u0301 visit"  # an accent written as two characters
        third["description"] = "\u0301 begins with an accent on nothing"
        third["tags"] = ["  missing   from home ", "Missing from HOME"]

    bundle = rebuilt_bundle(good_bundle, tmp_path, edit_json("chronology.json", edit))
    import_case_bundle(target, bundle)
    described = {e.description for e in _events(target)}
    assert "Jay sent ‹U+202E›cod.exe\nto the worker" in described
    assert "Café visit" in described
    assert "\u0301 begins with an accent on nothing" in described  # not joined to another
    [tagged] = [e for e in _events(target) if e.description.endswith("accent on nothing")]
    assert [t.casefold() for t in tagged.tags] == ["missing from home"]


def test_a_wrong_value_late_in_the_chronology_is_named_by_its_event_and_field(
    target: Services, good_bundle: Path, tmp_path: Path
) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["events"][-1]["created_at"] = "soon"
        data["events"][-2]["category"] = "gossip"

    bundle = rebuilt_bundle(good_bundle, tmp_path, edit_json("chronology.json", edit))
    with pytest.raises(BundleError) as refused:
        import_case_bundle(target, bundle)
    assert "chronology.json, event 55: 'gossip' is not an event category" in str(refused.value)
    assert target.cases.list_cases() == []


def test_an_event_without_its_optional_fields_still_imports(
    target: Services, good_bundle: Path, tmp_path: Path
) -> None:
    def edit(data: dict[str, Any]) -> None:
        for key in ("end", "agency", "voice", "outcome", "key_episode", "tags", "themes"):
            data["events"][10].pop(key)

    bundle = rebuilt_bundle(good_bundle, tmp_path, edit_json("chronology.json", edit))
    assert import_case_bundle(target, bundle).events == 56
