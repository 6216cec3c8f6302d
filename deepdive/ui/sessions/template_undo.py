"""Undoable changes to the template library: saving an edit, a copy, an import, a removal.

Each of these adds or removes the team's own versions of one template, so one command
serves them all: it notes the template's own versions before and after the change;
undo takes out what the change added and puts back what it removed (with the same
ids), and redo does the reverse. A version a session has used since stays (the step
says so and is dropped), so a session's record is never broken by an undo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from deepdive.ui.service_command import Report, ServiceCommand

if TYPE_CHECKING:  # the services (and SQLAlchemy) load with the workspace
    from deepdive.services.template_library import StoredVersion, TemplateLibrary


class TemplateCommand(ServiceCommand):
    """Change the library's versions of the template ``key`` through ``change``."""

    def __init__(
        self,
        templates: TemplateLibrary,
        key: str,
        change: Callable[[], Any],
        text: str,
        report: Report | None = None,
    ) -> None:
        super().__init__(report)
        self._templates = templates
        self.key = key
        self._change = change
        self._added: tuple[StoredVersion, ...] = ()
        self._removed: tuple[StoredVersion, ...] = ()
        self.setText(text)

    def _do(self) -> Any:
        before = self._templates.own_versions(self.key)
        result = self._change()
        after = self._templates.own_versions(self.key)
        self._added = tuple(v for v in after if v not in before)
        self._removed = tuple(v for v in before if v not in after)
        if not (self._added or self._removed):
            self.setObsolete(True)  # saved unchanged: nothing to undo
        return result

    def _undo(self) -> None:
        self._swap(self._added, self._removed)

    def _redo(self) -> None:
        self._swap(self._removed, self._added)

    def _swap(self, out: tuple[StoredVersion, ...], back: tuple[StoredVersion, ...]) -> None:
        if out:
            self._templates.take_out(out)
        if back:
            self._templates.put_back(back)
