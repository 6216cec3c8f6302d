"""An actions table with a row for adding: a case's actions, or one session stage's."""

from __future__ import annotations

from datetime import date

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deepdive.domain.vocabulary import ROLES
from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.changes import Change, Entity
from deepdive.services.results import ActionInfo
from deepdive.ui.conflicts.dialog import Ask, ask_with_dialog
from deepdive.ui.conflicts.resolving import save_typing
from deepdive.ui.editors.refused_cells import edit_again
from deepdive.ui.privacy.cell_fixes import CellFixes
from deepdive.ui.sessions.action_undo import (
    ActionFieldCommand,
    ActionValue,
    AddActionCommand,
    RemoveActionCommand,
)
from deepdive.ui.sessions.action_versions import save_after_refusal, set_aside_for_removed
from deepdive.ui.sessions.actions_model import ActionColumn, ActionsTableModel
from deepdive.ui.sessions.days import parse_day
from deepdive.ui.widgets.change_relay import ChangeRelay
from deepdive.ui.widgets.tables import ReloadAfterEditing, editable_rows

OWNER_SUGGESTIONS = (
    "Team manager",
    "Social worker",
    "Service manager",
    "Hub manager",
    "Key worker",
    "Life coach",
    "Innovation coach",
    "Police inspector",
    "CAMHS service manager",
    "Education inclusion lead",
    "Designated teacher",
    "Independent reviewing officer",
)


