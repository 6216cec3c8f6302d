"""Export then import reproduces a case exactly, field by field; the vault is never in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bundle_helpers import bundle_entries, case_snapshot

from deepdive.bundles import (
    BundleCodeConflict,
    export_case_bundle,
    import_case_bundle,
)
from deepdive.services import Services
from deepdive.services.events import EventInput


def test_a_case_survives_export_and_import_into_another_workspace_exactly(
    source: Services, target: Services, tmp_path: Path
) -> None:
    seen: list[list[tuple[str, str]]] = []
    bundle = export_case_bundle(source, "demo-001", tmp_path / "jay", seen.append)
    assert bundle == tmp_path / "jay.ddcase"

    imported = import_case_bundle(target, bundle)
    assert (imported.code, imported.pseudonym, imported.renamed_from) == ("DEMO-001", "Jay", None)

    before = case_snapshot(source.workspace.path, "DEMO-001")
    after = case_snapshot(target.workspace.path, "DEMO-001")
    # Field by field, so a difference names the part that changed.
    assert before.keys() == after.keys()
    for part in before:
        if isinstance(before[part], list):
            assert len(after[part]) == len(before[part]), part
            for number, (was, now) in enumerate(zip(before[part], after[part], strict=True)):
                assert now == was, f"{part} {number}"
        else:
            assert after[part] == before[part], part
    # The enriched parts made it across (not a vacuous comparison).
    assert before["case"]["stayed_with_family"] == 1
    assert len(before["outcomes"]) == 2
    assert any(e["themes"] for e in before["events"])
    assert before["sessions"] and before["sessions"][0]["responses"]
    assert any(r["linked_events"] for r in before["sessions"][0]["responses"])
    assert before["actions"]
    assert len(before["events"]) >= 40


def test_the_leak_check_sees_every_piece_of_prose_in_the_bundle(
    source: Services, tmp_path: Path
) -> None:
    seen: list[list[tuple[str, str]]] = []
    export_case_bundle(source, "DEMO-001", tmp_path / "jay.ddcase", seen.append)
    [parts] = seen
    texts = [text for _where, text in parts]
    summary = source.cases.find("DEMO-001").summary
    assert summary in texts
    assert any("Ran over by ten minutes" in t for t in texts)
    assert all(where and text.strip() for where, text in parts)
    assert not any(t == "2019-02" for t in texts), "dates are not prose"


def test_the_bundle_holds_a_manifest_and_the_case_files_and_nothing_from_the_vault(
    source: Services, tmp_path: Path
) -> None:
    bundle = export_case_bundle(source, "DEMO-001", tmp_path / "jay.ddcase", None)
    entries = bundle_entries(bundle)
    assert sorted(entries) == [
        "actions.json",
        "case.json",
        "cast.json",
        "chronology.json",
        "manifest.json",
        "sessions.json",
    ]
    manifest = json.loads(entries["manifest.json"])
    assert manifest["format"] == "deepdive-case-bundle"
    assert manifest["format_version"] == 1
    assert manifest["app_version"]
    assert set(manifest["files"]) == set(entries) - {"manifest.json"}
    assert not any("vault" in name.lower() for name in entries)
    sessions = json.loads(entries["sessions.json"])
    assert sessions["templates"] and "stages" in sessions["templates"][0]["content"]


def test_each_export_is_recorded_in_the_audit_trail(source: Services, tmp_path: Path) -> None:
    import sqlite3

    bundle = export_case_bundle(source, "DEMO-001", tmp_path / "jay.ddcase", None)
    with sqlite3.connect(source.workspace.path) as db:
        rows = db.execute(
            "SELECT case_code, kind, file_name, sha256 FROM export_records"
        ).fetchall()
    db.close()
    import hashlib

    # The file's name only: its folder could name a person.
    assert rows == [
        ("DEMO-001", "bundle", "jay.ddcase", hashlib.sha256(bundle.read_bytes()).hexdigest())
    ]


def test_a_blocked_export_writes_no_file(source: Services, tmp_path: Path) -> None:
    class Blocked(Exception):
        pass

    def gate(_parts: list[tuple[str, str]]) -> None:
        raise Blocked("a real name was found")

    with pytest.raises(Blocked):
        export_case_bundle(source, "DEMO-001", tmp_path / "jay.ddcase", gate)
    assert list(tmp_path.glob("jay*")) == []


def test_importing_a_case_whose_code_exists_offers_a_copy_with_a_new_code(
    source: Services, tmp_path: Path
) -> None:
    bundle = export_case_bundle(source, "DEMO-001", tmp_path / "jay.ddcase", None)
    with pytest.raises(BundleCodeConflict) as conflict:
        import_case_bundle(source, bundle)
    assert "already has a case DEMO-001" in str(conflict.value)
    assert conflict.value.suggested == "DEMO-001-COPY"

    copy = import_case_bundle(source, bundle, new_code=conflict.value.suggested)
    assert (copy.code, copy.renamed_from) == ("DEMO-001-COPY", "DEMO-001")
    original = case_snapshot(source.workspace.path, "DEMO-001")
    copied = case_snapshot(source.workspace.path, "DEMO-001-COPY")
    assert copied == original

    with pytest.raises(BundleCodeConflict) as again:
        import_case_bundle(source, bundle, new_code="DEMO-001-COPY")
    assert again.value.suggested == "DEMO-001-COPY2"


def test_an_imported_case_is_announced_and_usable_through_the_services(
    source: Services, target: Services, tmp_path: Path
) -> None:
    bundle = export_case_bundle(source, "DEMO-001", tmp_path / "jay.ddcase", None)
    heard = []
    target.changes.subscribe(heard.append)
    imported = import_case_bundle(target, bundle)
    assert [c.case_id for c in heard] == [imported.case_id]
    [row] = target.cases.list_cases()
    assert (row.code, row.event_count, row.session_count) == ("DEMO-001", imported.events, 1)
    target.cases.update(imported.case_id, summary="Edited after import")
    assert target.cases.get(imported.case_id).summary == "Edited after import"


def test_the_rooms_reflections_stay_with_their_events_in_another_workspace(
    source: Services, target: Services, tmp_path: Path
) -> None:
    case = source.cases.find("DEMO-001")
    [summary, *_] = source.sessions.list_sessions(case.id)
    template = source.sessions.template_of(summary.id)
    stage = next(s for s in template.stages if s.response.kind.value == "events")
    event = source.events.list_events(case.id)[5]
    answer = dict(source.sessions.responses(summary.id).get(stage.id, {}))
    answer["reflections"] = {str(event.id): "Nobody asked Jay."}
    source.sessions.save_response(summary.id, stage.id, answer)
    # Events already in the other workspace give the imported ones other ids.
    other = target.cases.create("DD-0", "Sam")
    target.events.add(other.id, EventInput("2015", "health", "Sam's first event"))
    bundle = export_case_bundle(source, "DEMO-001", tmp_path / "jay", lambda _found: None)
    imported = import_case_bundle(target, bundle)
    copy = target.cases.find(imported.code)
    [copied] = target.sessions.list_sessions(copy.id)
    reflections = target.sessions.responses(copied.id)[stage.id]["reflections"]
    [(event_id, text)] = reflections.items()
    assert text == "Nobody asked Jay."
    assert int(event_id) != event.id
    assert target.events.get(int(event_id)).description == event.description
