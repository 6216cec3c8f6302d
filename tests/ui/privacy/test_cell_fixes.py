"""Identifiers in list items and table cells are underlined, and a mouse right-click on
the cell offers the quick fixes, saved as an edit of that cell."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot
from ui_helpers import WindowFactory, right_click_and_choose

from deepdive.ui.cases.people_model import PeopleColumn
from deepdive.ui.sessions.item_list import ItemListEditor

NHS = "943 476 5919"


def _red_pixels(view: QAbstractItemView, row: int, column: int = 0) -> int:
    """How many pixels of the cell are drawn in the underline's red (or its antialiased
    shades)."""
    index = view.model().index(row, column)
    image: QImage = view.viewport().grab(view.visualRect(index)).toImage()
    colours = (
        QColor(image.pixel(x, y)) for y in range(image.height()) for x in range(image.width())
    )
    return sum(1 for c in colours if c.red() - max(c.green(), c.blue()) > 60)


def test_a_list_item_is_underlined_and_fixed_with_a_right_click(
    qtbot: QtBot, tmp_path: Path
) -> None:
    items = ItemListEditor("Learning", "a point")
    qtbot.addWidget(items)
    items.resize(600, 300)
    items.show()
    qtbot.waitExposed(items)
    items.set_items([f"Jay's NHS number {NHS} was on the referral", "A trusted adult"])
    assert _red_pixels(items.view, 0) > 20  # the wavy underline under the number
    assert _red_pixels(items.view, 1) == 0
    items.grab().save(str(tmp_path / "list-item.png"))
    saved: list[list[str]] = []
    items.items_changed.connect(saved.append)
    first = items.view.visualRect(items.model.index(0)).center()
    entries = right_click_and_choose(
        qtbot, items.view.viewport(), first, f"Replace “{NHS}” with “[NHS number]”"
    )
    assert entries == [f"Replace “{NHS}” with “[NHS number]”"]
    assert saved[-1] == ["Jay's NHS number [NHS number] was on the referral", "A trusted adult"]
    # A plain item has no fixes: the click does nothing.
    assert items.fixes.quick_fixes(items.model.index(1)) == []


def test_cast_notes_are_shown_underlined_and_fixed_where_they_are(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path, tmp_path: Path
) -> None:
    window = make_window()
    window.resize(1366, 768)
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-1", "Jay")
    mum = window.services.people.add(case.id, "Mum", "Parent", notes=f"NHS number {NHS}")
    window.view.select_case(case.id)
    cast = window.view.overview.cast
    notes = cast.model.index(0, PeopleColumn.NOTES)
    assert notes.data() == f"NHS number {NHS}"
    assert _red_pixels(cast.table, 0, PeopleColumn.NOTES) > 20
    window.grab().save(str(tmp_path / "cast-notes.png"))
    right_click_and_choose(
        qtbot,
        cast.table.viewport(),
        cast.table.visualRect(notes).center(),
        f"Replace “{NHS}” with “[NHS number]”",
    )
    [saved] = window.services.people.list_people(case.id)
    assert saved.id == mum.id and saved.notes == "NHS number [NHS number]"
    assert cast.model.index(0, PeopleColumn.NOTES).data() == "NHS number [NHS number]"


def test_a_cell_editor_gets_no_field_watcher_of_its_own(qtbot: QtBot) -> None:
    """A table's cell editor is torn down while its events are still delivered: a
    watcher on it crashed the app (Add person, then Enter). The table checks its cells
    itself, so neither the privacy watch nor the spelling attaches to a cell editor."""
    from PySide6.QtWidgets import QLineEdit, QTableWidget

    from deepdive.ui.privacy.context import PrivacyContext
    from deepdive.ui.privacy.line_edits import LineEditWatcher
    from deepdive.ui.widgets.cell_editors import is_cell_editor

    table = QTableWidget(1, 1)
    qtbot.addWidget(table)
    cell_editor = QLineEdit(table.viewport())
    field = QLineEdit()
    qtbot.addWidget(field)
    watcher = LineEditWatcher(PrivacyContext())
    assert is_cell_editor(cell_editor) and not is_cell_editor(field)
    assert watcher.watch(cell_editor) is None
    assert watcher.watch(field) is not None
