"""The Outcomes tab: where the young person started and where they are now, per domain.

Each outcome domain is one row: the value at the start and when it was measured, the
latest value and when. Rows are saved as they are typed (after a short pause, at
once when a choice is made or the focus moves), like the case overview; there is no
Save button. A value that cannot be saved is explained under its row and nothing of
that row is written until it is put right; the text stays in the box. Edge-of-care
cases also record whether the young person stayed at home or with family. Each row is
saved at the row version it was read at; a colleague's newer save of the same row is
shown beside what was typed (see :mod:`.outcome_versions`).
"""

from __future__ import annotations

from itertools import pairwise

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.changes import Change, Entity
from deepdive.services.errors import ChangedElsewhereError, ValidationError
from deepdive.services.outcomes import OutcomeDomain
from deepdive.services.results import CaseDetail
from deepdive.ui.cases.case_overview_panel import FieldMessage
from deepdive.ui.conflicts.dialog import ask_with_dialog
from deepdive.ui.editors.autosave import CaseSaves
from deepdive.ui.outcomes.fields import typed_from
from deepdive.ui.outcomes.grid import OutcomeGrid, OutcomeRow
from deepdive.ui.outcomes.outcome_versions import OutcomeVersions
from deepdive.ui.outcomes.story_box import StoryBox
from deepdive.ui.outcomes.undo import EDGE, STORY, OutcomeRowCommand
from deepdive.ui.widgets.change_relay import ChangeRelay

MARGIN = 18
STAYED_CHOICES = (
    (None, "Not known yet"),
    (True, "Yes: stayed at home or with family"),
    (False, "No: came into care"),
)


