"""Hostile and broken bundles: each refused with a clear message, the workspace unchanged.

Every test compares a dump of every table of the target workspace (the FTS index
included) before and after the refused import.
"""

from __future__ import annotations

import json
import stat
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from bundle_helpers import bundle_entries, dump_tables, edit_json, rebuilt_bundle, write_zip

from deepdive.bundles import BundleError, import_case_bundle
from deepdive.bundles.archive import MAX_ENTRIES, MAX_EXPANDED_BYTES
from deepdive.services import Services

DATA_FILES = ["case.json", "cast.json", "chronology.json", "sessions.json", "actions.json"]


def _refused(target: Services, bundle: Path, expected: str) -> str:
    """Import ``bundle``; it must be refused mentioning ``expected``, changing nothing."""
    target.cases.create("KEEP-1", "Sam")  # a case that must survive the refusal untouched
    before = dump_tables(target.workspace.path)
    with pytest.raises(BundleError) as refused:
        import_case_bundle(target, bundle)
    message = str(refused.value)
    assert expected in message, message
    assert "Traceback" not in message
    assert dump_tables(target.workspace.path) == before
    return message


def test_a_file_that_is_not_a_zip(target: Services, tmp_path: Path) -> None:
    bundle = tmp_path / "notes.ddcase"
    bundle.write_text("Jay was seen at home.", encoding="utf-8")
    _refused(target, bundle, "notes.ddcase is not a case bundle: it is not a zip file")


def test_a_zip_without_a_manifest(target: Services, good_bundle: Path, tmp_path: Path) -> None:
    bundle = rebuilt_bundle(good_bundle, tmp_path, lambda e: e.pop("manifest.json"))
    _refused(target, bundle, "has no manifest.json")


def test_a_manifest_that_is_not_json(target: Services, good_bundle: Path, tmp_path: Path) -> None:
    def garble(entries: dict[str, bytes]) -> None:
        entries["manifest.json"] = b'{"format": "deepdive-case-bundle", '

    bundle = rebuilt_bundle(good_bundle, tmp_path, garble, fix_checksums=False)
    _refused(target, bundle, "manifest.json is not valid JSON (line 1")


def test_a_manifest_for_something_else(target: Services, good_bundle: Path, tmp_path: Path) -> None:
    bundle = rebuilt_bundle(
        good_bundle, tmp_path, edit_json("manifest.json", lambda m: m.update(format="other"))
    )
    _refused(target, bundle, "does not describe a DeepDive case bundle")


def test_an_unknown_format_version(target: Services, good_bundle: Path, tmp_path: Path) -> None:
    bundle = rebuilt_bundle(
        good_bundle, tmp_path, edit_json("manifest.json", lambda m: m.update(format_version=2))
    )
    message = _refused(target, bundle, "made by a newer DeepDive (bundle format 2")
    assert "Update DeepDive" in message


def test_a_checksum_mismatch(target: Services, good_bundle: Path, tmp_path: Path) -> None:
    def tamper(entries: dict[str, bytes]) -> None:
        entries["case.json"] = entries["case.json"].replace(b"Jay", b"Jax")

    bundle = rebuilt_bundle(good_bundle, tmp_path, tamper, fix_checksums=False)
    _refused(target, bundle, "case.json does not match its checksum")


def test_a_file_the_manifest_lists_is_missing(
    target: Services, good_bundle: Path, tmp_path: Path
) -> None:
    bundle = rebuilt_bundle(good_bundle, tmp_path, lambda e: e.pop("actions.json"))
    _refused(target, bundle, "missing actions.json")


def test_an_extra_file_the_manifest_does_not_list(
    target: Services, good_bundle: Path, tmp_path: Path
) -> None:
    bundle = rebuilt_bundle(
        good_bundle, tmp_path, lambda e: e.update({"vault.key": b"secret"}), fix_checksums=False
    )
    _refused(target, bundle, "does not list: vault.key")


