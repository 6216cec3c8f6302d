"""The case overview: pseudonym, birth, status, tags, summary and cast, saved as typed."""

from __future__ import annotations

from itertools import pairwise

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from deepdive.domain.vocabulary import CaseStatus
from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.errors import ChangedElsewhereError
from deepdive.services.results import CaseDetail
from deepdive.ui.cases.case_undo import CaseFieldsCommand
from deepdive.ui.cases.cast_panel import CastPanel
from deepdive.ui.cases.overview_versions import OverviewVersions
from deepdive.ui.conflicts.dialog import ask_with_dialog
from deepdive.ui.editors.autosave import CaseSaves
from deepdive.ui.editors.markdown_editor import MarkdownEditor


class FieldMessage(QLabel):
    """A message shown right under the field it is about."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldMessage")
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str) -> None:
        """Show ``text`` (empty hides the message)."""
        self.setText(text)
        self.setVisible(bool(text))


_FIELD_NAMES = {
    "pseudonym": "the pseudonym",
    "birth": "the birth month",
    "tags": "the tags",
}


class CaseOverviewPanel(QWidget):
    """Edits one case. Every change is saved after a short pause or on leaving a field.

    ``saved`` means everything typed is in the workspace; while a field's text is
    refused (kept in the field, its reason under it) ``save_failed`` says so instead.
    """

    saved = Signal()
    save_failed = Signal(str)

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self._case: CaseDetail | None = None
        self._loading = False
        self._resolving = False
        # The row version each case was read at, and what to do when a colleague saved
        # first (see overview_versions).
        self.versions = OverviewVersions(services.cases, ask_with_dialog)
        self._saves = CaseSaves(self._write, self)
        self._saves.saved.connect(self._on_saved)
        self._saves.save_failed.connect(self._on_save_failed)
        self._build()

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("caseTitle")
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("caseSubtitle")
        # What became of typing a colleague's save got in the way of (both kept, or
        # theirs kept and yours set aside).
        self.conflict_note = FieldMessage(self)
        self.empty_hint = QLabel(
            self.tr("Choose a case on the left, or create one with Case ▸ New case (Ctrl+N)."),
            self,
        )
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)

        self.pseudonym = QLineEdit(self)
        self.pseudonym.setAccessibleName(self.tr("Young person's pseudonym"))
        self.pseudonym.setPlaceholderText(self.tr("A pseudonym, never a real name"))
        self.birth = QLineEdit(self)
        self.birth.setAccessibleName(self.tr("Approximate birth month"))
        self.birth.setPlaceholderText(self.tr("YYYY-MM, e.g. 2004-05"))
        self.birth.setMaximumWidth(160)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Status"))
        for state in CaseStatus:
            self.status.addItem(self.tr(state.label), state.value)
        self.edge_of_care = QCheckBox(self.tr("On the edge of care"), self)
        self.tags = QLineEdit(self)
        self.tags.setAccessibleName(self.tr("Tags"))
        self.tags.setPlaceholderText(self.tr("Comma-separated, e.g. missing episodes, CAMHS"))
        self.messages = {name: FieldMessage(self) for name in ("pseudonym", "birth", "tags")}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("&Pseudonym"), _stack(self.pseudonym, self.messages["pseudonym"]))
        form.addRow(self.tr("&Born (approx.)"), _stack(self.birth, self.messages["birth"]))
        form.addRow(self.tr("S&tatus"), _row(self.status, self.edge_of_care))
        form.addRow(self.tr("T&ags"), _stack(self.tags, self.messages["tags"]))

        self.summary = MarkdownEditor(self.tr("Summary"), self)
        self.summary.setMinimumHeight(180)
        self.cast = CastPanel(self._services, self, self._undo_stack)
        self.cast.edit_failed.connect(
            lambda message: self.save_failed.emit(self.tr("Not saved: {why}").format(why=message))
        )

        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.conflict_note)
        layout.addLayout(form)
        layout.addWidget(_section(self.tr("Summary")))
        layout.addWidget(self.summary, 3)
        layout.addWidget(_section(self.tr("Cast (pseudonyms, roles, agencies and notes)")))
        layout.addWidget(self.cast, 2)
        self.form_area = content

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.empty_hint)
        outer.addWidget(scroll)
        self._scroll = scroll

        self.pseudonym.textEdited.connect(lambda text: self._edit("pseudonym", text))
        self.pseudonym.editingFinished.connect(self.flush)
        self.birth.textEdited.connect(lambda text: self._edit("birth", text))
        self.birth.editingFinished.connect(self.flush)
        self.tags.textEdited.connect(lambda text: self._edit("tags", _split_tags(text)))
        self.tags.editingFinished.connect(self.flush)
        self.status.activated.connect(
            lambda _i: self._edit("status", self.status.currentData(), at_once=True)
        )
        self.edge_of_care.toggled.connect(lambda on: self._edit("edge_of_care", on, at_once=True))
        self.summary.text_edited.connect(lambda text: self._edit("summary", text))
        self.summary.editing_finished.connect(self.flush)
        # Fields are re-parented into the form after they are made, so the focus chain
        # is set explicitly to follow the reading order.
        chain = [
            self.pseudonym,
            self.birth,
            self.status,
            self.edge_of_care,
            self.tags,
            self.summary.editor,
            self.cast.table,
            self.cast.add_button,
            self.cast.remove_button,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.show_case(None)

    # ------------------------------------------------------------------ state
    @property
    def case_id(self) -> int | None:
        """The case being edited, if any."""
        return self._case.id if self._case else None

    def show_case(self, case: CaseDetail | None) -> None:
        """Edit ``case`` (saving any pending edits to the previous one first)."""
        self._saves.switch_to(case.id if case else None)
        self._case = case
        self._scroll.setVisible(case is not None)
        self.empty_hint.setVisible(case is None)
        for message in (*self.messages.values(), self.conflict_note):
            message.show_message("")
        if case is None:
            return
        self.versions.remember(case)
        self._loading = True
        self._show_heading(case)
        self.pseudonym.setText(case.pseudonym)
        self.birth.setText(case.birth_text)
        self.status.setCurrentIndex(max(0, self.status.findData(case.status)))
        self.edge_of_care.setChecked(case.edge_of_care)
        self.tags.setText(", ".join(case.tags))
        self.summary.set_markdown(case.summary)
        self.cast.show_case(case)
        self._show_drafts()
        self._loading = False

    def _show_drafts(self) -> None:
        """Show what this case refused before it was left, in its fields with why."""
        drafts = self._saves.drafts
        fields = {"pseudonym": self.pseudonym, "birth": self.birth, "tags": self.tags}
        for field, (value, why) in drafts.items():
            line = fields.get(field)
            if line is None:
                continue
            line.setText(", ".join(value) if isinstance(value, list) else str(value))
            self.messages[field].show_message(self.tr("Not saved. {why}").format(why=why))
        refused = self.refused_fields()
        if refused:
            self.save_failed.emit(
                self.tr("Still not saved: {fields} (the reason is beside it).").format(
                    fields=self.tr(" and ").join(refused)
                )
            )

    def refresh_heading(self, case: CaseDetail) -> None:
        """Update the title after a change made elsewhere (rename, archive, a colleague's
        save: its fields are shown too when nothing typed is waiting)."""
        if self._case and case.id == self._case.id:
            self._case = case
            self._show_heading(case)
            # Saved by someone else (or by this window): with nothing typed waiting, show
            # it and build on it; typing waiting to be saved is checked when it saves.
            if case.version != self.versions.expected(case.id) and not self.has_unsaved_edits:
                self.show_changed(case)

    def flush(self) -> bool:
        """Save pending edits now (also those of cases left earlier); False if any failed."""
        return self._saves.flush()

    @property
    def has_unsaved_edits(self) -> bool:
        """Whether some typing has not reached the workspace yet."""
        return self._saves.has_pending

    # ---------------------------------------------------------------- editing
    def _edit(self, field: str, value: object, at_once: bool = False) -> None:
        if self._loading or self._case is None:
            return
        if field in self.messages:
            self.messages[field].show_message("")
        self._saves.set(field, value)
        if at_once:
            self.flush()

    def _write(self, case_id: int | None, fields: dict[str, object]) -> None:
        if case_id is None or self._resolving:
            return  # (while both versions are shown, the choice made saves what was typed)
        try:
            self._save(case_id, fields, self.versions.expected(case_id))
        except ChangedElsewhereError:
            self._resolving = True
            try:
                outcome = self.versions.resolve(self, case_id, fields)
            finally:
                self._resolving = False
            shown = outcome.theirs
            if outcome.save:
                shown = self._save(case_id, outcome.save, outcome.theirs.version)
            self.show_changed(shown)
            if self._case is not None and self._case.id == case_id:
                self.conflict_note.show_message(outcome.message)

    def _save(self, case_id: int, fields: dict[str, object], version: int | None) -> CaseDetail:
        """Save ``fields`` at the row version read (one undo step per save: per field,
        per pause in typing)."""
        command = CaseFieldsCommand(
            self._services.cases, case_id, fields, self.show_changed, expected_version=version
        )
        updated: CaseDetail = command.apply()  # a refusal raises and never reaches the stack
        # (Not while the window is torn down: the last typing is saved, with no step.)
        if self._undo_stack is not None and shiboken6.isValid(self._undo_stack):
            self._undo_stack.push(command)
        self.versions.remember(updated)
        if self._case is not None and self._case.id == case_id:
            self._case = updated
            self._show_heading(updated)
        return updated

    def show_changed(self, case: CaseDetail) -> None:
        """``case`` was changed by an undo or redo: its fields show its values now."""
        if self._case is None or self._case.id != case.id:
            return
        self._case = case
        self.versions.remember(case)
        self._loading = True
        self._show_heading(case)
        shown = {
            self.pseudonym: case.pseudonym,
            self.birth: case.birth_text,
            self.tags: ", ".join(case.tags),
        }
        for line, text in shown.items():
            if line.text() != text:
                line.setText(text)
        self.status.setCurrentIndex(max(0, self.status.findData(case.status)))
        self.edge_of_care.setChecked(case.edge_of_care)
        if self.summary.markdown() != case.summary:
            self.summary.set_markdown(case.summary)
        self._loading = False

    def refused_fields(self) -> list[str]:
        """What the user typed here that was not saved (refused), as "the pseudonym"."""
        names = [self._field_name(field) for field in self._saves.refused]
        if self.cast.model.refused:
            names.append(self.tr("a cast entry"))
        return names

    def _on_saved(self) -> None:
        refused = self.refused_fields()
        if not refused:
            elsewhere = self._codes_with_drafts()
            if not elsewhere:
                self.saved.emit()
                return
            self.save_failed.emit(
                self.tr(
                    "Changes saved; what was typed in {codes} is still not saved (open it to "
                    "see why)."
                ).format(codes=", ".join(elsewhere))
            )
            return
        message = self.tr("Other changes saved; {fields} was not saved (the reason is beside it).")
        self.save_failed.emit(message.format(fields=self.tr(" and ").join(refused)))

    def _codes_with_drafts(self) -> list[str]:
        """The codes of the other cases whose typed values were refused (kept as drafts)."""
        codes = []
        for case_id in self._saves.cases_with_drafts:
            try:
                codes.append(self._services.cases.get(case_id).code)
            except DeepDiveError:
                continue  # deleted since
        return codes

    def _field_name(self, field: str) -> str:
        """How the user knows ``field`` ("the pseudonym"), translated."""
        return self.tr(_FIELD_NAMES[field]) if field in _FIELD_NAMES else field

    def _on_save_failed(self, message: str, field: object, current: bool) -> None:
        if current and isinstance(field, str) and field in self.messages:
            self.messages[field].show_message(self.tr("Not saved. {why}").format(why=message))
            what = self._field_name(field)
            self.save_failed.emit(
                self.tr("{what} was not saved: {why}").format(what=what.capitalize(), why=message)
            )
        else:
            self.save_failed.emit(message)

    def _show_heading(self, case: CaseDetail) -> None:
        self.title.setText(case.pseudonym)
        status = CaseStatus(case.status).label
        archived = self.tr(" · archived") if case.archived else ""
        self.subtitle.setText(f"{case.code} · {self.tr(status)}{archived}")


def _split_tags(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _stack(field: QWidget, message: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(message)
    return box


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return box


def _section(title: str) -> QLabel:
    label = QLabel(title)
    label.setObjectName("sectionHeading")
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return label
