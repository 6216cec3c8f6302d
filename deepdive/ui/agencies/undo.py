"""Undoable agency changes: add, rename, change kind, merge and delete; each calls the service.

They go on the workspace's undo stack (agencies belong to no case), applied first and
then pushed (:class:`~deepdive.ui.service_command.ServiceCommand`), so a refused name,
with its message, never becomes a step. Each keeps the agency's id and asks the service
for its name at the time, so a step still finds its agency after a later rename.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from deepdive.services.errors import ValidationError
from deepdive.ui.service_command import Report, ServiceCommand

if TYPE_CHECKING:  # the service module (and SQLAlchemy) load with the workspace
    from deepdive.services.agencies import AgencyMerge, AgencyService, AgencySnapshot


def _tr(text: str) -> str:
    return QCoreApplication.translate("AgencyUndo", text)


class AddAgencyCommand(ServiceCommand):
    """Add an agency; undo removes it again (if nothing names it yet), redo brings it
    back with the same id."""

    def __init__(
        self, agencies: AgencyService, name: str, kind: str = "other", report: Report | None = None
    ) -> None:
        super().__init__(report)
        self._agencies = agencies
        self._name, self._kind = name, kind
        self._added: AgencySnapshot | None = None
        self.setText(_tr("Add agency “{name}”").format(name=name.strip()))

    def _do(self) -> str:
        """Add it now (raises DeepDiveError if the name is refused); its name as stored."""
        name = self._agencies.add(self._name, self._kind)
        self._added = self._agencies.snapshot(name)
        self.setText(_tr("Add agency “{name}”").format(name=name))
        return name

    def _redo(self) -> None:
        assert self._added is not None
        self._agencies.restore(self._added)

    def _undo(self) -> None:
        assert self._added is not None
        name = self._agencies.name_of(self._added.id)
        self._added = self._agencies.snapshot(name)  # as it is now: renamed since, say
        if not self._agencies.remove_if_unused(name):
            raise ValidationError(
                _tr("{name} is named by events or people now, so it stays.").format(name=name)
            )


class RenameAgencyCommand(ServiceCommand):
    """Call an agency by another name everywhere; undo gives back its old name."""

    def __init__(
        self, agencies: AgencyService, agency_id: int, name: str, report: Report | None = None
    ) -> None:
        super().__init__(report)
        self._agencies = agencies
        self._id = agency_id
        self._old = agencies.name_of(agency_id)
        self._new = name
        self.setText(_tr("Rename agency “{old}” to “{new}”").format(old=self._old, new=name))

    def _do(self) -> str:
        """Rename it now (raises DeepDiveError if the name is refused or taken)."""
        self._new = self._agencies.rename(self._old, self._new)
        self.setText(_tr("Rename agency “{old}” to “{new}”").format(old=self._old, new=self._new))
        return self._new

    def _redo(self) -> None:
        self._agencies.rename(self._agencies.name_of(self._id), self._new)

    def _undo(self) -> None:
        self._agencies.rename(self._agencies.name_of(self._id), self._old)


class AgencyKindCommand(ServiceCommand):
    """Say what kind of agency one is; undo gives back the kind it had."""

    def __init__(
        self,
        agencies: AgencyService,
        agency_id: int,
        kind: str,
        shown: str,
        report: Report | None = None,
    ) -> None:
        """``shown``: the kind as the window names it, for the step's name."""
        super().__init__(report)
        self._agencies = agencies
        self._id = agency_id
        self._kind = kind
        self._old = ""
        name = agencies.name_of(agency_id)
        self.setText(
            _tr("Change the kind of agency “{name}” to {kind}").format(name=name, kind=shown)
        )

    def _do(self) -> str:
        """Change it now; the kind it had."""
        self._old = self._agencies.set_kind(self._agencies.name_of(self._id), self._kind)
        return self._old

    def _redo(self) -> None:
        self._agencies.set_kind(self._agencies.name_of(self._id), self._kind)

    def _undo(self) -> None:
        self._agencies.set_kind(self._agencies.name_of(self._id), self._old)


class MergeAgenciesCommand(ServiceCommand):
    """Merge one agency into another; undo brings the merged one back, with its id and
    exactly the events, cast and participants that moved."""

    def __init__(
        self, agencies: AgencyService, source: str, into: str, report: Report | None = None
    ) -> None:
        super().__init__(report)
        self._agencies = agencies
        self._source, self._into = source, into
        self._done: AgencyMerge | None = None
        self.setText(_tr("Merge agency “{a}” into “{b}”").format(a=source, b=into))

    def _do(self) -> AgencyMerge:
        self._done = self._agencies.merge(self._source, self._into)
        return self._done

    def _redo(self) -> None:
        assert self._done is not None
        into = self._agencies.name_of(self._done.target_id)
        self._done = self._agencies.merge(self._done.gone.name, into)

    def _undo(self) -> None:
        assert self._done is not None
        self._agencies.unmerge(self._done)


class DeleteAgencyCommand(ServiceCommand):
    """Delete an agency nothing names; undo brings it back with the same id and place."""

    def __init__(self, agencies: AgencyService, name: str, report: Report | None = None) -> None:
        super().__init__(report)
        self._agencies = agencies
        self._agency = agencies.snapshot(name)
        self.setText(_tr("Delete agency “{name}”").format(name=self._agency.name))

    def _do(self) -> bool:
        """Delete it now; False (and no step) when something names it."""
        deleted = self._agencies.remove_if_unused(self._agency.name)
        self.setObsolete(not deleted)
        return deleted

    def _redo(self) -> None:
        self._agencies.remove_if_unused(self._agencies.name_of(self._agency.id))

    def _undo(self) -> None:
        self._agencies.restore(self._agency)
