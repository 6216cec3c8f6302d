"""Undoable edits of a case's overview and cast: one step per field per pause in typing.

The overview saves what was typed after a pause (:mod:`deepdive.ui.editors.autosave`); each
save is one :class:`CaseFieldsCommand`, applied through the case service before it is
pushed, so a refused value never reaches the undo stack. Undo writes the values the
fields had before; the panel showing the case is told, so its fields follow. The cast's
adds, removes and cell edits are steps too; a person removed and brought back by undo
keeps their id and the events that named them (``PeopleService.restore``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from deepdive.services.errors import ChangedElsewhereError, undo_refused
from deepdive.ui.service_command import Report, ServiceCommand

if TYPE_CHECKING:  # the services (and SQLAlchemy) load with the workspace
    from deepdive.services.cases import CaseService
    from deepdive.services.people import PeopleService, PersonSnapshot
    from deepdive.services.results import CaseDetail, PersonInfo

Shown = Callable[["CaseDetail"], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseUndo", text)


_STEP_NAMES = {
    "pseudonym": "Edit pseudonym",
    "birth": "Edit birth month",
    "status": "Change status",
    "edge_of_care": "Change edge of care",
    "tags": "Edit tags",
    "summary": "Edit summary",
}


def fields_of(case: CaseDetail) -> dict[str, object]:
    """The overview's fields of ``case``, as ``CaseService.update`` takes them."""
    return {
        "pseudonym": case.pseudonym,
        "birth": case.birth_text,
        "status": case.status,
        "edge_of_care": case.edge_of_care,
        "tags": list(case.tags),
        "summary": case.summary,
    }


class CaseFieldsCommand(ServiceCommand):
    """Change some overview fields of one case; undo puts the earlier values back."""

    def __init__(
        self,
        cases: CaseService,
        case_id: int,
        changes: dict[str, object],
        shown: Shown | None = None,
        report: Report | None = None,
        expected_version: int | None = None,
    ) -> None:
        """``expected_version``: the overview's row version the editor read (the save is
        refused with ChangedElsewhereError if a colleague saved since)."""
        super().__init__(report)
        self._cases = cases
        self.case_id = case_id
        self._after = dict(changes)
        self._before: dict[str, object] = {}
        self._stored_after: dict[str, object] = {}  # the changed fields as saved
        self._expected_version = expected_version
        self._shown = shown
        names = [_STEP_NAMES.get(field, "Edit case") for field in changes]
        self.setText(_tr(names[0]) if len(names) == 1 else _tr("Edit case overview"))

    def _do(self) -> CaseDetail:
        earlier = fields_of(self._cases.get(self.case_id))
        self._before = {field: earlier[field] for field in self._after if field in earlier}
        updated = self._cases.update(
            self.case_id,
            expected_version=self._expected_version,
            **self._after,  # type: ignore[arg-type]
        )
        stored = fields_of(updated)
        self._stored_after = {field: stored[field] for field in self._before}
        return updated

    def _redo(self) -> None:
        self._show(self._write(self._after, expect=self._before))

    def _undo(self) -> None:
        self._show(self._write(self._before, expect=self._stored_after))

    def _write(self, values: dict[str, object], expect: dict[str, object]) -> CaseDetail:
        """Write ``values`` if the fields still read ``expect`` (as this step left them);
        a colleague's change since is never overwritten (ChangedElsewhereError)."""
        now = self._cases.get(self.case_id)
        shown = fields_of(now)
        if any(_comparable(shown[field]) != _comparable(value) for field, value in expect.items()):
            raise undo_refused("this case's overview")
        return self._cases.update(
            self.case_id,
            expected_version=now.version,
            **values,  # type: ignore[arg-type]
        )

    def _show(self, case: CaseDetail) -> None:
        if self._shown is not None:
            self._shown(case)


def _comparable(value: object) -> object:
    """A field's value to compare (tags in any order are the same tags)."""
    if isinstance(value, list | tuple):
        return sorted(str(item) for item in value)
    return value


# ------------------------------------------------------------------------ the cast
CastShown = Callable[[int], None]  # the case whose cast changed: show it again


class _CastCommand(ServiceCommand):
    """Shared parts of a change to a case's cast."""

    def __init__(
        self, people: PeopleService, case_id: int, shown: CastShown | None, report: Report | None
    ) -> None:
        super().__init__(report)
        self._people = people
        self.case_id = case_id
        self._shown = shown

    def _show(self) -> None:
        if self._shown is not None:
            self._shown(self.case_id)


