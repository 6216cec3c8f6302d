"""The event editor beside the chronology table: every field, saved as it is typed.

Keyboard first: Tab moves through the fields in reading order, Ctrl+Enter saves and
starts the next event, Escape goes back to the table. A new event is a draft until
it has a date and says what happened; it is then added (one undo step) and later
typing edits it (one undo step per field). Dates may be typed as agencies write
them (14/03/2016, Mar 2016, about 2015, early 2016), periods too (summer term 2016,
2015/16: the end is set with them); the line under the date says how it was
read and the young person's age then. A refused value is explained beside its field
and nothing is saved half-done. Every save carries the row version the editor read, so
a colleague's newer save is never written over (see :mod:`.editor_versions`).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from deepdive.errors import DeepDiveError
from deepdive.services.errors import ValidationError
from deepdive.services.events import EventInput, EventRow
from deepdive.services.results import CaseDetail
from deepdive.ui.chronology.display import (
    birth_of,
    readable,
)
from deepdive.ui.chronology.drafts import DraftValues, draft_values, fill_form
from deepdive.ui.chronology.editor_fields import SPLIT
from deepdive.ui.chronology.editor_form import CHOICE_FIELDS, LINE_FIELDS, TEXT_FIELDS
from deepdive.ui.chronology.editor_versions import Load, Update, VersionedEventFields
from deepdive.ui.editors.autosave import MAX_WAIT_MS, PendingSaves
from deepdive.ui.widgets import key_bindings as keys

DRAFT_PAUSE_MS = 800

Create = Callable[[EventInput], EventRow]
__all__ = ["Create", "EventEditor", "Load", "Update"]


class EventEditor(VersionedEventFields):
    """Edits one event; see the module docstring (the fields are laid out by EventForm)."""

    add_next_requested = Signal()
    leave_requested = Signal()
    # An unfinished new event, to keep (its fields' values) or to forget (None).
    draft_kept = Signal(object)

    def __init__(
        self,
        create: Create,
        update: Update,
        parent: QWidget | None = None,
        load: Load | None = None,
    ) -> None:
        """``update`` saves changes at the row version read; ``load`` reads an event
        afresh when a colleague saved it first (see :mod:`.editor_versions`)."""
        super().__init__(update, load, parent)
        self._create = create
        self._event: EventRow | None = None
        self._draft = False
        self._typed = False
        self._saves = PendingSaves(self._write, self)
        self._retrying: list[PendingSaves] = []
        self._saves.save_failed.connect(self._on_save_failed)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.timeout.connect(lambda: self._create_draft(explicit=False))
        self._draft_unkept_since: float | None = None
        self._connect()
        self.show_event(None)

    # ----------------------------------------------------------------- wiring
    def _connect(self) -> None:
        self.people_completer.activated.connect(self._complete_person)
        self.people.textEdited.connect(self._suggest_people)
        for name, edit in (("date", self.date), ("end", self.end)):
            edit.textEdited.connect(lambda _t, n=name: self._edited(n))
            edit.editingFinished.connect(self._field_left)
        self.date.textChanged.connect(self._show_read_as)
        self.end.textChanged.connect(self._show_read_as)
        for name, edit in (("people", self.people), ("tags", self.tags)):
            edit.textEdited.connect(lambda _t, n=name: self._edited(n))
            edit.editingFinished.connect(self._field_left)
        self.category.activated.connect(lambda _i: self._edited("category", at_once=True))
        self.agency.activated.connect(lambda _i: self._edited("agency", at_once=True))
        self.key_episode.toggled.connect(lambda _on: self._edited("key_episode", at_once=True))
        for name, editor in self.texts.items():
            editor.text_edited.connect(lambda _t, n=name: self._edited(n))
            editor.editing_finished.connect(self._field_left)
        self.add_next.clicked.connect(self.add_next_requested)
        self.discard.clicked.connect(self.cancel_draft)
        keys.SAVE_AND_NEXT.bind(self, self.add_next_requested.emit)
        keys.LEAVE_EDITOR.bind(self, self._on_escape)

    # ------------------------------------------------------------------ state
    @property
    def event_id(self) -> int | None:
        """The event being edited (None for none or a draft)."""
        return self._event.id if self._event and not self._draft else None

    @property
    def is_draft(self) -> bool:
        """Whether a new event is being written."""
        return self._draft

    @property
    def has_unfinished_draft(self) -> bool:
        """Whether a new event has been typed into but not added yet."""
        return self._draft and self._typed

    def set_case(self, case: CaseDetail | None, agencies: list[str]) -> None:
        """The case whose events are edited: its cast, birth, and the agency list."""
        self._case = case
        self._birth = birth_of(case)
        self.agency.blockSignals(True)
        current = self.agency.currentData()
        self.agency.clear()
        self.agency.addItem(self.tr("— none —"), None)
        for name in agencies:
            self.agency.addItem(name, name)
        self.agency.setCurrentIndex(max(0, self.agency.findData(current)))
        self.agency.blockSignals(False)
        self._people_names.setStringList([p.pseudonym for p in case.people] if case else [])

    def show_event(self, row: EventRow | None) -> bool:
        """Edit ``row`` (None: nothing chosen). Pending edits are saved first.

        A new event that was typed into but cannot be added yet (no date, say) stays
        in the editor with a note: returns False, and ``row`` is not shown.
        """
        same = row is not None and self._event is not None and row.id == self._event.id
        if same and row is not None and not self._draft:
            self.refresh(row)
            return True
        if self.has_unfinished_draft and not self._create_draft(explicit=True):
            self._say_draft_kept()
            return False
        if not self.flush():
            self._keep_retrying()
        self._draft_timer.stop()
        self._event, self._draft, self._typed = row, False, False
        self._version = None
        self.discard.hide()
        self._saves.discard()  # what could not be saved now retries on its own (above)
        self._dirty.clear()
        self._clear_messages()
        self.form_scroll.setVisible(row is not None)
        self.empty_hint.setVisible(row is None)
        if row is not None:
            self._load(row)
        self.themes.show_event(row.id if row is not None else None)
        return True

    def start_new(self, like: EventRow | None = None) -> bool:
        """Begin a new event (a draft), with the domain and source of ``like``; focus the
        date. False if an unfinished one is in the way (it stays, with a note)."""
        if self.has_unfinished_draft and not self._create_draft(explicit=True):
            self._say_draft_kept()
            return False
        self.flush()
        self._event, self._draft, self._typed = None, True, False
        self.discard.show()
        self._draft_timer.stop()
        self._clear_messages()
        self.form_scroll.setVisible(True)
        self.empty_hint.setVisible(False)
        self._loading = True
        for edit in (self.date, self.end, self.people, self.tags):
            edit.clear()
        for editor in self.texts.values():
            editor.set_markdown("")
        self.category.setCurrentIndex(
            max(0, self.category.findData(like.category if like else "other"))
        )
        self.agency.setCurrentIndex(max(0, self.agency.findData(like.agency if like else None)))
        self.key_episode.setChecked(False)
        self.themes.show_event(None)
        self._loading = False
        self.heading.setText(self.tr("New event"))
        self.hint.setText(
            self.tr("Added once it has a date and says what happened; kept until then.")
        )
        self._show_read_as()
        self.focus_first_field()
        return True

    def restore_draft(self, values: DraftValues) -> None:
        """Pick up a new event kept unfinished (see :mod:`.drafts`), with a note saying so."""
        if not self.start_new():
            return
        self._loading = True
        fill_form(self, values)
        self._loading = False
        self._typed = True
        self._show_read_as()
        self.messages["general"].show_message(
            self.tr(
                "This new event was started earlier and kept. It is added once it has a "
                "date and says what happened; Discard drops it."
            )
        )

    def set_aside(self) -> None:
        """Another case is being shown: keep an unfinished new event (the panel stores
        it) and clear the editor."""
        if self.has_unfinished_draft:
            self.draft_kept.emit(draft_values(self))
        self._draft = False
        self.show_event(None)

    def focus_first_field(self) -> None:
        """Put the cursor in the date field, at the top of the form."""
        self.form_scroll.verticalScrollBar().setValue(0)
        self.date.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def refresh(self, row: EventRow) -> None:
        """The event changed elsewhere (an undo): show it, sparing fields being typed in."""
        self._event = row
        self._loading = True
        for name, value in self._field_values(row).items():
            widget = self._widget(name)
            if name in self._dirty or (widget.hasFocus() and name in LINE_FIELDS):
                continue
            self._set_value(name, value)
        self._loading = False
        self._adopt(row, self._dirty)
        self._show_heading(row)

    def flush(self) -> bool:
        """Save what has been typed; False if it could not be saved (it is kept)."""
        retried = [saves.flush() for saves in self._retrying]
        self._retrying = [saves for saves in self._retrying if saves.has_pending]
        if self._draft:
            return self._create_draft(explicit=True) and all(retried)
        return self._saves.flush() and all(retried)

    def _keep_retrying(self) -> None:
        """Keep the unsaved values of the event being left, and go on saving them to it.

        The editor's own saves read the fields when they run, so once another event is
        shown they could write its values into this one; the values are taken now.
        """
        if self._event is None or not self._saves.has_pending:
            return
        values = {name: self._value(name) for name in self._dirty}
        write = self._left_event_writer(self._event.id, values)
        retry = PendingSaves(write, self)
        retry.save_failed.connect(lambda message, _field: self.status.emit(message))
        for name in values:
            retry.set(name, values[name])
        self._retrying.append(retry)

    def cancel_draft(self) -> None:
        """Forget a new event that has not been saved."""
        if self._draft:
            self._draft_timer.stop()
            if self._typed:
                self.draft_kept.emit(None)
            self._draft = False
            self.show_event(None)

    def _load(self, row: EventRow) -> None:
        self._loading = True
        for name, value in self._field_values(row).items():
            self._set_value(name, value)
        self._loading = False
        self._remember(row)
        self._show_heading(row)
        self.hint.setText(self.tr("Changes are saved as you type; Ctrl+Z undoes them."))
        self._show_read_as()

    # ---------------------------------------------------------------- editing
    def _edited(self, name: str, at_once: bool = False) -> None:
        if self._loading:
            return
        self.messages[name].show_message("")
        self.messages["general"].show_message("")
        if self._draft:
            self._typed = True
            now = time.monotonic()
            if self._draft_unkept_since is None:
                self._draft_unkept_since = now
            if now - self._draft_unkept_since > MAX_WAIT_MS / 1000:
                self._create_draft(explicit=False)  # kept at least this often while typing
            elif not at_once:
                self._draft_timer.start(DRAFT_PAUSE_MS)
            return
        if self._event is None:
            return
        self._dirty.add(name)
        self._saves.set(name, True)  # the value is read from the field when saved
        if name == "date" and not self.end.text().strip():
            # A period typed as the date ("summer term 2016") sets the end too; a single
            # date clears an end that came from one.
            self._dirty.add("end")
            self._saves.set("end", True)
        if at_once:
            self._saves.flush()

    def _field_left(self) -> None:
        if self._draft:
            self._create_draft(explicit=False)
        else:
            self._saves.flush()

    def _write(self, fields: dict[str, object]) -> None:
        if self._event is None or self._resolving:
            return  # (while both versions are shown, the choice made saves what was typed)
        # An End left blank follows the date, so it waits until the date can be read.
        end_waits = not self.end.text().strip() and not readable(self.date.text())
        names = [name for name in fields if name != "end" or not end_waits]
        if names:
            self._save_versioned(self._event.id, names)
        self._dirty -= set(fields)

    def _create_draft(self, explicit: bool) -> bool:
        if not self._draft:
            return True
        self._draft_timer.stop()
        has_date = bool(self.date.text().strip())
        has_text = bool(self.texts["description"].markdown().strip())
        if not (has_date and has_text):
            if self._typed:
                self._keep_draft()
            if not explicit or not self._typed:
                return True
            if not has_date:
                self.messages["date"].show_message(self.tr("Give the date, even roughly."))
            if not has_text:
                self.messages["description"].show_message(self.tr("Say what happened."))
            return False
        try:
            values = {
                name: self._value(name) for name in (*LINE_FIELDS, *CHOICE_FIELDS, *TEXT_FIELDS)
            }
            row = self._create(EventInput(**values))
        except ValidationError as exc:
            self._keep_draft()
            self._show_error(str(exc), exc.field)
            return False
        except DeepDiveError as exc:
            self._keep_draft()
            self._show_error(str(exc), None)
            return False
        self._draft = False
        self._typed = False
        self._draft_unkept_since = None
        self.discard.hide()
        self.draft_kept.emit(None)  # it is in the chronology now
        self.status.emit(self.tr("Event added"))
        self._after_create(row)
        return True

    def _keep_draft(self) -> None:
        self._draft_unkept_since = None
        self.draft_kept.emit(draft_values(self))

    def _say_draft_kept(self) -> None:
        message = self.tr(
            "This new event is not added yet: it needs a date and to say what happened. "
            "It is kept here; finish it, or Discard it."
        )
        self.messages["general"].show_message(message)
        self.status.emit(message)

    def _after_create(self, row: EventRow) -> None:
        """Keep editing the event just made (the panel then selects it)."""
        self._event = row
        self._remember(row)
        self.themes.show_event(row.id)
        self._show_heading(row)
        self.hint.setText(self.tr("Added. Changes are saved as you type; Ctrl+Z undoes them."))

    def _on_save_failed(self, message: str, field: object) -> None:
        self._show_error(message, field if isinstance(field, str) else None)

    def _show_error(self, message: str, field: str | None) -> None:
        target = field if field in self.messages else "general"
        self.messages[target or "general"].show_message(message)
        if target in ("date", "end"):
            self.read_as.clear()  # it said the same while typing: say it once
        if target != "general":
            self.status.emit(message)

    def _clear_messages(self) -> None:
        for message in self.messages.values():
            message.show_message("")

    def _complete_person(self, name: str) -> None:
        parts = SPLIT.split(self.people.text())
        parts[-1] = name
        self.people.setText(", ".join(p for p in parts if p))
        self._edited("people")

    # ------------------------------------------- a colleague saved it first
    def _after_taking_theirs(self) -> None:
        self._dirty.clear()
        self._saves.discard()

    def _deleted_elsewhere(self) -> None:
        values = draft_values(self)
        self._dirty.clear()
        self._saves.discard()
        self.restore_draft(values)
        self._keep_draft()
        self._say(
            self.tr(
                "Someone else deleted this event while you were editing it. What you typed "
                "is kept here as a new event: it is added when you leave it, or Discard drops it."
            )
        )

    def _on_escape(self) -> None:
        if self._draft and not self._typed:
            self.cancel_draft()
        else:
            self.flush()
        self.leave_requested.emit()