class OutcomesPanel(QWidget):
    """Edits one case's outcomes; see the module docstring."""

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
        self._undo_stack = undo_stack  # each saved row is one step of Edit ▸ Undo
        self._case: CaseDetail | None = None
        self._loading = False
        self._notes: dict[OutcomeDomain, str] = {}
        self._dirty: set[str] = set()  # rows typed into and not yet saved
        # The version each row was read at; a colleague's newer save is asked about.
        self.versions = OutcomeVersions(services, ask_with_dialog)
        self._resolving = False
        self._saves = CaseSaves(self._write, self)
        self._saves.saved.connect(self._on_saved)
        self._saves.save_failed.connect(self._on_save_failed)
        self._build()
        self._relay = ChangeRelay(services.changes, self)
        self._relay.changed.connect(self._on_changed)
        self.show_case(None)

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        self.empty_hint = QLabel(self.tr("Choose a case to record its outcomes."), self)
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        content = QWidget(self)
        heading = QLabel(self.tr("Outcomes"), content)
        heading.setObjectName("sectionHeading")
        hint = QLabel(
            self.tr(
                "Where the young person was when the team started, and where they are now. "
                "Leave a box empty if it was not measured. Saved as you type."
            ),
            content,
        )
        hint.setObjectName("quietHint")
        hint.setWordWrap(True)

        scroll = QScrollArea(self)
        self.grid = OutcomeGrid(scroll, content)
        self.grid.side_margins = 2 * MARGIN
        self.rows: dict[OutcomeDomain, OutcomeRow] = self.grid.rows
        for domain, row in self.rows.items():
            row.start.edited.connect(lambda d=domain: self._edited(d))
            row.latest.edited.connect(lambda d=domain: self._edited(d))
            row.start.chosen.connect(lambda d=domain: self._edited(d, at_once=True))
            row.latest.chosen.connect(lambda d=domain: self._edited(d, at_once=True))
            for box in (row.start_on, row.latest_on):
                box.textEdited.connect(lambda _t, d=domain: self._edited(d))
                box.editingFinished.connect(self.flush)
            for value in (row.start, row.latest):
                if value.line is not None:
                    value.line.editingFinished.connect(self.flush)

        self.edge_box = QGroupBox(self.tr("Edge of care"), content)
        # A tick box's text cannot wrap: a short one, with the explanation beneath it.
        self.edge_of_care = QCheckBox(self.tr("On the edge of care"), self.edge_box)
        self.edge_of_care.setAccessibleName(self.tr("On the edge of care"))
        edge_hint = QLabel(
            self.tr("The team worked to keep the young person at home or with family."),
            self.edge_box,
        )
        edge_hint.setObjectName("quietHint")
        edge_hint.setWordWrap(True)
        self.stayed = QComboBox(self.edge_box)
        self.stayed.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.stayed.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.stayed.setAccessibleName(self.tr("Stayed at home or with family"))
        for answer, text in STAYED_CHOICES:
            self.stayed.addItem(self.tr(text), answer)
        # Wide enough for the longest answer, whatever the language (none cut short).
        longest = max(len(self.stayed.itemText(i)) for i in range(self.stayed.count()))
        self.stayed.setMinimumContentsLength(longest)
        self.stayed_label = QLabel(self.tr("Did they stay at &home or with family?"), self.edge_box)
        self.stayed_label.setBuddy(self.stayed)
        self.stayed_label.setWordWrap(True)
        self.edge_message = FieldMessage(self.edge_box)
        # The question above its answer: side by side they outgrow the tab at 200%.
        stayed_row = QVBoxLayout()
        stayed_row.setSpacing(2)
        stayed_row.addWidget(self.stayed_label)
        stayed_row.addWidget(self.stayed, 0, Qt.AlignmentFlag.AlignLeft)
        edge_layout = QVBoxLayout(self.edge_box)
        edge_layout.addWidget(self.edge_of_care)
        edge_layout.addWidget(edge_hint)
        edge_layout.addLayout(stayed_row)
        edge_layout.addWidget(self.edge_message)
        self.edge_of_care.toggled.connect(lambda _on: self._edited(EDGE, at_once=True))
        self.stayed.activated.connect(lambda _i: self._edited(EDGE, at_once=True))

        self.story_box = StoryBox(content)
        self.story_box.editor.text_edited.connect(lambda _t: self._edited(STORY))
        self.story_box.editor.editing_finished.connect(self.flush)
        self.story_box.draft_button.clicked.connect(self.start_story_from_draft)

        self.save_state = QLabel(content)
        self.save_state.setObjectName("quietHint")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(MARGIN, 14, MARGIN, 14)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.grid)
        layout.addWidget(self.edge_box)
        layout.addWidget(self.story_box)
        layout.addWidget(self.save_state)
        layout.addStretch(1)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        self._scroll = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.empty_hint)
        outer.addWidget(scroll)
        chain: list[QWidget] = [w for row in self.rows.values() for w in row.focus_chain()]
        chain += [self.edge_of_care, self.stayed, self.story_box.draft_button]
        chain += [self.story_box.editor.editor]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    # ------------------------------------------------------------------ state
    @property
    def case_id(self) -> int | None:
        """The case being shown, if any."""
        return self._case.id if self._case else None

    def show_case(self, case: CaseDetail | None) -> None:
        """Show ``case``'s outcomes (saving pending edits to the previous case first)."""
        self._saves.switch_to(case.id if case else None)
        self._case = case
        self._scroll.setVisible(case is not None)
        self.empty_hint.setVisible(case is None)
        self.save_state.setText("")
        self._dirty.clear()
        for row in self.rows.values():
            row.message.show_message("")
        self.edge_message.show_message("")
        self.story_box.message.show_message("")
        if case is not None:
            self._load(everything=True)

    def flush(self) -> bool:
        """Save pending edits now (also those of cases left earlier); False if any failed."""
        return self._saves.flush()

    @property
    def has_unsaved_edits(self) -> bool:
        """Whether some typing has not reached the workspace yet."""
        return self._saves.has_pending

    def _load(self, *, everything: bool) -> None:
        """Show what is stored; unless ``everything``, rows with unsaved typing are kept."""
        if self._case is None:
            return
        try:
            stored = {o.domain: o for o in self._services.outcomes.list_for_case(self._case.id)}
            edge = self._services.outcomes.edge_of_care(self._case.id)
            read_story = self._services.stories.get(self._case.id)
        except DeepDiveError:
            return  # the case went away; the workspace view moves on
        story = read_story.text
        self._notes = {d: o.note for d, o in stored.items()}
        pending = set() if everything else self._dirty
        self._loading = True
        for domain, row in self.rows.items():
            if domain.value not in pending:
                shown = typed_from(stored.get(domain))
                version = stored[domain].version if domain in stored else 1
                self.versions.remember(self._case.id, domain.value, version, shown)
                row.show(shown, force=everything)
        if STORY not in pending:
            self.versions.remember(self._case.id, STORY, read_story.version, story)
        if EDGE not in pending:
            self.versions.remember(self._case.id, EDGE, 0, edge)
            self.edge_of_care.setChecked(edge.edge_of_care)
            self.stayed.setCurrentIndex(max(0, self.stayed.findData(edge.stayed_with_family)))
        if STORY not in pending and (everything or story != self.story_box.text().strip()):
            self.story_box.show_story(story)
        self._loading = False
        self._show_edge_state()

    def start_story_from_draft(self) -> None:
        """Fill an empty story with a draft from the case's summary, learning and outcomes."""
        if self._case is None or self.story_box.text().strip():
            return
        try:
            draft = self._services.stories.draft(self._case.id)
        except DeepDiveError as exc:
            self.story_box.message.show_message(str(exc))
            return
        if not draft:
            self.story_box.message.show_message(
                self.tr("Nothing to start from yet: write the case's summary first.")
            )
            return
        self.story_box.show_story(draft)
        self._edited(STORY, at_once=True)

    def _show_edge_state(self) -> None:
        on = self.edge_of_care.isChecked()
        self.stayed.setEnabled(on)
        self.stayed_label.setEnabled(on)

    # ---------------------------------------------------------------- editing
    def _edited(self, key: OutcomeDomain | str, at_once: bool = False) -> None:
        if self._loading or self._case is None:
            return
        if key == EDGE:
            self._show_edge_state()
            self.edge_message.show_message("")
            value: object = (self.edge_of_care.isChecked(), self.stayed.currentData())
        elif key == STORY:
            self.story_box.message.show_message("")
            value = self.story_box.text()
        else:
            domain = OutcomeDomain(key)
            self.rows[domain].message.show_message("")
            value = self.rows[domain].typed()  # taken now: the case on screen may change
        self._dirty.add(str(key))
        self._saves.set(str(key), value)
        self.save_state.setText(self.tr("Saving…"))
        if at_once:
            self.flush()

    def _write(self, case_id: int | None, fields: dict[str, object]) -> None:
        """Write each row; a row that cannot be saved is reported and written not at all."""
        if case_id is None or self._resolving:
            return  # (while both versions are shown, the choice made saves what was typed)
        refused: ValidationError | None = None
        for key, value in fields.items():
            try:
                try:
                    self._write_step(case_id, key, value)
                except ChangedElsewhereError:
                    self._resolve(case_id, key, value)
                if case_id == self.case_id:
                    self._dirty.discard(key)
            except ValidationError as exc:
                # Named by the row, so the autosave keeps it out of its retry loop.
                refused = refused or ValidationError(str(exc), key)
                self._show_refusal(case_id, key, str(exc))
        if refused is not None:
            raise refused

    def _resolve(self, case_id: int, key: str, value: object) -> None:
        """A colleague saved row ``key`` since it was read: keep both changes, or show
        both versions and save what the user chooses; then show the row as stored."""
        self._resolving = True
        try:
            refusal = self.versions.resolve(self, case_id, key, value)
        finally:
            self._resolving = False
        if refusal.save is not None:
            self._write_step(case_id, key, refusal.save)
        if case_id != self.case_id:
            self.save_failed.emit(refusal.message)
            return
        self._dirty.discard(key)
        self._load(everything=False)
        if key not in (EDGE, STORY):  # shown as stored, even in the box being typed in
            self._loading = True
            self.rows[OutcomeDomain(key)].show(self.versions.shown(case_id, key), force=True)
            self._loading = False
        self._show_refusal(case_id, key, refusal.message)

    def _write_step(self, case_id: int, key: str, value: object) -> None:
        """Save one row as an undo step (a refused value raises and is no step)."""
        label = {EDGE: self.tr("edge of care"), STORY: self.tr("story")}.get(key)
        command = OutcomeRowCommand(
            self._services,
            case_id,
            key,
            lambda: self._write_one(case_id, key, value),
            label or OutcomeDomain(key).label.lower(),
        )
        command.apply()
        if self._undo_stack is not None and shiboken6.isValid(self._undo_stack):
            self._undo_stack.push(command)

    def _write_one(self, case_id: int, key: str, value: object) -> None:
        note = self._notes.get(OutcomeDomain(key), "") if key not in (EDGE, STORY) else ""
        self.versions.save(case_id, key, value, note if case_id == self.case_id else "")

    def _show_refusal(self, case_id: int, key: str, message: str) -> None:
        if case_id != self.case_id:
            self.save_failed.emit(message)
        elif key == EDGE:
            self.edge_message.show_message(message)
        elif key == STORY:
            self.story_box.message.show_message(message)
        else:
            self.rows[OutcomeDomain(key)].message.show_message(message)

    def _on_saved(self) -> None:
        self.save_state.setText(self.tr("All changes saved"))
        self.saved.emit()

    def _on_save_failed(self, message: str, field: object, _current: bool) -> None:
        if isinstance(field, str) and (field in (EDGE, STORY) or field in set(OutcomeDomain)):
            self.save_state.setText(self.tr("Not saved: put right the value named above."))
            return  # already shown under its row
        self.save_state.setText(
            self.tr(
                "Not saved yet: {reason} Your typing is kept and saving will be retried."
            ).format(reason=message)
        )
        self.save_failed.emit(message)

    def _on_changed(self, change: Change) -> None:
        if self._case is None or change.case_id != self._case.id:
            return
        if change.entity in (Entity.OUTCOME, Entity.CASE, Entity.STORY):
            self._load(everything=False)
