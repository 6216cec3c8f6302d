"""Dialogs that list what the privacy checks found, and the export audit log.

- :class:`FindingsDialog` lists leak-check findings (where, line, what, text), named
  by their place in the case where they have one, with "Go to" and the quick fix.
  The export UI uses it through :func:`confirm_possible_names` to ask before
  exporting text with possible names, and to list what stopped an export; "Check
  this case" uses it to show everything found.
- :class:`ExportHistoryDialog` shows the audit log of exports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
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

from deepdive.ui.privacy.highlighter import BLOCKING_COLOUR, POSSIBLE_COLOUR

if TYPE_CHECKING:  # the detector and the database layer load when they are used
    from deepdive.privacy.case_text import Place
    from deepdive.privacy.findings import Finding
    from deepdive.privacy.leakcheck import LeakReport, PartFinding
    from deepdive.privacy.places import Located
    from deepdive.services.audit import ExportRecordInfo

AnyIndex = QModelIndex | QPersistentModelIndex
GoTo = Callable[["Place", "Finding"], bool]
"""Shows a finding's place with its text selected; False if the place is gone."""
Fix = Callable[["Place", "Finding", str], bool]
"""Replaces a finding's text at its place; False if it could not."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("FindingsDialog", text)


class _RowsModel(QAbstractTableModel):
    """A read-only table of rows of text (one model for both lists here)."""

    def __init__(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        colours: Sequence[QColor | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows = [list(row) for row in rows]
        self._colours = colours

    def mark(self, row: int, column: int, text: str) -> None:
        """Show ``text`` in one cell (a finding fixed from the list)."""
        self._rows[row][column] = text
        self.dataChanged.emit(self.index(row, column), self.index(row, column))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            return self._colours[index.row()]
        return None


def _table(model: QAbstractTableModel, name: str, parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class FindingsDialog(QDialog):
    """Lists a leak check's findings; optionally asks whether to go ahead.

    Each finding is named by its place in the case where it has one. With ``go_to``,
    "Go to" (or a double-click) shows that place with the text selected; with
    ``fix``, "Replace with …" replaces it there, as typing would.
    """

    def __init__(
        self,
        title: str,
        intro: str,
        findings: Sequence[Located | PartFinding],
        parent: QWidget | None = None,
        go_ahead: str | None = None,
        *,
        go_to: GoTo | None = None,
        fix: Fix | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._go_to = go_to
        self._fix = fix
        self.located = [_located(item) for item in findings]
        self.fixed: set[int] = set()
        text = QLabel(intro, self)
        text.setWordWrap(True)
        rows = [_row(item) for item in self.located]
        colours: list[QColor | None] = [
            BLOCKING_COLOUR if item.finding.blocking else POSSIBLE_COLOUR for item in self.located
        ]
        headers = (
            self.tr("Where"),
            self.tr("Line"),
            self.tr("What"),
            self.tr("Text"),
            self.tr("Replace with"),
        )
        self.model = _RowsModel(headers, rows, colours, self)
        self.table = _table(self.model, self.tr("Findings"), self)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        # Places in a case are one line each; lines matter only in a document's parts.
        self.table.setColumnHidden(1, not any(item.item.numbered for item in self.located))
        self.table.doubleClicked.connect(lambda _index: self.go_to_selected())
        self.go_to_button = QPushButton(self.tr("&Go to"), self)
        self.go_to_button.setAccessibleName(self.tr("Go to the place of the selected finding"))
        self.go_to_button.clicked.connect(self.go_to_selected)
        self.fix_button = QPushButton(self.tr("&Replace"), self)
        self.fix_button.setAccessibleName(self.tr("Replace the selected finding where it is"))
        self.fix_button.clicked.connect(self.fix_selected)
        self.go_to_button.setVisible(go_to is not None)
        self.fix_button.setVisible(fix is not None)
        buttons = QDialogButtonBox(self)
        if go_ahead is None:
            buttons.addButton(QDialogButtonBox.StandardButton.Close)
            buttons.rejected.connect(self.reject)
        else:
            ok = buttons.addButton(go_ahead, QDialogButtonBox.ButtonRole.AcceptRole)
            cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
            cancel.setDefault(True)
            ok.setAutoDefault(False)
            buttons.accepted.connect(self.accept)
            buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.go_to_button)
        actions.addWidget(self.fix_button)
        actions.addStretch(1)
        actions.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        if self.located:
            self.table.selectRow(0)
        self._update_buttons()
        self.resize(860, 400)

    def selected(self) -> Located | None:
        """The finding of the selected row."""
        row = self.table.currentIndex().row()
        return self.located[row] if 0 <= row < len(self.located) else None

    def go_to_selected(self) -> bool:
        """Show the selected finding's place, its text selected; False if it has none."""
        item = self.selected()
        if item is None or item.place is None or not item.place.can_go or self._go_to is None:
            return False
        return self._go_to(item.place, item.finding)

    def fix_selected(self) -> bool:
        """Replace the selected finding with its pseudonym or placeholder, where it is."""
        item = self.selected()
        row = self.table.currentIndex().row()
        if item is None or item.place is None or self._fix is None or row in self.fixed:
            return False
        replacement = item.finding.replacement
        if replacement is None or not self._fix(item.place, item.finding, replacement):
            return False
        self.fixed.add(row)
        self.model.mark(row, 4, self.tr("replaced by “{new}”").format(new=replacement))
        self._update_buttons()
        return True

    def _update_buttons(self) -> None:
        item = self.selected()
        placed = item is not None and item.place is not None and item.place.can_go
        row = self.table.currentIndex().row()
        self.go_to_button.setEnabled(placed and self._go_to is not None)
        replacement = item.finding.replacement if item is not None else None
        can_fix = placed and replacement is not None and row not in self.fixed
        self.fix_button.setEnabled(can_fix and self._fix is not None)
        self.fix_button.setText(
            self.tr("&Replace with “{new}”").format(new=replacement)
            if can_fix
            else self.tr("&Replace")
        )


