"""How DeepDive's in-place editable tables behave, set up in one place."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView

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