@pytest.mark.parametrize(
    "name",
    ["../case.json", "/etc/passwd", "C:/Windows/evil.json", "a\\..\\..\\evil.json", "x/../../y"],
)
def test_paths_outside_the_archive(
    target: Services, good_bundle: Path, tmp_path: Path, name: str
) -> None:
    entries = [*bundle_entries(good_bundle).items(), (name, b"{}")]
    bundle = write_zip(tmp_path / "escape.ddcase", entries)
    _refused(target, bundle, "path outside the archive")
    assert not (tmp_path.parent / "case.json").exists()


def test_a_symbolic_link_entry(target: Services, good_bundle: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "link.ddcase"
    with zipfile.ZipFile(bundle, "w") as archive:
        for name, data in bundle_entries(good_bundle).items():
            archive.writestr(name, data)
        link = zipfile.ZipInfo("notes.json")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    _refused(target, bundle, "is a link or folder")


def test_the_same_name_twice(target: Services, good_bundle: Path, tmp_path: Path) -> None:
    entries = list(bundle_entries(good_bundle).items())
    entries.append(("case.json", b"{}"))
    with pytest.warns(UserWarning, match="Duplicate name"):
        bundle = write_zip(tmp_path / "twice.ddcase", entries)
    _refused(target, bundle, "holds 'case.json' twice")


def test_too_many_entries(target: Services, good_bundle: Path, tmp_path: Path) -> None:
    entries = list(bundle_entries(good_bundle).items())
    entries += [(f"extra-{n}.json", b"{}") for n in range(MAX_ENTRIES)]
    bundle = write_zip(tmp_path / "many.ddcase", entries)
    _refused(target, bundle, f"DeepDive stops at {MAX_ENTRIES} for a case bundle")


def _claim_size(bundle: Path, name: str, size: int) -> None:
    """Rewrite the central directory so ``name`` claims to expand to ``size`` bytes."""
    data = bytearray(bundle.read_bytes())
    start = 0
    while True:
        start = data.index(b"PK\x01\x02", start)
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        if bytes(data[start + 46 : start + 46 + name_length]) == name.encode():
            struct.pack_into("<I", data, start + 24, size)
            break
        start += 4
    bundle.write_bytes(bytes(data))


def test_an_archive_that_would_expand_past_the_limit(
    target: Services, good_bundle: Path, tmp_path: Path
) -> None:
    bundle = write_zip(tmp_path / "bomb.ddcase", list(bundle_entries(good_bundle).items()))
    _claim_size(bundle, "chronology.json", 0xFFFFFFF0)
    assert MAX_EXPANDED_BYTES < 0xFFFFFFF0
    _refused(target, bundle, "chronology.json would expand to 4,096 MB; DeepDive stops at 256 MB")


def test_an_entry_that_expands_past_its_stated_size(
    target: Services, good_bundle: Path, tmp_path: Path
) -> None:
    # A real bomb: 64 MB of spaces compresses to a few kilobytes; the manifest and the
    # zip's directory both claim 10 bytes.
    entries = bundle_entries(good_bundle)
    entries["chronology.json"] = b"[" + b" " * (64 * 1024 * 1024) + b"]"
    manifest = json.loads(entries["manifest.json"])
    manifest["files"]["chronology.json"]["bytes"] = 10
    entries["manifest.json"] = json.dumps(manifest).encode()
    bundle = write_zip(tmp_path / "bomb.ddcase", list(entries.items()))
    assert bundle.stat().st_size < 1024 * 1024
    _claim_size(bundle, "chronology.json", 10)
    _refused(target, bundle, "chronology.json")


def test_malformed_json_in_a_data_file(target: Services, good_bundle: Path, tmp_path: Path) -> None:
    def garble(entries: dict[str, bytes]) -> None:
        entries["chronology.json"] = b'{"events": [ {"ref": 1, } ]}'

    bundle = rebuilt_bundle(good_bundle, tmp_path, garble)
    _refused(target, bundle, "chronology.json is not valid JSON (line 1")


@pytest.mark.parametrize(
    "payload",
    [b"[" * 100_000 + b"]" * 100_000, b'{"events": NaN}', b"\xff\xfe not utf-8"],
    ids=["deeply-nested", "nan", "not-utf8"],
)
def test_json_that_is_not_plain_data(
    target: Services, good_bundle: Path, tmp_path: Path, payload: bytes
) -> None:
    bundle = rebuilt_bundle(good_bundle, tmp_path, lambda e: e.update({"chronology.json": payload}))
    _refused(target, bundle, "chronology.json is not")


@pytest.mark.parametrize(
    ("file", "edit", "expected"),
    [
        ("case.json", lambda d: d.update(code="not a code!"), "is not a usable case code"),
        ("case.json", lambda d: d.update(status="lost"), "'lost' is not a case status"),
        ("case.json", lambda d: d.update(birth_month=13), "'birth_month' must be"),
        ("case.json", lambda d: d.pop("pseudonym"), "has no 'pseudonym'"),
        ("case.json", lambda d: d.update(created_at="yesterday"), "'created_at' must be"),
        ("chronology.json", lambda d: d["events"][0].update(date="31/02/2019"), "event 1"),
        ("chronology.json", lambda d: d["events"][2].update(category="gossip"), "not an event"),
        ("chronology.json", lambda d: d["events"][0].update(people=[999999]), "not in the bundle"),
        ("chronology.json", lambda d: d.update(events="all of them"), "'events' must be a list"),
        ("cast.json", lambda d: d["people"][0].update(agency="MI5"), "does not list"),
        ("sessions.json", lambda d: d["sessions"][0].update(template=42), "not in the bundle"),
        ("sessions.json", lambda d: d["templates"][0].update(content="x"), "checksum"),
        (
            "sessions.json",
            lambda d: d["sessions"][0]["responses"][0].update(stage_id="nope"),
            "no stage",
        ),
        ("actions.json", lambda d: d["actions"][0].update(session=77), "not in the bundle"),
        ("actions.json", lambda d: d["actions"][0].update(done="yes"), "true or false"),
    ],
    ids=[
        "bad-code",
        "bad-status",
        "bad-month",
        "no-pseudonym",
        "bad-time",
        "impossible-date",
        "unknown-category",
        "unknown-person",
        "events-not-a-list",
        "unknown-agency",
        "unknown-template",
        "template-checksum",
        "unknown-stage",
        "unknown-session",
        "done-not-a-flag",
    ],
)
def test_data_that_breaks_the_rules(
    target: Services,
    good_bundle: Path,
    tmp_path: Path,
    file: str,
    edit: Callable[[dict], None],  # type: ignore[type-arg]
    expected: str,
) -> None:
    bundle = rebuilt_bundle(good_bundle, tmp_path, edit_json(file, edit))
    message = _refused(target, bundle, expected)
    assert message.startswith("hostile.ddcase: ")


def test_a_template_version_that_differs_from_the_workspace_one(
    source: Services, good_bundle: Path, tmp_path: Path
) -> None:
    import sqlite3

    with sqlite3.connect(source.workspace.path) as db:
        db.execute("UPDATE template_versions SET content_sha256 = 'changed-elsewhere'")
    db.close()
    source.cases.delete(source.cases.find("DEMO-001").id)
    _refused(source, good_bundle, "has a different template under that version")


def test_nothing_was_extracted_anywhere(
    target: Services, good_bundle: Path, tmp_path: Path
) -> None:
    entries = [*bundle_entries(good_bundle).items(), ("../../escaped.txt", b"x")]
    bundle = write_zip(tmp_path / "escape.ddcase", entries)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(BundleError):
        import_case_bundle(target, bundle)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not (tmp_path.parent.parent / "escaped.txt").exists()
