"""The template editor: stages as a reorderable list, a form per stage, checks as you type.

Saving adds a new version of the template to the workspace's library (or a new
template, for a copy); sessions that used an earlier version keep it unchanged.
"""

from __future__ import annotations

import dataclasses

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.session_results import TemplateEntry
from deepdive.services.template_checks import TemplateProblem, check_template
from deepdive.templates import ResponseKind, ResponseSpec, Stage, Template
from deepdive.templates.loader import MAX_TOTAL_MINUTES
from deepdive.text.clean import clean_line
from deepdive.ui.privacy.line_edits import watch_now
from deepdive.ui.privacy.text_watch import TextWatch
from deepdive.ui.sessions.stage_form import FieldNote, StageForm
from deepdive.ui.sessions.template_undo import TemplateCommand

STAGE_INDEX_ROLE = Qt.ItemDataRole.UserRole + 1


class TemplateEditor(QDialog):
    """Edits a copy of a template; Save adds it to the library as a new version."""

    def __init__(
        self,
        services: Services,
        template: Template,
        parent: QWidget | None = None,
        *,
        as_new: bool = False,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        """Saving is a step on ``undo_stack`` (the workspace's), when given."""
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self._original = template
        self._as_new = as_new
        self._stages: list[Stage] = list(template.stages)
        self._problems: list[TemplateProblem] = []
        self._loading = False
        self.saved_entry: TemplateEntry | None = None
        self.setWindowTitle(
            self.tr("New template")
            if as_new
            else self.tr("Edit template: {name}").format(name=template.name)
        )
        self.resize(1200, 820)

        self.name = QLineEdit(template.name, self)
        self.template_id = QLineEdit(template.id, self)
        self.template_id.setReadOnly(not as_new)
        self.description = QPlainTextEdit(template.description, self)
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        # A template is shared with other teams: what is typed here is checked as in
        # every other field (underlines, right-click fixes, visible direction marks).
        TextWatch(self.description)
        self.audience = QLineEdit(template.audience or "", self)
        self.total = QSpinBox(self)
        self.total.setRange(0, MAX_TOTAL_MINUTES)
        self.total.setSpecialValueText(self.tr("the sum of the stages"))
        self.total.setSuffix(self.tr(" min"))
        self.total.setValue(template.planned_minutes or 0)
        for widget, name in (
            (self.name, "Template name"),
            (self.template_id, "Template id"),
            (self.description, "Template description"),
            (self.audience, "Who is in the room"),
            (self.total, "Planned length"),
        ):
            widget.setAccessibleName(self.tr(name))
        self.notes = {field: FieldNote(self) for field in ("name", "id", "description")}
        watch_now(self.name, self.audience)

        self.stage_list = QListWidget(self)
        self.stage_list.setAccessibleName(self.tr("Stages, in order"))
        self.stage_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.stage_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.stage_list.setWordWrap(True)
        self.stage_list.setMinimumWidth(240)
        self.stage_list.model().rowsMoved.connect(self._on_rows_moved)
        self.up_button = QPushButton(self.tr("Move up"), self)
        self.down_button = QPushButton(self.tr("Move down"), self)
        self.add_button = QPushButton(self.tr("Add stage"), self)
        self.remove_button = QPushButton(self.tr("Remove stage"), self)
        for button, name in (
            (self.up_button, "Move the selected stage up"),
            (self.down_button, "Move the selected stage down"),
            (self.add_button, "Add a stage after the selected one"),
            (self.remove_button, "Remove the selected stage"),
        ):
            button.setAccessibleName(self.tr(name))
        self.up_button.clicked.connect(lambda: self.move_stage(-1))
        self.down_button.clicked.connect(lambda: self.move_stage(1))
        self.add_button.clicked.connect(self.add_stage)
        self.remove_button.clicked.connect(self.remove_stage)
        self.form = StageForm(self)
        self.form.stage_edited.connect(self._on_stage_edited)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setAccessibleName(self.tr("Save the template"))
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        about = QFormLayout()
        about.addRow(self.tr("&Name"), _noted(self.name, self.notes["name"]))
        about.addRow(self.tr("I&d"), _noted(self.template_id, self.notes["id"]))
        about.addRow(self.tr("&Description"), _noted(self.description, self.notes["description"]))
        about.addRow(self.tr("&Who is in the room"), self.audience)
        about.addRow(self.tr("&Planned length"), self.total)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("Stages (drag to reorder)"), self)
        caption.setObjectName("sectionHeading")
        caption.setBuddy(self.stage_list)
        left_layout.addWidget(caption)
        left_layout.addWidget(self.stage_list, 1)
        moves = QHBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        changes = QHBoxLayout()
        changes.addWidget(self.add_button)
        changes.addWidget(self.remove_button)
        left_layout.addLayout(moves)
        left_layout.addLayout(changes)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(about)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        for line in (self.name, self.template_id, self.audience):
            line.textEdited.connect(self._revalidate)
        self.description.textChanged.connect(self._revalidate)
        self.total.valueChanged.connect(self._revalidate)
        self._fill_stage_list()
        if self._stages:
            self.stage_list.setCurrentRow(0)
        self.stage_list.currentRowChanged.connect(self._on_stage_selected)
        self._on_stage_selected(self.stage_list.currentRow())
        self._revalidate()

    # ------------------------------------------------------------ the template
    def template(self) -> Template:
        """The template as the editor shows it now."""
        total = self.total.value()
        return dataclasses.replace(
            self._original,
            id=self.template_id.text().strip(),
            name=clean_line(self.name.text()),
            description=self.description.toPlainText().strip(),
            audience=clean_line(self.audience.text()) or None,
            planned_minutes=total or None,
            stages=tuple(self._stages),
        )

    @property
    def problems(self) -> list[TemplateProblem]:
        """What must be fixed before the template can be saved."""
        return list(self._problems)

    def save(self) -> TemplateEntry | None:
        """Add the edited template to the library; keeps the editor open if refused."""
        self._revalidate()
        if self._problems:
            return None
        templates, template = self._services.templates, self.template()
        save = templates.add_new if self._as_new else templates.save_new_version
        step = (
            self.tr("Add template “{name}”") if self._as_new else self.tr("Edit template “{name}”")
        )
        command = TemplateCommand(
            templates, template.id, lambda: save(template), step.format(name=template.name)
        )
        try:
            entry: TemplateEntry = command.apply()
        except DeepDiveError as exc:
            self.status.setText(str(exc))
            return None
        if self._undo_stack is not None and shiboken6.isValid(self._undo_stack):
            self._undo_stack.push(command)
        self.saved_entry = entry
        self.accept()
        return entry

    def _revalidate(self, *_args: object) -> None:
        template = self.template()
        self._problems = check_template(template)
        top = {p.field: p.message for p in self._problems if p.stage is None}
        for field, note in self.notes.items():
            note.show_problem(top.get(field, ""))
        row = self.stage_list.currentRow()
        self.form.show_problems([p for p in self._problems if p.stage == row])
        troubled = {p.stage for p in self._problems if p.stage is not None}
        for index in range(self.stage_list.count()):
            self._label_item(index, index in troubled)
        unchanged = not self._as_new and dataclasses.replace(
            template, version=0
        ) == dataclasses.replace(self._original, version=0)
        if self._problems:
            count = len(self._problems)
            others = [p.message for p in self._problems if p.stage not in (None, row)]
            where = self.tr(" (see the stages marked ⚠)") if others else ""
            self.status.setText(
                self.tr("{n} thing(s) to fix before saving{where}: {first}").format(
                    n=count, where=where, first=self._problems[0].message
                )
            )
        elif unchanged:
            self.status.setText(self.tr("No changes yet."))
        elif self._as_new:
            self.status.setText(self.tr("Ready to save as a new template."))
        else:
            version = self._services.templates.next_version(template.id)
            self.status.setText(
                self.tr(
                    "Ready to save as version {v}. Sessions that used earlier versions keep them."
                ).format(v=version)
            )
        self.save_button.setEnabled(not self._problems and not unchanged)

    # ---------------------------------------------------------------- stages
    def move_stage(self, step: int) -> None:
        """Move the selected stage up (-1) or down (+1)."""
        row = self.stage_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < len(self._stages):
            return
        self._stages[row], self._stages[target] = self._stages[target], self._stages[row]
        self._fill_stage_list()
        self.stage_list.setCurrentRow(target)
        self._revalidate()

    def add_stage(self) -> None:
        """Add a new stage after the selected one."""
        taken = {s.id for s in self._stages}
        number = len(self._stages) + 1
        while f"stage-{number}" in taken:
            number += 1
        stage = Stage(
            id=f"stage-{number}",
            title="",
            purpose="",
            guidance="",
            prompts=(),
            minutes=10,
            response=ResponseSpec(kind=ResponseKind.TEXT),
        )
        row = self.stage_list.currentRow() + 1
        self._stages.insert(row, stage)
        self._fill_stage_list()
        self.stage_list.setCurrentRow(row)
        self.form.title.setFocus()
        self._revalidate()

    def remove_stage(self) -> None:
        """Remove the selected stage."""
        row = self.stage_list.currentRow()
        if row < 0:
            return
        del self._stages[row]
        self._fill_stage_list()
        self.stage_list.setCurrentRow(min(row, len(self._stages) - 1))
        self._revalidate()

    def _fill_stage_list(self) -> None:
        self._loading = True
        self.stage_list.clear()
        for index in range(len(self._stages)):
            item = QListWidgetItem()
            item.setData(STAGE_INDEX_ROLE, index)
            self.stage_list.addItem(item)
        for index in range(len(self._stages)):
            self._label_item(index, False)
        self._loading = False
        self.form.setEnabled(bool(self._stages))

    def _label_item(self, index: int, troubled: bool) -> None:
        stage = self._stages[index]
        item = self.stage_list.item(index)
        mark = "⚠ " if troubled else ""
        title = stage.title or self.tr("(untitled stage)")
        item.setText(
            mark
            + self.tr("{number}. {title}\n{minutes} min").format(
                number=index + 1, title=title, minutes=stage.minutes
            )
        )

    def _on_stage_selected(self, row: int) -> None:
        if self._loading or not 0 <= row < len(self._stages):
            return
        self.form.show_stage(self._stages[row])
        self.form.show_problems([p for p in self._problems if p.stage == row])

    def _on_stage_edited(self, stage: Stage) -> None:
        row = self.stage_list.currentRow()
        if 0 <= row < len(self._stages):
            self._stages[row] = stage
            self._revalidate()

    def _on_rows_moved(self, *_args: object) -> None:
        if self._loading:
            return
        # A drag reordered the list widget: take the new order from its items.
        order = [
            int(self.stage_list.item(i).data(STAGE_INDEX_ROLE))
            for i in range(self.stage_list.count())
        ]
        moved_to = self.stage_list.currentRow()
        self._stages = [self._stages[i] for i in order]
        self._fill_stage_list()
        self.stage_list.setCurrentRow(moved_to)
        self._revalidate()


def _noted(widget: QWidget, note: FieldNote) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(note)
    note.setParent(box)
    return box
