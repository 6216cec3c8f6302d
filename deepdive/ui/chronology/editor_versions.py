"""The event editor's part in "many writers, nothing lost": the row version it read.

The editor remembers the event's row version and its fields as loaded (the *base*),
and every save gives that version back, so a colleague's newer save is never written
over. When a save is refused (``ChangedElsewhereError``) the event is read again:

* if the colleague changed other fields only, both changes are kept — theirs is shown
  and what was typed is saved over their version, with a note saying so;
* if both changed the same field, :class:`~deepdive.ui.conflicts.dialog.ConflictDialog`
  shows theirs beside what was typed: keep mine (saved over theirs, knowingly), take
  theirs (what was typed is set aside, on the clipboard and in a file:
  :mod:`~deepdive.ui.conflicts.set_aside`), or merge by editing;
* if the colleague deleted the event, what was typed becomes a new event in the editor.

Each save that follows a choice is an ordinary undo step (its version checked too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from deepdive.services.errors import ChangedElsewhereError, NotFoundError
from deepdive.services.events import EventInfo, EventRow
from deepdive.ui.chronology.drafts import DraftValues, draft_values
from deepdive.ui.chronology.editor_fields import EventFields
from deepdive.ui.chronology.editor_form import CHOICE_FIELDS, LINE_FIELDS, TEXT_FIELDS
from deepdive.ui.conflicts.dialog import Ask, Choice, ConflictField, Resolution, ask_with_dialog
from deepdive.ui.conflicts.merging import compare, merged
from deepdive.ui.conflicts.set_aside import set_aside

FIELDS = (*LINE_FIELDS, *CHOICE_FIELDS, *TEXT_FIELDS)

Update = Callable[[int, dict[str, Any], int | None], EventInfo]
Load = Callable[[int], EventRow | None]


class VersionedEventFields(EventFields):
    """The editor's fields, with the version and values they were read at."""

    status = Signal(str)  # a sentence for the status bar

    def __init__(self, update: Update, load: Load | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._update = update
        self._load_row = load
        self.ask: Ask = ask_with_dialog
        self._version: int | None = None
        self._base: dict[str, Any] = {}
        self._resolving = False
        self._loading = False
        self._dirty: set[str] = set()  # fields typed in and not saved yet

    # ----------------------------------------------------------------- state
    @property
    def version(self) -> int | None:
        """The row version the editor's values are based on (None: no event)."""
        return self._version

    def _remember(self, row: EventRow) -> None:
        """The event as read now is what the next save builds on."""
        self._version = row.row_version
        self._base = self._field_values(row)

    def _form_values(self) -> dict[str, Any]:
        """The fields as they stand, shaped as :meth:`_field_values` gives an event's."""
        values: DraftValues = draft_values(self)
        return {name: values.get(name) for name in FIELDS}

    def _adopt(self, row: EventRow, typed: Iterable[str]) -> bool:
        """``row`` was saved elsewhere: build on it when nothing ``typed`` clashes with it
        (True); otherwise keep the version read, so the next save asks."""
        if self._version is None or row.row_version <= self._version:
            return True  # the same, or an older read (a table row not refreshed yet)
        theirs = self._field_values(row)
        shown = self._form_values()
        diff = compare(self._base, shown, theirs, typed)
        untouched_differ = [n for n in FIELDS if n not in diff.mine and shown[n] != theirs[n]]
        if diff.needs_choice or untouched_differ:
            return False
        self._version, self._base = row.row_version, theirs
        return True

    # ------------------------------------------------------------- conflicts
    def _save_versioned(self, event_id: int, names: Iterable[str]) -> EventInfo | None:
        """Save ``names`` from the fields at the version read; a refusal is answered here
        (see the module docstring). Returns what was saved, if anything was."""
        wanted = list(names)
        shown = self._form_values()
        if all(shown[name] == self._base.get(name) for name in wanted):
            return None  # nothing changed since it was read (a save repeated)
        changes = {name: self._value(name) for name in wanted}
        try:
            info = self._update(event_id, changes, self._version)
        except (ChangedElsewhereError, NotFoundError):
            if self._load_row is None or self._resolving:
                raise
            self._resolving = True
            try:
                return self._resolve(event_id, set(changes))
            finally:
                self._resolving = False
        self._version = info.version
        self._base.update({name: self._form_values()[name] for name in changes})
        return info

    def _resolve(self, event_id: int, typed: set[str]) -> EventInfo | None:
        assert self._load_row is not None
        row = self._load_row(event_id)
        if row is None:
            self._deleted_elsewhere()
            return None
        theirs = self._field_values(row)
        mine = self._form_values()
        diff = compare(self._base, mine, theirs, typed | self._dirty)
        proposed = merged(theirs, mine, diff.mine)
        if not diff.needs_choice:
            self._show_values(row, proposed)
            info = self._save_after_choice(event_id, diff.mine)
            both = self.tr(
                "Someone else changed this event too; their change and yours are both kept."
            )
            self._say(both, diff.mine)
            return info
        fields = [self._conflict_field(n, theirs, proposed, n in diff.clashes) for n in FIELDS]
        what = self.tr("the event of {date}").format(date=theirs["date"] or "?")
        answer = self.ask(self, what, fields)
        if answer.choice is Choice.TAKE_THEIRS:
            kept = set_aside(what, fields)
            self._show_values(row, theirs)
            self._after_taking_theirs()
            where = kept if kept is not None else self.tr("the clipboard only")
            message = self.tr("Their version is kept. Yours is on the clipboard and in {where}.")
            self._say(message.format(where=where), [f.name for f in fields if f.differs])
            return None
        chosen = {**proposed, **self._from_shown(answer, fields, theirs, proposed)}
        self._show_values(row, chosen)
        return self._save_after_choice(event_id, [n for n in FIELDS if chosen[n] != theirs[n]])

    def _save_after_choice(self, event_id: int, names: Iterable[str]) -> EventInfo | None:
        """Save ``names`` over the version just read (a new refusal asks again)."""
        return self._save_versioned(event_id, list(names))

    def _show_values(self, row: EventRow, values: dict[str, Any]) -> None:
        """Put ``values`` in the fields, building on ``row`` from now on."""
        self._version, self._base = row.row_version, self._field_values(row)
        self._loading = True
        for name in FIELDS:
            self._set_value(name, values[name])
        self._loading = False

    def _conflict_field(
        self, name: str, theirs: dict[str, Any], mine: dict[str, Any], clash: bool
    ) -> ConflictField:
        return ConflictField(
            name=name,
            label=self._labels()[name],
            theirs=self._shown(name, theirs[name]),
            mine=self._shown(name, mine[name]),
            multiline=name in TEXT_FIELDS,
            editable=name not in CHOICE_FIELDS,
            both_changed=clash,
        )

    def _from_shown(
        self,
        answer: Resolution,
        fields: list[ConflictField],
        theirs: dict[str, Any],
        mine: dict[str, Any],
    ) -> dict[str, Any]:
        """The chosen texts as field values (a choice is theirs or mine, as shown)."""
        values: dict[str, Any] = {}
        for field in fields:
            text = answer.values.get(field.name, field.mine)
            if field.editable:
                values[field.name] = text
            else:
                values[field.name] = (
                    theirs[field.name]
                    if text == field.theirs and field.differs
                    else mine[field.name]
                )
        return values

    def _shown(self, name: str, value: Any) -> str:
        if name == "key_episode":
            return self.tr("Yes") if value else self.tr("No")
        if name == "category":
            found = self.category.findData(value)
            return self.category.itemText(found) if found >= 0 else str(value)
        if name == "agency":
            return str(value) if value else self.tr("— none —")
        return "" if value is None else str(value)

    def _labels(self) -> dict[str, str]:
        return {
            "date": self.tr("Date"),
            "end": self.tr("End date"),
            "category": self.tr("Domain"),
            "agency": self.tr("Source agency"),
            "people": self.tr("People involved"),
            "tags": self.tr("Tags"),
            "key_episode": self.tr("Key practice episode"),
            "description": self.tr("What happened"),
            "significance": self.tr("Significance and impact"),
            "voice": self.tr("The young person's voice"),
            "outcome": self.tr("Outcome or action"),
        }

    def _say(self, message: str, fields: Iterable[str] = ()) -> None:
        """Tell the user what became of their typing in ``fields``: under those fields
        (where the cursor was), at the top of the form, and in the status bar."""
        shown = {"general", *(name for name in fields if name in self.messages)}
        for name in shown:
            self.messages[name].show_message(message)
        self.status.emit(message)

    def _left_event_writer(
        self, event_id: int, values: dict[str, Any]
    ) -> Callable[[dict[str, object]], None]:
        """Saves ``values`` typed into an event since left, at the version it was read;
        if a colleague changed or deleted it meanwhile, theirs stays and the typing is
        set aside instead."""
        version = self._version
        kept = self._form_values()
        labels = self._labels()

        def write(fields: dict[str, object]) -> None:
            try:
                self._update(event_id, {n: values[n] for n in fields if n in values}, version)
            except (ChangedElsewhereError, NotFoundError):
                where = set_aside(
                    self.tr("an event left while it was being saved"),
                    [ConflictField(n, labels[n], "", _text(kept[n])) for n in values],
                )
                self.status.emit(
                    self.tr(
                        "An event you left was changed by someone else before your typing "
                        "could be saved; yours is on the clipboard and in {where}."
                    ).format(where=where or self.tr("the clipboard only"))
                )

        return write

    # ------------------------------------------------- provided by the editor

    def _after_taking_theirs(self) -> None:
        """Nothing typed is waiting to be saved any more (it was set aside)."""
        raise NotImplementedError

    def _deleted_elsewhere(self) -> None:
        """The event is gone: keep what was typed as a new event."""
        raise NotImplementedError


def _text(value: Any) -> str:
    return "" if value is None else str(value)
