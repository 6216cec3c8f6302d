"""The template library: browse templates, edit or copy them, import and export files."""

from __future__ import annotations

import dataclasses
from html import escape
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.files.special import refuse_special_file
from deepdive.services import Services
from deepdive.services.changes import Change, Entity
from deepdive.services.session_results import ImportResult, TemplateEntry, TemplateSource
from deepdive.templates import Template, load_template_file
from deepdive.text.markdown import markdown_to_html
from deepdive.ui.sessions.stage_form import KIND_LABELS
from deepdive.ui.sessions.template_editor import TemplateEditor
from deepdive.ui.sessions.template_undo import TemplateCommand
from deepdive.ui.widgets.change_relay import ChangeRelay
from deepdive.ui.widgets.prompts import Prompter
from deepdive.ui.widgets.rows_model import RowsTableModel
from deepdive.ui.widgets.window_undo import WindowUndo

Index = QModelIndex | QPersistentModelIndex
TEMPLATE_FILTER = "Session templates (*.yaml *.yml);;All files (*)"
_HEADERS = ("Template", "Version", "Source", "Stages", "Minutes", "Sessions")


class TemplateFiles:
    """Asks where to read or write a template file (tests give scripted answers)."""

    def import_path(self, parent: QWidget | None) -> Path | None:
        """Choose a template file to import."""
        name, _ = QFileDialog.getOpenFileName(
            parent, QCoreApplication.translate("TemplateFiles", "Import template"), "",
            TEMPLATE_FILTER,
        )  # fmt: skip
        return Path(name) if name else None

    def export_path(self, parent: QWidget | None, suggested: str) -> Path | None:
        """Choose where to write a template file."""
        name, _ = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("TemplateFiles", "Export template"), suggested,
            TEMPLATE_FILTER,
        )  # fmt: skip
        return Path(name) if name else None


