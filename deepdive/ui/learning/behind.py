"""The items behind a theme count in the Learning view: the label saying what they are
and the table of cases and episodes, which opens a case on a double-click."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from deepdive.services import Services
from deepdive.services.learning import LearningFilter, ThemeCount
from deepdive.services.shown_figures import figure
from deepdive.ui.learning.headline import plural
from deepdive.ui.learning.models import OccurrenceTableModel


class BehindCount(QObject):
    """The label and table of what is behind the selected theme's count."""

    case_requested = Signal(int)  # case id

    def __init__(self, services: Services, parent: QWidget) -> None:
        super().__init__(parent)
        self._services = services
        self.model = OccurrenceTableModel(parent)
        self.table = QTableView(parent)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("The cases and episodes behind the count"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.label = QLabel(parent)
        self.label.setWordWrap(True)
        self.clear()
        self.table.doubleClicked.connect(self._opened)

    def clear(self) -> None:
        """Nothing chosen: say how to see what is behind a count."""
        self.model.set_rows([])
        self.label.setText(self.tr("Select a theme to see the cases behind it."))

    def show_theme(self, theme: ThemeCount, wanted: LearningFilter, threshold: int | None) -> None:
        """List what is behind ``theme``'s count, unless the count is hidden as small."""
        if figure(theme.cases, theme.cases, threshold).small:
            # The rows behind it would count what the table hides.
            self.model.set_rows([])
            self.label.setText(
                self.tr(
                    "“{theme}” is in fewer than {n} cases: untick “Hide figures” to see the "
                    "items behind it."
                ).format(theme=theme.name, n=threshold)
            )
            return
        found = self._services.learning.occurrences(theme.theme_id, wanted)
        self.model.set_rows(found)
        items = plural(str(len(found)), self.tr("item"), self.tr("items"))
        cases = plural(str(theme.cases), self.tr("case"), self.tr("cases"))
        self.label.setText(
            self.tr("“{theme}”: {items} in {cases}. Double-click one to open its case.").format(
                theme=theme.name, items=items, cases=cases
            )
        )

    def _opened(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.case_requested.emit(self.model.occurrence_at(rows[0].row()).case_id)
