"""What to save after a refused save, for any editor with a row version (no widgets of
its own: it asks through the shared dialog).

An editor keeps the fields of a row as it read them (the *base*); when a save of what
was typed is refused because a colleague saved the same row first, it reads the row
again (*theirs*) and calls :func:`resolve`:

* if the colleague changed other fields only, both changes are kept — what was typed
  is saved over their version, with no question;
* if both changed the same field differently, :class:`~.dialog.ConflictDialog` shows
  theirs beside what was typed: keep mine, take theirs (what was typed is set aside, on
  the clipboard and in a file), or merge by editing;
* if the colleague removed the row, there is nothing to save it into: what was typed is
  set aside the same way (:func:`set_aside_removed`).

The case overview does the same with fields of its own (``ui/cases/overview_versions``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from deepdive.services.errors import ChangedElsewhereError, NotFoundError
from deepdive.ui.conflicts.dialog import Ask, Choice, ConflictField
from deepdive.ui.conflicts.merging import compare, merged
from deepdive.ui.conflicts.set_aside import set_aside


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConflictResolving", text)


def _plain(value: object) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Shown:
    """How one field of a row is shown beside its other version: its ``label``, whether
    it is long text, and ``text`` (its value as words). An ``editable`` field is typed
    text, saved as merged; any other (a date, a choice) is taken from one side."""

    label: str
    multiline: bool = False
    editable: bool = True
    text: Callable[[object], str] = field(default=_plain)


@dataclass(frozen=True)
class Resolved:
    """The fields to save over their version (none: theirs is kept as it is), and a
    sentence for the user saying what became of what was typed."""

    save: dict[str, object]
    message: str


def resolve(
    parent: QWidget,
    ask: Ask,
    what: str,
    shown: Mapping[str, Shown],
    base: Mapping[str, object],
    typed: Mapping[str, object],
    theirs: Mapping[str, object],
) -> Resolved:
    """Work out, or ask, what to save of ``typed`` over ``theirs`` (both versions of
    ``what``, "the notes of Nan" say, read since ``base``)."""
    mine = {**base, **typed}
    diff = compare(base, mine, theirs, typed)
    proposed = merged(theirs, mine, diff.mine)
    if not diff.needs_choice:
        save = {name: proposed[name] for name in diff.mine if proposed[name] != theirs[name]}
        if not save:
            return Resolved({}, _tr("Someone else made the same change first; it is kept."))
        return Resolved(
            save, _tr("Someone else changed this too; their change and yours are both kept.")
        )
    fields = [
        ConflictField(
            name=name,
            label=how.label,
            theirs=how.text(theirs[name]),
            mine=how.text(proposed[name]),
            multiline=how.multiline,
            editable=how.editable,
            both_changed=name in diff.clashes,
        )
        for name, how in shown.items()
    ]
    answer = ask(parent, what, fields)
    if answer.choice is Choice.TAKE_THEIRS:
        kept = set_aside(what, fields)
        where = str(kept) if kept is not None else _tr("the clipboard only")
        message = _tr("Their version is kept. Yours is on the clipboard and in {where}.")
        return Resolved({}, message.format(where=where))
    chosen: dict[str, object] = {}
    for row in fields:
        text = answer.values.get(row.name, row.mine)
        if row.editable:
            chosen[row.name] = text
        elif row.differs and text == row.theirs:
            chosen[row.name] = theirs[row.name]
        else:
            chosen[row.name] = proposed[row.name]
    save = {name: value for name, value in chosen.items() if value != theirs[name]}
    return Resolved(save, _tr("Saved your version over theirs."))


class _Versioned(Protocol):
    @property
    def version(self) -> int: ...


RowT = TypeVar("RowT", bound=_Versioned)


def keep_typing_over(
    parent: QWidget,
    ask: Ask,
    what: str,
    shown: Mapping[str, Shown],
    fields_of: Callable[[RowT], dict[str, object]],
    read: RowT,
    theirs: RowT,
    typed: Mapping[str, object],
    save: Callable[[RowT, str, object, int], RowT],
) -> tuple[RowT, str]:
    """A save of ``typed`` over ``read`` was refused, ``theirs`` being the row as a
    colleague left it: :func:`resolve` what to keep, and save it over theirs one field
    at a time with ``save`` (an undo step each). Returns the row as stored now and
    what became of the typing."""
    outcome = resolve(parent, ask, what, shown, fields_of(read), typed, fields_of(theirs))
    stored = theirs
    for name, value in outcome.save.items():
        stored = save(stored, name, value, stored.version)
    return stored, outcome.message


def set_aside_removed(what: str, shown: Shown, typed: object) -> str:
    """``typed`` was for a field (shown as ``shown``) of ``what``, which someone else
    removed meanwhile: keep it on the clipboard and in a file, and say so."""
    typing = ConflictField(
        name="typed",
        label=shown.label,
        theirs="",
        mine=shown.text(typed),
        multiline=shown.multiline,
        editable=shown.editable,
        both_changed=True,
    )
    kept = set_aside(what, [typing], why="someone else removed it")
    where = str(kept) if kept is not None else _tr("the clipboard only")
    message = _tr(
        "Not saved: someone else removed {what} meanwhile. What you typed is on the "
        "clipboard and in {where}."
    )
    return message.format(what=what, where=where)


def save_typing(
    note: QLabel,
    read: RowT,
    save: Callable[[], RowT],
    when_refused: Callable[[], tuple[RowT, str]],
    when_removed: Callable[[], str],
    then_reread: Callable[[], None],
) -> RowT:
    """Save what was typed into a row of a table (``save``), read as ``read``; returns
    the row as stored now. A save refused because a colleague saved the row first goes
    to ``when_refused`` (:func:`keep_typing_over`); one whose row a colleague removed,
    to ``when_removed`` (:func:`set_aside_removed`), and the rows are read again
    (``then_reread``) once this save is over. ``note`` says what became of the typing."""
    try:
        try:
            return save()
        except ChangedElsewhereError:
            stored, said = when_refused()
    except NotFoundError:
        said = when_removed()
        stored = read
        QTimer.singleShot(0, note, then_reread)  # not under the save: it is using the rows
    note.setText(said)
    note.show()
    return stored
