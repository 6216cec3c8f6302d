"""What the Manage agencies window's buttons do: ask, then make the change as an undo step.

Each change is applied through the service first and then pushed onto the workspace's
undo stack, so a refused name (taken already, or holding a real identity) is reported
through ``show_problem`` with the service's message and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QWidget

from deepdive.errors import DeepDiveError
from deepdive.services.agencies import AGENCY_KINDS
from deepdive.ui.agencies.model import kind_label
from deepdive.ui.agencies.undo import (
    AddAgencyCommand,
    AgencyKindCommand,
    DeleteAgencyCommand,
    MergeAgenciesCommand,
    RenameAgencyCommand,
)
from deepdive.ui.service_command import ServiceCommand
from deepdive.ui.spelling.fixes import no_spelling

if TYPE_CHECKING:
    from deepdive.services import Services
    from deepdive.services.agencies import AgencyInfo

Selected = Callable[[], "AgencyInfo | None"]


class AgencyActions(QObject):
    """Add, rename, change the kind of, merge and delete agencies; ``after(agency_id)``
    is called after each change with the agency to select (None: keep the selection)."""

    def __init__(
        self,
        parent: QWidget,
        services: Services,
        selected: Selected,
        show_problem: Callable[[str], None],
        after: Callable[[int | None], None],
        undo_stack: QUndoStack | None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._agencies = services.agencies
        self._selected = selected
        self._show_problem = show_problem
        self._after = after
        self._undo_stack = undo_stack
        window = parent

        def report(text: str) -> None:
            # A step undone or redone later that the workspace can no longer follow
            # (an agency added, then named by an event): said here while this is open.
            if shiboken6.isValid(window) and window.isVisible():
                show_problem(text)

        self._report = report

    def add(self) -> None:
        """Ask for a new agency's name and add it (its kind "other" until changed)."""
        name = self._ask_name(self.tr("Add agency"), self.tr("Name of the agency:"), "")
        if name is None or not name.strip():
            return
        added = self._run(AddAgencyCommand(self._agencies, name, report=self._report))
        if added is not None:
            self._after(self._agencies.snapshot(added).id)

    def rename(self) -> None:
        """Ask for a new name for the selected agency; everything naming it follows."""
        agency = self._selected()
        if agency is None:
            return
        name = self._ask_name(
            self.tr("Rename agency"),
            self.tr("New name for “{name}”:").format(name=agency.name),
            agency.name,
        )
        if name is None or not name.strip() or name.strip() == agency.name:
            return
        if (
            self._run(RenameAgencyCommand(self._agencies, agency.id, name, self._report))
            is not None
        ):
            self._after(agency.id)

    def change_kind(self) -> None:
        """Ask what kind of agency the selected one is."""
        agency = self._selected()
        if agency is None:
            return
        labels = [kind_label(kind) for kind in AGENCY_KINDS]
        current = AGENCY_KINDS.index(agency.kind) if agency.kind in AGENCY_KINDS else 0
        label, ok = QInputDialog.getItem(
            self._parent,
            self.tr("Change kind"),
            self.tr("“{name}” is a kind of:").format(name=agency.name),
            labels,
            current,
            False,
        )
        if not ok or label not in labels:
            return
        kind = AGENCY_KINDS[labels.index(label)]
        if kind != agency.kind:
            command = AgencyKindCommand(self._agencies, agency.id, kind, label, self._report)
            if self._run(command) is not None:
                self._after(agency.id)

    def merge(self) -> None:
        """Ask which agency the selected one joins: everything naming it moves there."""
        agency = self._selected()
        if agency is None:
            return
        others = [name for name in self._agencies.names() if name != agency.name]
        name, ok = QInputDialog.getItem(
            self._parent,
            self.tr("Merge agency"),
            self.tr(
                "Merge “{name}” into:\n(its events, cast members and session participants "
                "move there, and “{name}” leaves the list)"
            ).format(name=agency.name),
            others,
            0,
            False,
        )
        if ok and name in others:
            command = MergeAgenciesCommand(self._agencies, agency.name, name, self._report)
            if self._run(command) is not None:
                self._after(self._agencies.snapshot(name).id)

    def delete(self) -> bool:
        """Delete the selected agency if nothing names it; True if deleted."""
        agency = self._selected()
        if agency is None:
            return False
        deleted = self._run(DeleteAgencyCommand(self._agencies, agency.name, self._report))
        if deleted is False:
            self._show_problem(
                self.tr(
                    "“{name}” is still named by events, cast members or session "
                    "participants; merge it into another agency instead."
                ).format(name=agency.name)
            )
            return False
        if deleted:
            self._after(None)
        return bool(deleted)

    def _ask_name(self, title: str, label: str, text: str) -> str | None:
        """An agency name typed in a small dialog (None: cancelled)."""
        dialog = QInputDialog(self._parent)
        # A name, not prose: no spelling underlines (for "NWD", say).
        no_spelling(dialog)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(text)
        field = dialog.findChild(QLineEdit)
        if field is not None:
            field.setMinimumWidth(360)  # room for a long name
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        name = dialog.textValue()
        dialog.deleteLater()
        return name if accepted else None

    def _run(self, command: ServiceCommand) -> Any:
        """Apply ``command`` and keep it as an undo step; what it returned, or None
        (with the service's message shown) if refused."""
        try:
            result = command.apply()
        except DeepDiveError as exc:
            self._show_problem(str(exc))
            return None
        # (Not while the window is torn down: the change is made, with no step.)
        stack = self._undo_stack
        if result is not False and stack is not None and shiboken6.isValid(stack):
            stack.push(command)
        self._show_problem("")
        return result
