"""The cast of a case: a table of pseudonyms, roles, agencies and notes, edited in place.

Identifiers in its cells are underlined and fixed with a right-click, as in every
other place text is typed (see :mod:`deepdive.ui.privacy.cell_fixes`).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deepdive.domain.vocabulary import ROLES
from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.changes import Change, ChangeKind, Entity
from deepdive.services.results import CaseDetail, PersonInfo
from deepdive.ui.cases.case_undo import AddPersonCommand, PersonFieldCommand, RemovePersonCommand
from deepdive.ui.cases.cast_versions import save_after_refusal, set_aside_for_removed
from deepdive.ui.cases.people_model import PeopleColumn, PeopleTableModel
from deepdive.ui.conflicts.dialog import Ask, ask_with_dialog
from deepdive.ui.conflicts.resolving import save_typing
from deepdive.ui.editors.refused_cells import edit_again
from deepdive.ui.privacy.cell_fixes import CellFixes, FindingDelegate
from deepdive.ui.widgets.change_relay import ChangeRelay
from deepdive.ui.widgets.tables import ReloadAfterEditing, editable_rows


class ChoiceDelegate(FindingDelegate):
    """Edits a cell with a combo box of suggestions (editable when free text is allowed);
    identifiers in the cell are underlined."""

    def __init__(
        self, choices: Callable[[], list[str]], editable: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._choices = choices
        self._editable = editable

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(self._editable)
        combo.addItems(self._choices())
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        value = str(index.data(Qt.ItemDataRole.EditRole) or "")
        position = editor.findText(value)
        if position >= 0:
            editor.setCurrentIndex(position)
        elif self._editable:
            editor.setEditText(value)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class CastPanel(QWidget):
    """Lists the case's people; add, edit in place, remove."""

    edit_failed = Signal(str)
    NO_AGENCY = "—"

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self._case_id: int | None = None
        self._saving = False  # a cell's save is under way (it shows what it saved)
        # How a colleague's newer save of the same person is shown (tests answer it).
        self.ask: Ask = ask_with_dialog
        self.model = PeopleTableModel(self._save_field, self)
        self.model.edit_failed.connect(self.edit_failed)
        self.model.edit_refused.connect(self._on_refused)
        self.model.dataChanged.connect(self._on_data_changed)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        editable_rows(self.table, self.tr("Cast"))
        self.fixes = CellFixes(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setItemDelegateForColumn(
            PeopleColumn.ROLE, ChoiceDelegate(lambda: list(ROLES), True, self.table)
        )
        self.table.setItemDelegateForColumn(
            PeopleColumn.AGENCY,
            ChoiceDelegate(lambda: [self.NO_AGENCY, *services.agencies.names()], False, self),
        )
        self.add_button = QPushButton(self.tr("Add person"), self)
        self.add_button.setAccessibleName(self.tr("Add a person to the cast"))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the selected person"))
        self.add_button.clicked.connect(self.add_person)
        self.remove_button.clicked.connect(self.remove_selected)
        hint = QLabel(self.tr("Real names belong in the key vault, never here."), self)
        hint.setObjectName("quietHint")
        buttons = QHBoxLayout()
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Why a cell's text was not saved, right under the table it was typed in.
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        # What became of typing a colleague's newer save met (kept until another case).
        self.conflict_note = QLabel(self)
        self.conflict_note.setObjectName("quietHint")
        self.conflict_note.setWordWrap(True)
        self.conflict_note.hide()
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addWidget(self.conflict_note)
        layout.addLayout(buttons)
        self.table.setMinimumHeight(140)
        # An agency renamed or merged (or that undone) elsewhere: the cast names it anew.
        self._reloading = ReloadAfterEditing(self.table, self._read_cast)
        self._relay = ChangeRelay(services.changes, self)
        self._relay.changed.connect(self._on_changed)
        unsubscribe = self._relay.detach
        self.destroyed.connect(lambda *_: unsubscribe())

    def _on_changed(self, change: Change) -> None:
        renamed = change.entity is Entity.AGENCY and change.kind is not ChangeKind.ADDED
        # A cast member changed elsewhere (a colleague's save reaching this window, an
        # undo): shown as it is now, once a cell being typed in here is left (its save
        # shows what it saved).
        person = change.entity is Entity.PERSON and change.case_id == self._case_id
        if (renamed or person) and not self._saving:
            self._reloading.request_quietly()  # its case gone: the workspace view moves on

    def show_case(self, case: CaseDetail) -> None:
        """Show this case's cast."""
        if case.id != self._case_id:
            self.conflict_note.hide()
        self._case_id = case.id
        self.model.set_rows(case.people)
        self._show_refused()

    def _show_refused(self) -> None:
        """Say why a cell's text was not saved (text refused before the case was left)."""
        reasons = self.model.refused.reasons()
        self.message.setText(self.tr("Not saved. {why}").format(why=reasons[0]) if reasons else "")
        self.message.setVisible(bool(reasons))

    def _on_refused(self, index: QModelIndex, why: str) -> None:
        """The typed text stays in its cell; say why under the table, and carry on
        editing it while the table still has the keyboard."""
        self.message.setText(self.tr("Not saved. {why}").format(why=why))
        self.message.show()
        edit_again(self.table, self.model.refused, index)

    def _on_data_changed(self) -> None:
        if not self.model.refused:
            self.message.hide()

    def add_person(self) -> PersonInfo | None:
        """Add a new person and start editing their pseudonym."""
        if self._case_id is None:
            return None
        taken = {p.pseudonym for p in self._services.people.list_people(self._case_id)}
        number = 1
        while f"Person {number}" in taken:
            number += 1
        command = AddPersonCommand(
            self._services.people,
            self._case_id,
            f"Person {number}",
            "other",
            self.show_cast_of,
            self.edit_failed.emit,  # an undo a colleague's later save refuses
        )
        try:
            person: PersonInfo = command.apply()
        except DeepDiveError as exc:
            self.edit_failed.emit(str(exc))
            return None
        self._push(command)
        self.model.set_rows(self._services.people.list_people(self._case_id))
        row = self.model.rowCount() - 1
        index = self.model.index(row, PeopleColumn.PSEUDONYM)
        self.table.setCurrentIndex(index)
        self.table.edit(index)
        return person

    def remove_selected(self) -> None:
        """Remove the selected person from the cast."""
        index = self.table.currentIndex()
        if self._case_id is None or not index.isValid():
            return
        person = self.model.person_at(index.row())
        command = RemovePersonCommand(
            self._services.people, person, self.show_cast_of, self.edit_failed.emit
        )
        try:
            command.apply()
        except DeepDiveError as exc:
            self.edit_failed.emit(str(exc))
        else:
            self._push(command)
        self.model.set_rows(self._services.people.list_people(self._case_id))

    def show_cast_of(self, case_id: int) -> None:
        """The cast of ``case_id`` changed by an undo or redo: show it as it is now."""
        if case_id == self._case_id:
            self.model.set_rows(self._services.people.list_people(case_id))

    def holds_typed_text(self) -> bool:
        """Whether a cell's editor holds text typed but not saved yet: Undo waits for it,
        since its save (on Enter or leaving the cell) would come after the undone step."""
        if self.table.state() != QAbstractItemView.State.EditingState:
            return False
        saved = str(self.table.currentIndex().data(Qt.ItemDataRole.EditRole) or "")
        for editor in self.table.viewport().findChildren(QWidget):
            if not editor.isVisible():
                continue
            if isinstance(editor, QComboBox) and editor.currentText() != saved:
                return True
            if isinstance(editor, QLineEdit) and editor.isModified():
                return True
        return False

    def _push(self, command: QUndoCommand) -> None:
        # (Not while the window is torn down: the change is made, with no step.)
        if self._undo_stack is not None and shiboken6.isValid(self._undo_stack):
            self._undo_stack.push(command)

    def _save_field(self, person_id: int, field: str, value: str) -> PersonInfo:
        rows = (self.model.person_at(row) for row in range(self.model.rowCount()))
        person = next(p for p in rows if p.id == person_id)
        typed = None if field == "agency" and value == self.NO_AGENCY else value
        if (getattr(person, field) or None) == (typed or None):
            return person  # an editor closed without a change: no step to undo
        self._saving = True
        try:
            return save_typing(
                self.conflict_note,
                person,
                lambda: self._save_at(person, field, typed, person.version),
                # A colleague saved this person since the cast was read: both versions.
                lambda: save_after_refusal(
                    self, self.ask, self._services.people, person, field, typed, self._save_at
                ),
                lambda: set_aside_for_removed(person, field, typed),  # they were removed
                self._reloading.request_quietly,
            )
        finally:
            self._saving = False

    def _read_cast(self) -> None:
        if self._case_id is not None:
            self.show_cast_of(self._case_id)

    def _save_at(self, person: PersonInfo, field: str, value: object, version: int) -> PersonInfo:
        """Save one field of ``person`` at the row ``version`` read, as an undo step."""
        typed = None if value is None else str(value)
        command = PersonFieldCommand(
            self._services.people,
            person,
            field,
            typed,
            self.show_cast_of,
            report=self.edit_failed.emit,  # an undo a colleague's later save refuses
            expected_version=version,
        )
        saved: PersonInfo = command.apply()  # a refused value raises: no undo step
        self._push(command)
        return saved
