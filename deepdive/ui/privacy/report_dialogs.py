"""Dialogs that list what the privacy checks found, and the export audit log.

- :class:`FindingsDialog` lists leak-check findings (where, line, what, text). The
  export UI uses it through :func:`confirm_possible_names` to ask before exporting
  text with possible names; "Check this case" uses it to show everything found.
- :class:`ExportHistoryDialog` shows the audit log of exports.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deepdive.ui.privacy.highlighter import BLOCKING_COLOUR, POSSIBLE_COLOUR

if TYPE_CHECKING:  # the detector and the database layer load when they are used
    from deepdive.privacy.leakcheck import LeakReport, PartFinding
    from deepdive.services.audit import ExportRecordInfo

AnyIndex = QModelIndex | QPersistentModelIndex


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
        self._rows = rows
        self._colours = colours

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
    """Lists a leak check's findings; optionally asks whether to go ahead."""

    def __init__(
        self,
        title: str,
        intro: str,
        findings: list[PartFinding],
        parent: QWidget | None = None,
        go_ahead: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        text = QLabel(intro, self)
        text.setWordWrap(True)
        rows = [
            (
                f.where,
                str(f.finding.line),
                f.finding.label,
                " ".join(f.finding.text.split()),
                f.finding.replacement or self.tr("you decide"),
            )
            for f in findings
        ]
        colours: list[QColor | None] = [
            BLOCKING_COLOUR if f.finding.blocking else POSSIBLE_COLOUR for f in findings
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
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 380)


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
