"""Undoable edits of a case's overview: one step per field per pause in typing.

The overview saves what was typed after a pause (:mod:`deepdive.ui.autosave`); each
save is one :class:`CaseFieldsCommand`, applied through the case service before it is
pushed, so a refused value never reaches the undo stack. Undo writes the values the
fields had before; the panel showing the case is told, so its fields follow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from deepdive.ui.service_command import Report, ServiceCommand

if TYPE_CHECKING:  # the services (and SQLAlchemy) load with the workspace
    from deepdive.services.cases import CaseService
    from deepdive.services.results import CaseDetail

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
    ) -> None:
        super().__init__(report)
        self._cases = cases
        self.case_id = case_id
        self._after = dict(changes)
        self._before: dict[str, object] = {}
        self._shown = shown
        names = [_STEP_NAMES.get(field, "Edit case") for field in changes]
        self.setText(_tr(names[0]) if len(names) == 1 else _tr("Edit case overview"))

    def _do(self) -> CaseDetail:
        earlier = fields_of(self._cases.get(self.case_id))
        self._before = {field: earlier[field] for field in self._after if field in earlier}
        return self._write(self._after)

    def _redo(self) -> None:
        self._show(self._write(self._after))

    def _undo(self) -> None:
        self._show(self._write(self._before))

    def _write(self, values: dict[str, object]) -> CaseDetail:
        return self._cases.update(self.case_id, **values)  # type: ignore[arg-type]

    def _show(self, case: CaseDetail) -> None:
        if self._shown is not None:
            self._shown(case)
