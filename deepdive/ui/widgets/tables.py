"""How DeepDive's in-place editable tables behave, set up in one place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QAbstractItemView, QTableView

from deepdive.errors import DeepDiveError

# Typing starts editing the current cell, as in a spreadsheet.
EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)


def editable_rows(table: QTableView, accessible_name: str) -> None:
    """One row selected at a time, edited in place; Tab leaves the table for the next field."""
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(EDIT_TRIGGERS)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)


class ReloadAfterEditing(QObject):
    """Reads a table's rows again now or, while one of its cells is being edited, as
    soon as that edit closes: rows read again under an open editor would close it and
    drop what is typed in it (a colleague's change reaching the window, say).

    Made once the table's delegates are set (the default one and any per column).
    """

    def __init__(self, table: QTableView, reload: Callable[[], None]) -> None:
        super().__init__(table)
        self._table = table
        self._reload = reload
        self._pending = False
        delegates = {table.itemDelegate()}
        model = table.model()
        for column in range(model.columnCount() if model is not None else 0):
            delegates.add(table.itemDelegateForColumn(column))
        for delegate in delegates:
            if delegate is not None:
                delegate.closeEditor.connect(self._on_editor_closed)

    def request(self) -> None:
        """Read the rows again now, or once the cell being edited is left."""
        if self._table.state() == QAbstractItemView.State.EditingState:
            self._pending = True
            return
        self._pending = False
        self._reload()

    @property
    def pending(self) -> bool:
        """Whether rows are waiting to be read again once the edit closes."""
        return self._pending

    @Slot()
    def _on_editor_closed(self) -> None:
        if self._pending:
            # After the view has finished closing the editor (and saved what was typed).
            QTimer.singleShot(0, self, self.request_quietly)

    def request_quietly(self) -> None:
        """:meth:`request`, for a timer: rows that can no longer be read (their case
        was deleted elsewhere) are left to the workspace view, which moves on."""
        try:
            self.request()
        except DeepDiveError:  # what the table showed went (its case was deleted elsewhere)
            return
