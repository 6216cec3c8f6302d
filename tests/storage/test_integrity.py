"""Damaged files of several kinds: refused on open, untouched, and reported by the full check."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from deepdive.services import Services
from deepdive.storage.errors import NotAWorkspaceError, WorkspaceCorruptError
from deepdive.storage.integrity import full_check
from deepdive.storage.lock import lock_path_for
from deepdive.storage.workspace import open_workspace

PAGE = 4096


@pytest.fixture
def good_workspace(workspace_path: Path) -> Path:
    """A closed workspace of 40 cases spread over many pages."""
    services = Services.for_workspace(open_workspace(workspace_path))
    for n in range(40):
        services.cases.create(f"DD-{n:03d}", "Jay", summary=f"Case {n}. " + "x" * 2000)
    services.close()
    return workspace_path


def _truncate_half(data: bytes) -> bytes:
    return data[: len(data) // 2 // PAGE * PAGE]


def _truncate_inside_last_page(data: bytes) -> bytes:
    return data[:-100]


def _random_bytes_in_a_page(data: bytes) -> bytes:
    damaged = bytearray(data)
    noise = random.Random(7)
    start = 5 * PAGE  # a table page, well past the header and schema
    for offset in range(start, start + PAGE):
        damaged[offset] = noise.randrange(256)
    return bytes(damaged)


def _wrong_header(data: bytes) -> bytes:
    return b"SQLite format 4\x00" + data[16:]


def _zero_length(_data: bytes) -> bytes:
    return b""


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "truncated-half": _truncate_half,
    "truncated-inside-last-page": _truncate_inside_last_page,
    "random-bytes-in-a-page": _random_bytes_in_a_page,
    "wrong-header": _wrong_header,
    "zero-length": _zero_length,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_workspace_is_refused_and_never_written(
    good_workspace: Path, damage: Callable[[bytes], bytes]
) -> None:
    damaged = damage(good_workspace.read_bytes())
    good_workspace.write_bytes(damaged)
    with pytest.raises((WorkspaceCorruptError, NotAWorkspaceError)) as refused:
        open_workspace(good_workspace)
    message = str(refused.value)
    assert str(good_workspace) in message
    assert (
        "has not been changed" in message
        or "not a DeepDive workspace" in message
        or ("empty file" in message)
    )
    assert good_workspace.read_bytes() == damaged, "the damaged file is kept exactly as it was"
    assert sorted(p.name for p in good_workspace.parent.iterdir()) == [good_workspace.name]
    assert not lock_path_for(good_workspace).exists()


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_the_full_check_reports_each_kind_of_damage(
    good_workspace: Path, damage: Callable[[bytes], bytes]
) -> None:
    damaged = damage(good_workspace.read_bytes())
    good_workspace.write_bytes(damaged)
    report = full_check(good_workspace)
    assert not report.ok
    assert report.problems and all(p.endswith(".") or ":" in p for p in report.problems)
    assert good_workspace.read_bytes() == damaged


def test_the_full_check_passes_a_healthy_workspace_and_counts_its_cases(
    good_workspace: Path,
) -> None:
    before = good_workspace.read_bytes()
    report = full_check(good_workspace)
    assert report.ok, report.problems
    assert report.cases == 40
    assert report.revision is not None
    assert good_workspace.read_bytes() == before


def test_the_full_check_finds_rows_pointing_at_nothing(good_workspace: Path) -> None:
    import sqlite3

    with sqlite3.connect(good_workspace) as db:
        db.execute("PRAGMA foreign_keys=OFF")
        db.execute(
            "INSERT INTO people (case_id, pseudonym, role, notes, sort_order) "
            "VALUES (9999, 'Ghost', 'other', '', 1)"
        )
    db.close()
    report = full_check(good_workspace)
    assert not report.ok
    assert any("people" in p and "no longer exist" in p for p in report.problems)


def test_the_full_check_reads_an_open_workspace_without_disturbing_it(
    good_workspace: Path,
) -> None:
    services = Services.for_workspace(open_workspace(good_workspace))
    try:
        services.cases.create("DD-NEW", "Sam")
        report = full_check(good_workspace)
        assert report.ok, report.problems
        assert report.cases == 41
        services.cases.create("DD-NEWER", "Alex")  # still writable: the check took no lock
    finally:
        services.close()
