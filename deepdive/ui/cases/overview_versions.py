"""The case overview's part in "many writers, nothing lost": the row version it read.

The overview remembers, for each case it saves to, the overview's row version and its
fields as read (the *base*), and every save gives that version back. When a save is
refused because a colleague saved the same case first, the case is read again:

* if the colleague changed other fields only (the status, say, while the summary was
  being typed), both changes are kept — what was typed is saved over their version;
* if both changed the same field, the shared
  :class:`~deepdive.ui.conflicts.dialog.ConflictDialog` shows theirs beside what was
  typed: keep mine, take theirs (what was typed is set aside, on the clipboard and in
  a file), or merge by editing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from deepdive.domain.vocabulary import CaseStatus
from deepdive.ui.cases.case_undo import fields_of
from deepdive.ui.conflicts.dialog import Ask, Choice, ConflictField, Resolution
from deepdive.ui.conflicts.merging import compare, merged
from deepdive.ui.conflicts.set_aside import set_aside

if TYPE_CHECKING:
    from deepdive.services.cases import CaseService
    from deepdive.services.results import CaseDetail

_LABELS = {
    "pseudonym": "Pseudonym",
    "birth": "Born (approx.)",
    "status": "Status",
    "edge_of_care": "On the edge of care",
    "tags": "Tags",
    "summary": "Summary",
}
_EDITABLE = ("pseudonym", "birth", "tags", "summary")


def _tr(text: str) -> str:
    return QCoreApplication.translate("OverviewVersions", text)


@dataclass(frozen=True)
class Outcome:
    """What became of a refused save: the fields to save over ``theirs`` (none: theirs
    is kept as it is) and a sentence for the user."""

    theirs: CaseDetail
    save: dict[str, object]
    message: str


class OverviewVersions:
    """The version and fields each case was read at, and the answer to a refusal."""

    def __init__(self, cases: CaseService, ask: Ask) -> None:
        self._cases = cases
        self.ask = ask
        self._versions: dict[int, int] = {}
        self._bases: dict[int, dict[str, object]] = {}

    def remember(self, case: CaseDetail) -> None:
        """``case`` as read or saved now is what the next save of it builds on."""
        self._versions[case.id] = case.version
        self._bases[case.id] = fields_of(case)

    def expected(self, case_id: int) -> int | None:
        """The version the next save of ``case_id`` expects to find."""
        return self._versions.get(case_id)

    def resolve(self, parent: QWidget, case_id: int, typed: dict[str, object]) -> Outcome:
        """A save of ``typed`` was refused: read the case again and work out, or ask,
        what to save over the colleague's version."""
        theirs = self._cases.get(case_id)
        their_fields = fields_of(theirs)
        base = self._bases.get(case_id, their_fields)
        mine = {**base, **typed}
        diff = compare(base, mine, their_fields, typed)
        proposed = merged(their_fields, mine, diff.mine)
        self.remember(theirs)
        if not diff.needs_choice:
            return Outcome(
                theirs,
                {name: proposed[name] for name in diff.mine},
                _tr("Someone else changed this case too; their change and yours are both kept."),
            )
        fields = [
            ConflictField(
                name=name,
                label=_tr(label),
                theirs=_shown(name, their_fields[name]),
                mine=_shown(name, proposed[name]),
                multiline=name == "summary",
                editable=name in _EDITABLE,
                both_changed=name in diff.clashes,
            )
            for name, label in _LABELS.items()
        ]
        what = _tr("the overview of {code}").format(code=theirs.code)
        answer = self.ask(parent, what, fields)
        if answer.choice is Choice.TAKE_THEIRS:
            kept = set_aside(what, fields)
            where = str(kept) if kept is not None else _tr("the clipboard only")
            message = _tr("Their version is kept. Yours is on the clipboard and in {where}.")
            return Outcome(theirs, {}, message.format(where=where))
        chosen = _from_shown(answer, fields, their_fields, proposed)
        save = {name: value for name, value in chosen.items() if value != their_fields[name]}
        return Outcome(theirs, save, _tr("Saved your version over theirs."))


def _shown(name: str, value: object) -> str:
    if name == "edge_of_care":
        return _tr("Yes") if value else _tr("No")
    if name == "status":
        return _tr(CaseStatus(str(value)).label)
    if name == "tags" and isinstance(value, list | tuple):
        return ", ".join(str(tag) for tag in value)
    return str(value)


def _from_shown(
    answer: Resolution,
    fields: list[ConflictField],
    theirs: dict[str, object],
    mine: dict[str, object],
) -> dict[str, object]:
    """The chosen texts as overview values (a choice is theirs or mine, as shown)."""
    values: dict[str, object] = {}
    for field in fields:
        text = answer.values.get(field.name, field.mine)
        if field.name == "tags":
            values["tags"] = [part.strip() for part in text.split(",") if part.strip()]
        elif field.editable:
            values[field.name] = text
        elif field.differs and text == field.theirs:
            values[field.name] = theirs[field.name]
        else:
            values[field.name] = mine[field.name]
    return values
