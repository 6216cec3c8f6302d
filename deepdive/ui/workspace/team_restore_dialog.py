"""Restore on a team workspace: what the server's own tools restore, and which cases to
bring back from a backup set of bundles.

The database is restored by whoever runs the server, with PostgreSQL's own tools; the
dialog says so plainly. What a person can do here is bring cases back from a set made
by File ▸ Back up now or ``deepdive backup``: choose the set (it is verified as it is
read), see its cases (code, pseudonym, events, whether the code is taken here) and
tick the ones to bring back. The import itself is
:class:`~deepdive.ui.workspace.team_backup_commands.TeamBackupCommands`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
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

from deepdive.bundles.team_backup import BackupSet, SetCase, read_team_backup
from deepdive.errors import DeepDiveError
from deepdive.ui.widgets.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex

ChooseSet = Callable[[QWidget], Path | None]
"""Asks which backup set folder to read (None: not chosen)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("TeamRestoreDialog", text)


SERVER_TOOLS = (
    "The team workspace itself is restored on the server, by whoever looks after it, "
    "with PostgreSQL's own tools: <b>pg_restore</b> from a <b>pg_dump</b> copy, or "
    "<b>pg_basebackup</b> with WAL archiving to go back to a point in time. DeepDive "
    "never replaces the server's database."
)


class SetColumn(IntEnum):
    """The columns of a backup set's cases."""

    CODE = 0
    PSEUDONYM = 1
    EVENTS = 2
    HERE = 3


class SetCasesModel(RowsTableModel[SetCase]):
    """A backup set's cases, each with a tick to bring it back."""

    HEADERS = ("Case", "Pseudonym", "Events", "In this workspace")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.taken: frozenset[str] = frozenset()
        self._ticked: set[int] = set()

    def show_set(self, cases: tuple[SetCase, ...], taken: frozenset[str]) -> None:
        """Show ``cases`` by code; those whose codes are ``taken`` start unticked."""
        cases = tuple(sorted(cases, key=lambda case: case.code.casefold()))
        self.taken = taken
        self._ticked = {n for n, case in enumerate(cases) if case.code not in taken}
        self.set_rows(cases)

    def ticked(self) -> list[SetCase]:
        """The cases ticked to bring back, in the set's order."""
        return [self._rows[n] for n in sorted(self._ticked)]

    def tick(self, code: str, ticked: bool = True) -> None:
        """Tick (or untick) the case ``code``."""
        for n, case in enumerate(self._rows):
            if case.code == code:
                self.setData(
                    self.index(n, SetColumn.CODE),
                    Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked,
                    Qt.ItemDataRole.CheckStateRole,
                )

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == SetColumn.CODE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        case = self.valid_row(index)
        if case is None:
            return None
        column = SetColumn(index.column())
        if role == Qt.ItemDataRole.CheckStateRole and column is SetColumn.CODE:
            ticked = index.row() in self._ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if column is SetColumn.CODE:
                return case.code
            if column is SetColumn.PSEUDONYM:
                return case.pseudonym
            if column is SetColumn.EVENTS:
                return str(case.events)
            return _tr("yes: not overwritten") if case.code in self.taken else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column is SetColumn.EVENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or self.valid_row(index) is None:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._ticked.add(index.row())
        else:
            self._ticked.discard(index.row())
        self.dataChanged.emit(index, index, [role])
        return True


class TeamRestoreDialog(QDialog):
    """Says how the server is restored; chooses cases to bring back from a backup set."""

    def __init__(
        self,
        workspace_name: str,
        choose_set: ChooseSet,
        taken: Callable[[], frozenset[str]],
        parent: QWidget | None,
    ) -> None:
        """``taken``: the case codes the workspace already has (read when a set is shown)."""
        super().__init__(parent)
        self.setObjectName("teamRestoreDialog")
        self.setWindowTitle(_tr("Restore from backup"))
        self.resize(680, 480)
        self._choose_set = choose_set
        self._taken = taken
        self.backup_set: BackupSet | None = None
        server = QLabel(_tr(SERVER_TOOLS), self)
        server.setObjectName("serverTools")
        server.setWordWrap(True)
        intro = QLabel(
            _tr(
                "You can bring cases back into <b>{name}</b> from a backup set of case "
                "bundles (made by File ▸ Back up now or <code>deepdive backup</code>). Each "
                "case comes back whole or not at all; a case whose code is already here is "
                "never overwritten."
            ).format(name=workspace_name),
            self,
        )
        intro.setWordWrap(True)
        self.choose_button = QPushButton(_tr("Choose a backup set…"), self)
        self.choose_button.setObjectName("chooseBackupSet")
        self.choose_button.clicked.connect(self.choose)
        self.set_label = QLabel(_tr("No backup set chosen yet."), self)
        self.set_label.setObjectName("backupSetLabel")
        self.set_label.setWordWrap(True)
        chooser = QHBoxLayout()
        chooser.addWidget(self.choose_button)
        chooser.addWidget(self.set_label, 1)
        self.model = SetCasesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_tr("Cases in the backup set"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SetColumn.PSEUDONYM, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(_tr("Bring back the ticked cases"), self)
        self.restore_button.setObjectName("bringBackCases")
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.model.dataChanged.connect(lambda *_args: self._update_button())
        self.model.modelReset.connect(self._update_button)
        layout = QVBoxLayout(self)
        layout.addWidget(server)
        layout.addSpacing(6)
        layout.addWidget(intro)
        layout.addLayout(chooser)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def choose(self) -> bool:
        """Ask for a backup set and show its cases (False: none chosen, or unreadable)."""
        folder = self._choose_set(self)
        return folder is not None and self.show_set(folder)

    def show_set(self, folder: Path) -> bool:
        """Verify and read the set in ``folder`` and list its cases; say what is wrong."""
        # Every bundle is read whole and checked: a large set takes a moment.
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            backup_set = read_team_backup(folder)
        except DeepDiveError as exc:
            self.set_label.setText(str(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.backup_set = backup_set
        made = backup_set.made_at.replace("T", " ")[:16]
        self.set_label.setText(
            _tr("{folder}: {count} cases from {workspace}, made {made} (UTC), verified.").format(
                folder=folder.name,
                count=len(backup_set.cases),
                workspace=backup_set.workspace,
                made=made,
            )
        )
        self.set_label.setToolTip(str(folder))
        self.model.show_set(backup_set.cases, self._taken())
        return True

    def chosen(self) -> list[SetCase]:
        """The ticked cases."""
        return self.model.ticked()

    def _update_button(self) -> None:
        ticked = len(self.model.ticked())
        self.restore_button.setEnabled(ticked > 0)
        self.restore_button.setDefault(ticked > 0)
