"""The cast's part in "many writers, nothing lost": a cell saved at the row version read.

Each cell of the cast is saved at the version of the person it was read with. When a
colleague saved the same person first, the save is refused and
:func:`~deepdive.ui.conflicts.resolving.resolve` works out what to keep: their change
to another field is kept with what was typed; a change to the same field shows both
in the shared dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from deepdive.ui.conflicts.dialog import Ask
from deepdive.ui.conflicts.resolving import Shown, keep_typing_over, set_aside_removed

if TYPE_CHECKING:
    from deepdive.services.people import PeopleService
    from deepdive.services.results import PersonInfo


def _tr(text: str) -> str:
    return QCoreApplication.translate("CastVersions", text)


def _agency(value: object) -> str:
    return str(value) if value else _tr("(none)")


def person_shown() -> dict[str, Shown]:
    """How each field of a person is shown beside its other version."""
    return {
        "pseudonym": Shown(_tr("Pseudonym")),
        "role": Shown(_tr("Role")),
        "agency": Shown(_tr("Agency"), editable=False, text=_agency),
        "notes": Shown(_tr("Notes"), multiline=True),
    }


def person_fields(person: PersonInfo) -> dict[str, object]:
    """The fields of ``person`` a cell saves."""
    return {
        "pseudonym": person.pseudonym,
        "role": person.role,
        "agency": person.agency,
        "notes": person.notes,
    }


# Saves one field of a person at a version (an undo step): (person, field, value, version).
SaveField = Callable[["PersonInfo", str, object, int], "PersonInfo"]


def save_after_refusal(
    parent: QWidget,
    ask: Ask,
    people: PeopleService,
    read: PersonInfo,
    field: str,
    typed: object,
    save: SaveField,
) -> tuple[PersonInfo, str]:
    """A save of ``typed`` into ``field`` of ``read`` was refused: read the person again
    and save what the user keeps over it; returns the person as stored now and what
    became of the typing."""
    theirs = people.snapshot(read.id).info
    what = _tr("{name} in the cast").format(name=theirs.pseudonym)
    shown = person_shown()
    return keep_typing_over(
        parent, ask, what, shown, person_fields, read, theirs, {field: typed}, save
    )


def set_aside_for_removed(read: PersonInfo, field: str, typed: object) -> str:
    """``typed`` was for ``field`` of ``read``, whom a colleague removed from the cast
    meanwhile: set it aside; returns what became of it."""
    what = _tr("{name} in the cast").format(name=read.pseudonym)
    return set_aside_removed(what, person_shown()[field], typed)