class ActionsPanel(QWidget):
    """Lists actions, edits them in place, adds new ones from the row underneath."""

    message = Signal(str)
    """Something to tell the user (a refused edit)."""

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        show_origin: bool = True,
        compact: bool = False,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        """Adds, edits and removes are steps on ``undo_stack`` (the workspace's)."""
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self._case_id: int | None = None
        self._session_id: int | None = None
        self._stage_id: str | None = None
        # How a colleague's newer save of the same action is shown (tests answer it).
        self.ask: Ask = ask_with_dialog
        self.model = ActionsTableModel(self._save_field, self)
        self.model.edit_failed.connect(self._on_edit_failed)
        self.table = _ActionsTable(self)
        self.model.edit_refused.connect(
            lambda index, _why: edit_again(self.table, self.model.refused, index)
        )
        self.model.dataChanged.connect(self._on_data_changed)
        self.table.setModel(self.model)
        editable_rows(self.table, self.tr("Actions"))
        self.fixes = CellFixes(self.table)  # identifiers underlined, fixed with a right-click
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ActionColumn.DONE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ActionColumn.ACTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ActionColumn.OWNER, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ActionColumn.DUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ActionColumn.ORIGIN, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(ActionColumn.OWNER, 190)
        self.table.setColumnWidth(ActionColumn.ORIGIN, 200)
        self.table.setColumnHidden(ActionColumn.ORIGIN, not show_origin)
        self.table.delete_pressed.connect(self.remove_selected)

        self.new_action = QLineEdit(self)
        self.new_action.setPlaceholderText(self.tr("New action: what will be done?"))
        self.new_action.setAccessibleName(self.tr("New action"))
        self.new_owner = QComboBox(self)
        self.new_owner.setEditable(True)
        self.new_owner.addItems(["", *OWNER_SUGGESTIONS, *(r.capitalize() for r in ROLES)])
        self.new_owner.setAccessibleName(self.tr("Owner role of the new action"))
        self.new_owner.setToolTip(self.tr("A role, never a name"))
        # Sized for a typical role, not the longest suggestion: the action comes first.
        self.new_owner.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.new_owner.setMinimumContentsLength(14)
        line = self.new_owner.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("Owner role"))
        self.new_due = QLineEdit(self)
        self.new_due.setPlaceholderText(self.tr("Due, e.g. 31/05/2022"))
        self.new_due.setAccessibleName(self.tr("Due date of the new action"))
        self._fit_to_font()
        self.add_button = QPushButton(self.tr("Add action"), self)
        self.add_button.setAccessibleName(self.tr("Add the new action"))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the selected action"))
        self.feedback = QLabel(self)
        self.feedback.setObjectName("fieldMessage")
        self.feedback.setWordWrap(True)
        self.feedback.hide()
        # What became of typing a colleague's newer save met (kept until another case).
        self.conflict_note = QLabel(self)
        self.conflict_note.setObjectName("quietHint")
        self.conflict_note.setWordWrap(True)
        self.conflict_note.hide()
        for field in (self.new_action, self.new_due):
            field.returnPressed.connect(self.add_from_fields)
        line.returnPressed.connect(self.add_from_fields)
        self.add_button.clicked.connect(self.add_from_fields)
        self.remove_button.clicked.connect(self.remove_selected)

        adding = QHBoxLayout()
        adding.addWidget(self.new_action, 3)
        adding.addWidget(self.new_owner, 2)
        adding.addWidget(self.new_due, 1)
        adding.addWidget(self.add_button)
        adding.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(adding)
        layout.addWidget(self.feedback)
        layout.addWidget(self.conflict_note)
        if compact:
            self.table.setMinimumHeight(120)
        # An undo (here or in another window) changes the actions shown: read them again.
        self._reloading = ReloadAfterEditing(self.table, self._read_rows)
        self._relay = ChangeRelay(services.changes, self)
        self._relay.changed.connect(self._on_changed)
        self.destroyed.connect(lambda *_args, relay=self._relay: relay.detach())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            # The interface font or theme changed. Refit once every widget has taken it
            # (a new style also resets the table's row heights).
            QTimer.singleShot(0, self, self._refit)

    def _refit(self) -> None:
        self._fit_to_font()
        self.table.resizeRowsToContents()

    def _fit_to_font(self) -> None:
        # Wide enough for its hint in the current font, so "31/05/2022" is never cut.
        metrics = self.new_due.fontMetrics()
        hint = metrics.horizontalAdvance(self.new_due.placeholderText())
        self.new_due.setMinimumWidth(hint + metrics.averageCharWidth() * 3)
        self.new_action.setMinimumWidth(metrics.averageCharWidth() * 12)

    # --------------------------------------------------------------- showing
    def show_case(self, case_id: int | None) -> None:
        """Show every action of a case (None: nothing)."""
        if case_id != self._case_id:
            self.conflict_note.hide()
        self._case_id = case_id
        self._session_id = None
        self._stage_id = None
        self.reload()
        self._show_refused()

    def show_session_stage(self, case_id: int, session_id: int, stage_id: str) -> None:
        """Show one session's actions; new ones are recorded against this stage."""
        self._case_id = case_id
        self._session_id = session_id
        self._stage_id = stage_id
        self.reload()
        self._show_refused()

    def reload(self) -> None:
        """Read the actions again from the workspace (once the cell being edited, if
        any, is left: what is typed in it is saved first, or set aside)."""
        self._reloading.request()

    def _read_rows(self) -> None:
        if self._case_id is None:
            self.model.set_rows([])
            return
        actions = self._services.actions.list_actions(self._case_id, self._session_id)
        titles = {s.id: s.title for s in self._services.sessions.list_sessions(self._case_id)}
        self.model.set_rows(actions, titles)
        self.table.resizeRowsToContents()

    def _show_refused(self) -> None:
        """Say why a cell's text was not saved (text refused before the case was left)."""
        reasons = self.model.refused.reasons()
        if reasons:
            self.feedback.setText(self.tr("Not saved. {why}").format(why=reasons[0]))
        self.feedback.setVisible(bool(reasons))

    # --------------------------------------------------------------- editing
    def add_from_fields(self) -> ActionInfo | None:
        """Add the action typed in the row underneath the table."""
        if self._case_id is None:
            return None
        try:
            due = parse_day(self.new_due.text(), "due", self.tr("Due date"))
            command = AddActionCommand(
                self._services.actions,
                self._case_id,
                self.new_action.text(),
                owner_role=self.new_owner.currentText(),
                due_on=due,
                session_id=self._session_id,
                stage_id=self._stage_id,
                report=self._on_edit_failed,  # an undo a colleague's later save refuses
            )
            added: ActionInfo = command.apply()
        except DeepDiveError as exc:
            self._on_edit_failed(str(exc))
            return None
        self._push(command)
        self.feedback.hide()
        self.new_action.clear()
        self.new_owner.setCurrentIndex(0)
        self.new_owner.setEditText("")
        self.new_due.clear()
        self.reload()
        self.new_action.setFocus()
        return added

    def remove_selected(self) -> None:
        """Remove the selected action."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        command = RemoveActionCommand(
            self._services.actions, self.model.action_at(index.row()), self._on_edit_failed
        )
        try:
            command.apply()
        except DeepDiveError as exc:
            self._on_edit_failed(str(exc))
        else:
            self._push(command)
        self.reload()

    def _save_field(self, action_id: int, field: str, value: object) -> ActionInfo:
        action = self.model.action_at(self.model.row_of(action_id))
        typed: ActionValue
        if field == "done":
            typed = bool(value)
        elif field == "due":
            field, typed = "due_on", parse_day(str(value), "due", self.tr("Due date"))
        else:
            typed = str(value)
        if getattr(action, field) == typed:
            return action  # an editor closed without a change: no step to undo
        return save_typing(
            self.conflict_note,
            action,
            lambda: self._save_at(action, field, typed, action.version),
            # A colleague saved this action since the table was read: both versions.
            lambda: save_after_refusal(
                self, self.ask, self._services.actions, action, field, typed, self._save_at
            ),
            lambda: set_aside_for_removed(action, field, typed),  # it was removed
            self._reloading.request_quietly,
        )

    def _save_at(self, action: ActionInfo, field: str, value: object, version: int) -> ActionInfo:
        """Save one field of ``action`` at the row ``version`` read, as an undo step."""
        assert value is None or isinstance(value, str | date | bool)  # the action's own
        command = ActionFieldCommand(
            self._services.actions,
            action,
            field,
            value,
            report=self._on_edit_failed,  # an undo a colleague's later save refuses
            expected_version=version,
        )
        saved: ActionInfo = command.apply()  # a refused value raises: no undo step
        self._push(command)
        return saved

    def _push(self, command: QUndoCommand) -> None:
        # (Not while the window is torn down: the change is made, with no step.)
        if self._undo_stack is not None and shiboken6.isValid(self._undo_stack):
            self._undo_stack.push(command)

    def _on_changed(self, change: Change) -> None:
        if change.entity is Entity.ACTION and change.case_id == self._case_id:
            self.reload()

    def _on_edit_failed(self, text: str) -> None:
        self.feedback.setText(self.tr("Not saved. {why}").format(why=text))
        self.feedback.show()
        self.message.emit(text)

    def _on_data_changed(self) -> None:
        if not self.model.refused:
            self.feedback.hide()


class _ActionsTable(QTableView):
    """A table that reports the Delete key when no cell is being edited."""

    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.state() != self.State.EditingState:
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)
