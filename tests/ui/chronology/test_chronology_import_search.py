"""A big agency file imported from the Chronology tab: one undo step, and search follows
the import, its undo and its redo (the bulk path that sets the search triggers aside)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from deepdive.services import Services
from deepdive.services.search import SearchKind
from deepdive.storage.search_index import BULK_AT_LEAST
from deepdive.ui.chronology import ChronologyPanel
from deepdive.ui.chronology.import_dialog import ImportDialog

ROWS = BULK_AT_LEAST + 50


def write_csv(path: Path, bad_row: int | None = None) -> Path:
    lines = ["Date,Event,Source"]
    for n in range(ROWS):
        date = "31/02/2016" if n == bad_row else f"{1 + n % 28:02d}/{1 + n % 12:02d}/2016"
        lines.append(f"{date},Contact visit ref{n} at the family centre,Police")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def event_hits(services: Services, words: str) -> int:
    return sum(1 for hit in services.search.search(words) if hit.kind is SearchKind.EVENT)


def index_rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT rowid, title, body FROM search_index").fetchall()


def make_panel(
    qtbot: QtBot, services: Services, tmp_path: Path, stack: QUndoStack
) -> ChronologyPanel:
    case = services.cases.create("DD-7", "Sam")
    settings = QSettings(str(tmp_path / "c.ini"), QSettings.Format.IniFormat)
    panel = ChronologyPanel(services, stack, settings=settings)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_case(services.cases.get(case.id))
    return panel


def test_a_big_import_is_one_undo_step_and_search_follows_undo_and_redo(
    qtbot: QtBot, services: Services, workspace_path: Path, tmp_path: Path
) -> None:
    stack = QUndoStack()
    panel = make_panel(qtbot, services, tmp_path, stack)
    before = index_rows(workspace_path)
    dialog = panel.import_file(write_csv(tmp_path / "police.csv"))
    assert isinstance(dialog, ImportDialog)
    assert dialog.run_import()
    assert panel.model.total() == ROWS
    assert event_hits(services, "ref123") == 1
    assert stack.count() == 1
    imported = index_rows(workspace_path)

    stack.undo()
    assert panel.model.total() == 0
    assert event_hits(services, "ref123") == 0
    assert index_rows(workspace_path) == before

    stack.redo()
    assert panel.model.total() == ROWS
    assert event_hits(services, "ref123") == 1
    assert index_rows(workspace_path) == imported


def test_a_big_file_with_one_bad_row_imports_nothing_and_search_is_untouched(
    qtbot: QtBot, services: Services, workspace_path: Path, tmp_path: Path
) -> None:
    stack = QUndoStack()
    panel = make_panel(qtbot, services, tmp_path, stack)
    before = index_rows(workspace_path)
    dialog = panel.import_file(write_csv(tmp_path / "police.csv", bad_row=BULK_AT_LEAST + 7))
    assert isinstance(dialog, ImportDialog)
    assert not dialog.run_import()
    assert panel.model.total() == 0
    assert stack.count() == 0
    assert index_rows(workspace_path) == before
    assert event_hits(services, "ref1") == 0
    dialog.close()
