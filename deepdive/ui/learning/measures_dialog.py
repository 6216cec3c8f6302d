"""Programme measures…: the figures the lead records for the programme as a whole.

Left, the measures (such as "Residential placements commissioned"); right, the
chosen measure's figures over time with where each comes from. A new figure is typed
in the row beneath the table. What cannot be recorded is said under the form, and
what was typed stays.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.changes import Change, Entity
from deepdive.services.measure_charts import measure_sentence
from deepdive.services.measures import MeasureInfo, MeasureValueInfo, measure_date
from deepdive.ui.learning.measure_undo import MeasureCommand
from deepdive.ui.widgets.change_relay import ChangeRelay
from deepdive.ui.widgets.rows_model import RowsTableModel
from deepdive.ui.widgets.window_undo import WindowUndo

Index = QModelIndex | QPersistentModelIndex


class MeasureValuesModel(RowsTableModel[MeasureValueInfo]):
    """A measure's figures, oldest first."""

    HEADERS = ("Date", "Figure", "Source", "Note")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = self.valid_row(index)
        if value is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (value.when.display(), value.figure, value.source, value.note)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class MeasuresDialog(QDialog):
    """Add, change and remove programme measures and their figures."""

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        """Each change is a step on ``undo_stack`` (the workspace's)."""
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        # A window of its own: Ctrl+Z here undoes its changes.
        self.undo = WindowUndo(self, undo_stack) if undo_stack is not None else None
        self.setWindowTitle(self.tr("Programme measures"))
        self.setAccessibleName(self.tr("Programme measures"))
        self.resize(900, 520)
        intro = QLabel(
            self.tr(
                "Figures you record for the programme as a whole, such as residential "
                "placements commissioned each month. The programme report shows each as a "
                "chart and a sentence beside the figures counted from cases."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.measure_list = QListWidget(self)
        self.measure_list.setAccessibleName(self.tr("Programme measures"))
        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText(self.tr("Residential placements commissioned"))
        self.new_name.setAccessibleName(self.tr("New measure's name"))
        self.new_unit = QLineEdit(self)
        self.new_unit.setPlaceholderText(self.tr("placements"))
        self.new_unit.setAccessibleName(self.tr("New measure's unit"))
        self.new_note = QLineEdit(self)
        self.new_note.setPlaceholderText(self.tr("What it counts, and how"))
        self.new_note.setAccessibleName(self.tr("New measure's note"))
        self.add_measure_button = QPushButton(self.tr("Add measure"), self)
        self.delete_measure_button = QPushButton(self.tr("Delete measure"), self)

        self.sentence = QLabel(self)
        self.sentence.setWordWrap(True)
        self.sentence.setAccessibleName(self.tr("The measure in words"))
        self.values = MeasureValuesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.values)
        self.table.setAccessibleName(self.tr("The measure's figures"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.when = QLineEdit(self)
        self.when.setPlaceholderText(self.tr("Jul 2017"))
        self.when.setAccessibleName(self.tr("Month the figure describes"))
        self.figure = QLineEdit(self)
        self.figure.setPlaceholderText(self.tr("48"))
        self.figure.setAccessibleName(self.tr("Figure"))
        self.source = QLineEdit(self)
        self.source.setPlaceholderText(self.tr("Commissioning team's monthly return"))
        self.source.setAccessibleName(self.tr("Where the figure comes from"))
        self.note = QLineEdit(self)
        self.note.setAccessibleName(self.tr("Note on the figure"))
        self.add_value_button = QPushButton(self.tr("Save figure"), self)
        self.add_value_button.setToolTip(
            self.tr("Adds the month's figure, or changes it if the month has one")
        )
        self.remove_value_button = QPushButton(self.tr("Remove figure"), self)
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldMessage")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self._build_layout(intro)
        self.measure_list.currentRowChanged.connect(lambda _row: self._show_values())
        self.add_measure_button.clicked.connect(self.add_measure)
        self.new_name.returnPressed.connect(self.add_measure)
        self.delete_measure_button.clicked.connect(self.delete_measure)
        self.add_value_button.clicked.connect(self.add_value)
        for box in (self.when, self.figure, self.source, self.note):
            box.returnPressed.connect(self.add_value)
        self.remove_value_button.clicked.connect(self.remove_value)
        self.table.selectionModel().selectionChanged.connect(self._on_value_selected)
        # An undo from the main window while this is open changes the measures: follow it.
        self._relay = ChangeRelay(services.changes, self)
        self._relay.changed.connect(self._on_changed)
        self.destroyed.connect(lambda *_args, relay=self._relay: relay.detach())
        self.refresh()

    def _build_layout(self, intro: QLabel) -> None:
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("<b>Measures</b>"), self))
        left.addWidget(self.measure_list, 1)
        new = QFormLayout()
        new.addRow(self.tr("Name"), self.new_name)
        new.addRow(self.tr("Unit"), self.new_unit)
        new.addRow(self.tr("Note"), self.new_note)
        left.addLayout(new)
        measure_buttons = QHBoxLayout()
        measure_buttons.addWidget(self.add_measure_button)
        measure_buttons.addWidget(self.delete_measure_button)
        left.addLayout(measure_buttons)
        right = QVBoxLayout()
        right.addWidget(self.sentence)
        right.addWidget(self.table, 1)
        entry = QGridLayout()
        for column, (label, box) in enumerate(
            (
                (self.tr("Month"), self.when),
                (self.tr("Figure"), self.figure),
                (self.tr("Source"), self.source),
                (self.tr("Note"), self.note),
            )
        ):
            caption = QLabel(label, self)
            caption.setBuddy(box)
            entry.addWidget(caption, 0, column)
            entry.addWidget(box, 1, column)
        entry.setColumnStretch(2, 2)
        entry.setColumnStretch(3, 2)
        right.addLayout(entry)
        value_buttons = QHBoxLayout()
        value_buttons.addWidget(self.add_value_button)
        value_buttons.addWidget(self.remove_value_button)
        value_buttons.addStretch(1)
        right.addLayout(value_buttons)
        panes = QHBoxLayout()
        panes.addLayout(left, 1)
        panes.addLayout(right, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(panes, 1)
        layout.addWidget(self.problem)
        layout.addWidget(close)

    # ---------------------------------------------------------------- reading
    def refresh(self, select_id: int | None = None) -> None:
        """Read the measures again, keeping (or choosing) the selected one."""
        keep = select_id if select_id is not None else self._chosen_id()
        self._measures = self._services.measures.list_measures()
        self.measure_list.blockSignals(True)
        self.measure_list.clear()
        for measure in self._measures:
            item = QListWidgetItem(measure.name, self.measure_list)
            item.setData(Qt.ItemDataRole.UserRole, measure.id)
        self.measure_list.blockSignals(False)
        rows = [m.id for m in self._measures]
        self.measure_list.setCurrentRow(rows.index(keep) if keep in rows else 0)
        self._show_values()

    def chosen(self) -> MeasureInfo | None:
        """The measure selected on the left, if any."""
        row = self.measure_list.currentRow()
        return self._measures[row] if 0 <= row < len(self._measures) else None

    def _chosen_id(self) -> int | None:
        chosen = self.chosen() if hasattr(self, "_measures") else None
        return chosen.id if chosen is not None else None

    def _show_values(self) -> None:
        measure = self.chosen()
        self.values.set_rows(measure.values if measure is not None else ())
        said = self.tr("Add a measure on the left, then its figures here.")
        if measure is not None:
            said = measure_sentence(measure) + (f" {measure.note}" if measure.note else "")
        self.sentence.setText(said)
        self._update_buttons()

    def _on_value_selected(self) -> None:
        """A figure chosen in the table is put in the row beneath, to change it there."""
        self._update_buttons()
        rows = self.table.selectionModel().selectedRows()
        if rows:
            value = self.values.row_value(rows[0].row())
            self.when.setText(value.when.display())
            self.figure.setText(value.figure)
            self.source.setText(value.source)
            self.note.setText(value.note)

    def _update_buttons(self, *_args: object) -> None:
        has = self.chosen() is not None
        for widget in (self.delete_measure_button, self.add_value_button):
            widget.setEnabled(has)
        self.remove_value_button.setEnabled(has and self.table.selectionModel().hasSelection())

    # ---------------------------------------------------------------- changes
    def show_problem(self, text: str) -> None:
        """Say what could not be done (empty hides the message)."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def add_measure(self) -> None:
        """Add the measure named in the form."""
        name, unit, note = self.new_name.text(), self.new_unit.text(), self.new_note.text()
        measures = self._services.measures
        made = self._run(None, lambda: measures.create(name, unit, note).id, self.tr("Add measure"))
        if made is None:
            return
        for box in (self.new_name, self.new_unit, self.new_note):
            box.clear()
        self.refresh(made)
        self.when.setFocus()

    def delete_measure(self) -> None:
        """Delete the selected measure and its figures."""
        measure = self.chosen()
        if measure is None:
            return
        measures = self._services.measures

        def delete() -> int:
            return measures.delete(measure.id).id

        text = self.tr("Delete measure “{name}”").format(name=measure.name)
        if self._run(measure.id, delete, text) is not None:
            self.refresh()

    def add_value(self) -> None:
        """Save the figure typed beneath the table: a new month's, or a change to one."""
        measure = self.chosen()
        if measure is None:
            return
        measures = self._services.measures
        when, figure = self.when.text(), self.figure.text()
        source, note = self.source.text(), self.note.text()
        try:
            month = str(measure_date(when))
        except DeepDiveError as exc:
            self.show_problem(str(exc))
            return
        same = next((v for v in measure.values if str(v.when) == month), None)

        def save() -> int:
            if same is None:
                return measures.add_value(measure.id, when, figure, source, note).measure_id
            changed = measures.update_value(same.id, value=figure, source=source, note=note)
            return changed.measure_id

        step = self.tr("Add figure") if same is None else self.tr("Change figure")
        if self._run(measure.id, save, step) is None:
            return
        for box in (self.when, self.figure, self.note):  # the source is often the same
            box.clear()
        self.refresh(measure.id)
        self.when.setFocus()

    def remove_value(self) -> None:
        """Remove the figure selected in the table."""
        rows = self.table.selectionModel().selectedRows()
        measure = self.chosen()
        if not rows or measure is None:
            return
        measures = self._services.measures
        value_id = self.values.row_value(rows[0].row()).id

        def remove() -> int:
            return measures.remove_value(value_id).measure_id

        if self._run(measure.id, remove, self.tr("Remove figure")) is not None:
            self.refresh(measure.id)

    def _run(self, measure_id: int | None, change: Callable[[], int], text: str) -> int | None:
        """Make ``change`` now as an undo step; the measure's id, or None if refused."""
        command = MeasureCommand(self._services.measures, measure_id, change, text)
        try:
            changed: int = command.apply()
        except DeepDiveError as exc:
            self.show_problem(str(exc))
            return None
        if self._undo_stack is not None and shiboken6.isValid(self._undo_stack):
            self._undo_stack.push(command)
        self.show_problem("")
        return changed

    def _on_changed(self, change: Change) -> None:
        if change.entity is Entity.MEASURE:
            self.refresh()