class TemplateTableModel(RowsTableModel[TemplateEntry]):
    """The library's templates, one row each (their newest versions)."""

    HEADERS = _HEADERS

    def entry_at(self, row: int) -> TemplateEntry:
        """The entry in ``row``."""
        return self._rows[row]

    def row_of(self, key: str) -> int:
        """The row of the template with this id, or -1."""
        return next((row for row, e in enumerate(self._rows) if e.key == key), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        e = self._rows[index.row()]
        cells = (
            e.name,
            str(e.version),
            e.source.label,
            str(e.stage_count),
            str(e.total_minutes),
            str(e.sessions),
        )
        return cells[index.column()]


class TemplateLibraryDialog(QDialog):
    """Browse the templates; edit (as a new version), copy, import, export, remove."""

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        prompter: Prompter | None = None,
        files: TemplateFiles | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        """Saving, importing and removing are steps on ``undo_stack`` (the workspace's),
        which Ctrl+Z here undoes too."""
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        if undo_stack is not None:
            self.undo = WindowUndo(self, undo_stack)
        # An undo changes the library: show it as it is.
        self._relay = ChangeRelay(services.changes, self)
        self._relay.changed.connect(self._on_changed)
        self.destroyed.connect(lambda *_args, relay=self._relay: relay.detach())
        self._prompter = prompter or Prompter()
        self._files = files or TemplateFiles()
        self.setWindowTitle(self.tr("Session templates"))
        self.resize(1100, 700)
        self.model = TemplateTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Templates"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName(self.tr("The selected template"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        self.edit_button = self._button(self.tr("Edit…"), "Edit the selected template", buttons)
        self.copy_button = self._button(
            self.tr("Copy as new…"), "Copy the selected template as a new one", buttons
        )
        buttons.addStretch(1)
        self.import_button = self._button(self.tr("Import…"), "Import a template file", buttons)
        self.export_button = self._button(
            self.tr("Export…"), "Export the selected template to a file", buttons
        )
        self.remove_button = self._button(
            self.tr("Remove"), "Remove the selected template from this workspace", buttons
        )
        self.edit_button.clicked.connect(self.edit_selected)
        self.copy_button.clicked.connect(self.copy_selected)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.reload()

    def _button(self, text: str, name: str, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(self.tr(name))
        row.addWidget(button)
        return button

    def reload(self, select: str | None = None) -> None:
        """Read the library again."""
        current = self.selected()
        wanted = select or (current.key if current else None)
        self.model.set_rows(self._services.templates.list_templates())
        row = self.model.row_of(wanted) if wanted else -1
        self.table.selectRow(max(0, row))
        self._show_selected()

    def selected(self) -> TemplateEntry | None:
        """The selected entry, if any."""
        index = self.table.currentIndex()
        return self.model.entry_at(index.row()) if index.isValid() else None

    def select(self, key: str) -> None:
        """Select the template with this id."""
        self.table.selectRow(self.model.row_of(key))

    def _show_selected(self) -> None:
        entry = self.selected()
        self.remove_button.setEnabled(
            entry is not None and entry.source is not TemplateSource.BUILTIN
        )
        for button in (self.edit_button, self.copy_button, self.export_button):
            button.setEnabled(entry is not None)
        if entry is None:
            self.preview.setHtml("")
            return
        self.preview.setHtml(template_html(self._services.templates.get(entry.key)))

    # ------------------------------------------------------------- commands
    def edit_selected(self) -> TemplateEntry | None:
        """Edit the selected template; saving adds a new version."""
        entry = self.selected()
        if entry is None:
            return None
        return self._edit(self._services.templates.get(entry.key), as_new=False)

    def copy_selected(self) -> TemplateEntry | None:
        """Start a new template from the selected one, under a new id."""
        entry = self.selected()
        if entry is None:
            return None
        template = self._services.templates.get(entry.key)
        copy = dataclasses.replace(
            template, id=f"{template.id}-copy", name=f"{template.name} (copy)", version=1
        )
        return self._edit(copy, as_new=True)

    def open_editor(self, template: Template, *, as_new: bool) -> TemplateEditor:
        """The editor for ``template`` (shown by the caller)."""
        return TemplateEditor(
            self._services, template, self, as_new=as_new, undo_stack=self._undo_stack
        )

    def _edit(self, template: Template, *, as_new: bool) -> TemplateEntry | None:
        editor = self.open_editor(template, as_new=as_new)
        editor.exec()
        editor.deleteLater()
        if editor.saved_entry is not None:
            self.reload(select=editor.saved_entry.key)
            self._say(
                self.tr("Saved '{name}' as version {v}.").format(
                    name=editor.saved_entry.name, v=editor.saved_entry.version
                )
            )
        return editor.saved_entry

    def import_file(self) -> TemplateEntry | None:
        """Choose a template file, check it and add it to the library."""
        path = self._files.import_path(self)
        if path is None:
            return None
        try:
            refuse_special_file(path)  # a typed name can be a pipe: reading it would wait
            templates = self._services.templates
            key = load_template_file(path).id
            command = TemplateCommand(
                templates,
                key,
                lambda: templates.import_file(path),
                self.tr("Import template “{name}”").format(name=path.name),
            )
            result: ImportResult = command.apply()
        except DeepDiveError as exc:
            self._prompter.warn(self, self.tr("Import template"), str(exc))
            return None
        self._push(command)
        self.reload(select=result.entry.key)
        self._say(result.message)
        return result.entry

    def export_selected(self) -> Path | None:
        """Write the selected template to a file to share it."""
        entry = self.selected()
        if entry is None:
            return None
        path = self._files.export_path(self, f"{entry.key}.yaml")
        if path is None:
            return None
        try:
            written = self._services.templates.export_file(entry.key, path)
        except DeepDiveError as exc:
            self._prompter.warn(self, self.tr("Export template"), str(exc))
            return None
        self._say(self.tr("Wrote '{name}' to {path}.").format(name=entry.name, path=written))
        return written

    def remove_selected(self) -> bool:
        """Remove a template written, edited or imported here (built-ins come back)."""
        entry = self.selected()
        if entry is None or entry.source is TemplateSource.BUILTIN:
            return False
        if not self._prompter.confirm(
            self,
            self.tr("Remove template"),
            self.tr(
                "Remove '{name}' and its earlier versions from this workspace? A built-in "
                "template of the same id comes back."
            ).format(name=entry.name),
            self.tr("Remove"),
        ):
            return False
        templates = self._services.templates
        command = TemplateCommand(
            templates,
            entry.key,
            lambda: templates.remove(entry.key),
            self.tr("Remove template “{name}”").format(name=entry.name),
        )
        try:
            command.apply()
        except DeepDiveError as exc:
            self._prompter.warn(self, self.tr("Remove template"), str(exc))
            return False
        self._push(command)
        self.reload()
        return True

    def _push(self, command: QUndoCommand) -> None:
        if self._undo_stack is not None and shiboken6.isValid(self._undo_stack):
            self._undo_stack.push(command)

    def _on_changed(self, change: Change) -> None:
        if change.entity is Entity.TEMPLATE:
            entry = self.selected()
            self.reload(select=entry.key if entry is not None else None)

    def _say(self, text: str) -> None:
        self.message.setText(text)


def template_html(template: Template) -> str:
    """A readable page about a template: what it is for and its stages."""
    parts = [
        f"<h2>{escape(template.name)}</h2>",
        f"<p style='color:#5f6b73'>Version {template.version} · about "
        f"{template.total_minutes} minutes · id <code>{escape(template.id)}</code></p>",
        markdown_to_html(template.description),
    ]
    if template.audience:
        parts.append(f"<p><b>Who is in the room:</b> {escape(template.audience)}</p>")
    parts.append("<ol>")
    for stage in template.stages:
        kind = KIND_LABELS[stage.response.kind].lower()
        parts.append(
            f"<li><b>{escape(stage.title)}</b> — {stage.minutes} min, {escape(kind)}"
            f"<br><span style='color:#5f6b73'>{escape(stage.purpose)}</span></li>"
        )
    parts.append("</ol>")
    return "".join(parts)
