"""Manage agencies: every agency in the workspace, to add, rename, re-kind, merge or delete.

Agencies are otherwise added on the fly (typing a new one in the event editor, or an
import naming one the workspace lacks); this is where the list is tidied. Each change
is a step on the workspace's undo stack, undone from the main window's Edit menu or
with Ctrl+Z here (a window of its own, which the main window's keys do not reach).
The list follows changes made elsewhere, such as an undo from the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deepdive.services.changes import Change, Entity
from deepdive.ui.agencies.actions import AgencyActions
from deepdive.ui.agencies.model import AgencyListModel
from deepdive.ui.widgets import key_bindings as keys
from deepdive.ui.widgets.change_relay import ChangeRelay
from deepdive.ui.widgets.window_undo import WindowUndo

if TYPE_CHECKING:
    from deepdive.services import Services
    from deepdive.services.agencies import AgencyInfo

# Changes that alter the list or its counts (a case deleted takes its events along).
_FOLLOWED = (Entity.AGENCY, Entity.EVENT, Entity.PERSON, Entity.SESSION, Entity.CASE)


class ManageAgenciesWindow(QDialog):
    """The workspace's agency list; see the module docstring."""

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.undo = WindowUndo(self, undo_stack) if undo_stack is not None else None
        self.setWindowTitle(self.tr("Manage agencies"))
        self.setAccessibleName(self.tr("Manage agencies"))
        self.resize(800, 560)
        intro = QLabel(
            self.tr(
                "Rename an agency to change it on every event, cast member and session. "
                "Merge two agencies that are the same: everything naming one moves to the "
                "other. The kind (police, health, …) helps imports recognise an agency "
                "after it is renamed. Ctrl+Z undoes a change."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.model = AgencyListModel(self)
        self.table = self._make_table()
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldMessage")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.agency_actions = AgencyActions(
            self, services, self.selected, self.show_problem, self.reload, undo_stack
        )
        self.add_button = self._button(
            self.tr("&Add…"), self.tr("Add an agency"), self.agency_actions.add
        )
        self.rename_button = self._button(
            self.tr("&Rename…"), self.tr("Rename the selected agency"), self.agency_actions.rename
        )
        self.kind_button = self._button(
            self.tr("Change &kind…"),
            self.tr("Change the kind of the selected agency"),
            self.agency_actions.change_kind,
        )
        self.merge_button = self._button(
            self.tr("&Merge into…"),
            self.tr("Merge the selected agency into another"),
            self.agency_actions.merge,
        )
        self.delete_button = self._button(
            self.tr("&Delete unused"),
            self.tr("Delete the selected agency if no event, cast member or participant names it"),
            self.agency_actions.delete,
        )
        # Keys for the list (listed in Help ▸ Keyboard shortcuts), named on the buttons.
        for binding, button in (
            (keys.ADD_AGENCY, self.add_button),
            (keys.RENAME_AGENCY, self.rename_button),
            (keys.DELETE_AGENCY, self.delete_button),
        ):
            binding.bind(self, button.click, Qt.ShortcutContext.WindowShortcut)
            button.setToolTip(binding.tip(button.accessibleName()))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.rename_button,
            self.kind_button,
            self.merge_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        # Changes made elsewhere (an undo from the main window, an import) arrive in
        # bursts, one per case touched: the list is read again once per burst.
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(lambda: self.reload())
        self._relay = ChangeRelay(services.changes, self)
        self._relay.changed.connect(self._on_changed)
        self.destroyed.connect(lambda *_args, relay=self._relay: relay.detach())
        self.reload()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        table.setAccessibleName(self.tr("Agencies"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.doubleClicked.connect(lambda _index: self.agency_actions.rename())
        return table

    def _button(self, text: str, accessible: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(accessible)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def reload(self, select: int | None = None) -> None:
        """Read the agencies again; select the agency ``select`` (by id), or keep the
        selection where it can."""
        chosen = self.selected()
        wanted = select if select is not None else (chosen.id if chosen else None)
        self.model.set_rows(self._services.agencies.list_agencies())
        row = self.model.row_of(wanted) if wanted is not None else None
        if row is not None:
            self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> AgencyInfo | None:
        """The selected agency, as last read."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_value(rows[0].row()) if rows else None

    def select_agency(self, name: str) -> None:
        """Select the agency called ``name`` (any case)."""
        for row in range(self.model.rowCount()):
            if self.model.row_value(row).name.casefold() == name.casefold():
                self.table.selectRow(row)

    def show_problem(self, text: str) -> None:
        """Say why a change was refused (empty hides the message)."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _on_changed(self, change: Change) -> None:
        if change.entity in _FOLLOWED:
            self._later.start()

    def _update_buttons(self) -> None:
        agency = self.selected()
        for button in (self.rename_button, self.kind_button, self.merge_button):
            button.setEnabled(agency is not None)
        self.delete_button.setEnabled(agency is not None and agency.uses == 0)