class AddPersonCommand(_CastCommand):
    """Add a person to the cast; undo takes them out again, redo puts them back."""

    def __init__(
        self,
        people: PeopleService,
        case_id: int,
        pseudonym: str,
        role: str,
        shown: CastShown | None = None,
        report: Report | None = None,
    ) -> None:
        super().__init__(people, case_id, shown, report)
        self._pseudonym, self._role = pseudonym, role
        self._added: PersonSnapshot | None = None
        self.setText(_tr("Add person"))

    def _do(self) -> PersonInfo:
        info = self._people.add(self.case_id, self._pseudonym, self._role)
        self._added = self._people.snapshot(info.id)
        return info

    def _undo(self) -> None:
        assert self._added is not None
        now = self._people.snapshot(self._added.info.id)
        if not _same_person(now.info, self._added.info):
            # Changed since by someone else (this window's own changes are later steps,
            # undone first): taking the person out would take their change with them.
            raise undo_refused("this person")
        self._added = now  # as it is now, so redo brings back exactly what was there
        self._people.remove(now.info.id)
        self._show()

    def _redo(self) -> None:
        assert self._added is not None
        self._people.restore(self._added)
        self._show()


class RemovePersonCommand(_CastCommand):
    """Take a person out of the cast; undo puts them back with their event links."""

    def __init__(
        self,
        people: PeopleService,
        person: PersonInfo,
        shown: CastShown | None = None,
        report: Report | None = None,
    ) -> None:
        super().__init__(people, person.case_id, shown, report)
        self._person_id = person.id
        self._removed: PersonSnapshot | None = None
        self.setText(_tr("Remove {name}").format(name=person.pseudonym))

    def _do(self) -> None:
        self._removed = self._people.snapshot(self._person_id)
        self._people.remove(self._person_id)

    def _undo(self) -> None:
        assert self._removed is not None
        self._people.restore(self._removed)
        self._show()

    def _redo(self) -> None:
        assert self._removed is not None
        now = self._people.snapshot(self._person_id)
        if not _same_person(now.info, self._removed.info):
            raise undo_refused("this person")  # changed by someone else since the undo
        self._do()
        self._show()


def _same_person(now: PersonInfo, then: PersonInfo) -> bool:
    """Whether a person holds what was written about them (at whatever row version)."""
    fields = ("pseudonym", "role", "agency", "notes")
    return all(getattr(now, name) == getattr(then, name) for name in fields)


class PersonFieldCommand(_CastCommand):
    """Change one field of one person (pseudonym, role, agency or notes) at the row
    version read (``person.version``, or ``expected_version`` when given). Undo and redo
    each write only if the field still holds what the step before left in it (at the
    version found then), so neither writes over a colleague's later change."""

    def __init__(
        self,
        people: PeopleService,
        person: PersonInfo,
        field: str,
        value: str | None,
        shown: CastShown | None = None,
        report: Report | None = None,
        expected_version: int | None = None,
    ) -> None:
        super().__init__(people, person.case_id, shown, report)
        self._person_id = person.id
        self._field = field
        self._after = value
        self._before: str | None = getattr(person, field)
        self._version = person.version if expected_version is None else expected_version
        self._stored: str | None = None  # the field as the last write stored it
        names = {"pseudonym": "Rename {name}", "role": "Change role of {name}"}
        step = names.get(field, "Edit {name}")
        self.setText(_tr(step).format(name=person.pseudonym))

    def _do(self) -> PersonInfo:
        return self._write(self._after)

    def _undo(self) -> None:
        self._step(self._before)

    def _redo(self) -> None:
        self._step(self._after)

    def _step(self, value: str | None) -> None:
        try:
            now = self._people.snapshot(self._person_id).info
            if (getattr(now, self._field) or None) != (self._stored or None):
                raise undo_refused("this person")
            self._version = now.version
            self._write(value)
        except ChangedElsewhereError:
            raise undo_refused("this person") from None
        finally:
            self._show()

    def _write(self, value: str | None) -> PersonInfo:
        if self._field == "agency":
            changes: dict[str, object] = {"agency": value} if value else {"clear_agency": True}
        else:
            changes = {self._field: value or ""}
        saved = self._people.update(
            self._person_id,
            expected_version=self._version,
            **changes,  # type: ignore[arg-type]
        )
        self._stored = getattr(saved, self._field)
        return saved
