"""The Restore dialog: the workspace's backups with their date, reason and case count.

Restoring never touches the open workspace: the chosen backup becomes a new
workspace file (see :class:`deepdive.ui.workspace.backup_commands.BackupCommands`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deepdive.storage.backup import BackupInfo
from deepdive.ui.widgets.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("RestoreDialog", text)


@dataclass(frozen=True)
class BackupRow:
    """One backup and how many cases it holds (None: it cannot be read)."""

    info: BackupInfo
    cases: int | None


class BackupColumn(IntEnum):
    """The columns of the backup list."""

    MADE = 0
    WHY = 1
    CASES = 2
    SIZE = 3


_HEADERS = ("Made", "Why", "Cases", "Size")


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class BackupTableModel(RowsTableModel[BackupRow]):
    """Rows of the backup list, newest first."""

    HEADERS = _HEADERS

    def row_at(self, row: int) -> BackupRow:
        """The backup shown in ``row``."""
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.valid_row(index)
        if row is None:
            return None
        column = BackupColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is BackupColumn.MADE:
                return row.info.made_at.astimezone().strftime("%a %d %b %Y, %H:%M")
            if column is BackupColumn.WHY:
                return _tr(row.info.kind.label)
            if column is BackupColumn.CASES:
                return _tr("unreadable") if row.cases is None else str(row.cases)
            return _size(row.info.size)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            BackupColumn.CASES,
            BackupColumn.SIZE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(row.info.path)
        return None


class RestoreDialog(QDialog):
    """Choose a backup to restore as a new workspace."""

    def __init__(self, workspace_name: str, rows: list[BackupRow], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Restore from backup"))
        self.resize(640, 420)
        intro = QLabel(
            _tr(
                "Backups of <b>{name}</b>, newest first. Restoring makes a <b>new</b> "
                "workspace file from the backup; {name} itself is not changed."
            ).format(name=workspace_name),
            self,
        )
        intro.setWordWrap(True)
        self.model = BackupTableModel(self)
        self.model.set_rows(rows)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_tr("Backups"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BackupColumn.WHY, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.empty = QLabel(
            _tr(
                "There are no backups of this workspace yet. DeepDive makes one after a "
                "few minutes' pause in editing and when the workspace closes; File ▸ Back "
                "up now makes one at once."
            ),
            self,
        )
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(_tr("Restore as a new workspace…"), self)
        self.restore_button.setAccessibleName(_tr("Restore the chosen backup as a new workspace"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(buttons)
        has_rows = bool(rows)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self.restore_button.setEnabled(has_rows)
        if has_rows:
            self.table.selectRow(0)
            self.restore_button.setDefault(True)

    def chosen(self) -> BackupRow | None:
        """The selected backup, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None