def _located(item: Located | PartFinding) -> Located:
    from deepdive.privacy.places import Located

    return item if isinstance(item, Located) else Located(item, None)


def _row(item: Located) -> list[str]:
    finding = item.finding
    return [
        item.item.where,
        str(finding.line) if item.item.numbered else "",
        finding.label,
        " ".join(finding.text.split()),
        finding.replacement or _tr("you decide"),
    ]


def confirm_possible_names(report: LeakReport, parent: QWidget | None) -> bool:
    """Ask whether to export although possible names were found (default: no)."""
    items = report.needs_confirmation
    if not items:
        return True
    dialog = FindingsDialog(
        _tr("Possible names in the export"),
        _tr(
            "These words look like names nobody registered in the key vault. Export only if "
            "none of them is a real person's name; Cancel writes nothing."
        ),
        items,
        parent,
        go_ahead=_tr("Export anyway"),
    )
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


class ExportHistoryDialog(QDialog):
    """The workspace's export audit log, newest first."""

    def __init__(self, records: list[ExportRecordInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export history"))
        rows = [
            (
                r.exported_at.astimezone().strftime("%d %b %Y %H:%M"),
                r.case_code or "—",
                r.kind,
                r.file_name,
                r.check_result,
                r.sha256[:16],
            )
            for r in records
        ]
        headers = (
            self.tr("When"),
            self.tr("Case"),
            self.tr("Kind"),
            self.tr("File"),
            self.tr("Leak check"),
            self.tr("SHA-256 (start)"),
        )
        self.model = _RowsModel(headers, rows, [None] * len(rows), self)
        self.table = _table(self.model, self.tr("Exports"), self)
        intro = QLabel(
            self.tr(
                "Every export from this workspace: when, which case, the file, its checksum "
                "and what the leak check found."
            )
            if records
            else self.tr("Nothing has been exported from this workspace yet."),
            self,
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 360)
