"""Undoable theme tagging of chronology events: each command calls the theme service.

Like the chronology's own commands, a command makes its change through the service
before it is pushed (so a refused name, with its message, never reaches the undo
stack). A theme made just by tagging is forgotten again when that tagging is undone,
so an undone typo does not linger in the vocabulary.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from deepdive.errors import DeepDiveError

if TYPE_CHECKING:  # the service module (and SQLAlchemy) load with the workspace
    from deepdive.services.themes import ThemeInfo, ThemeService

Report = Callable[[str], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ThemeUndo", text)


class _EventThemeCommand(QUndoCommand):
    """Shared parts: the service, the event, the theme, and reporting a failed step."""

    def __init__(self, themes: ThemeService, event_id: int, report: Report | None) -> None:
        super().__init__()
        self._themes = themes
        self.event_id = event_id
        self._report = report
        self._theme_id = 0
        self._name = ""
        self._applied = False

    def _live_name(self) -> str:
        """The theme's name now (renamed or merged since), or the name it had."""
        try:
            return self._themes.get(self._theme_id).name
        except DeepDiveError:
            return self._name

    def _tag(self) -> None:
        self._theme_id = self._themes.apply_to_event(self.event_id, self._live_name()).id

    def _untag(self) -> None:
        self._themes.remove_from_event(self.event_id, self._theme_id)

    def _safely(self, step: Callable[[], None]) -> None:
        try:
            step()
        except DeepDiveError as exc:
            # The workspace changed in a way this step cannot follow: say so and drop it.
            self.setObsolete(True)
            if self._report is not None:
                self._report(str(exc))


class ApplyEventThemeCommand(_EventThemeCommand):
    """Tag an event with a theme by name (the theme is created if new)."""

    def __init__(
        self, themes: ThemeService, event_id: int, name: str, report: Report | None = None
    ) -> None:
        super().__init__(themes, event_id, report)
        self._name = name
        self._created = False
        self.setText(_tr("Add theme"))

    def apply(self) -> bool:
        """Tag now (raises DeepDiveError if refused); False if the event already had it."""
        self._created = self._themes.find(self._name) is None
        before = {t.id for t in self._themes.event_themes(self.event_id)}
        info = self._themes.apply_to_event(self.event_id, self._name)
        self._theme_id, self._name = info.id, info.name
        self.setText(_tr("Add theme “{name}”").format(name=info.name))
        self._applied = True
        return info.id not in before

    def redo(self) -> None:
        if self._applied:
            self._applied = False  # the first redo is the change apply() already made
            return
        self._safely(self._tag)

    def undo(self) -> None:
        def untag() -> None:
            self._untag()
            if self._created:
                self._themes.delete_if_unused(self._theme_id)

        self._safely(untag)


class RemoveEventThemeCommand(_EventThemeCommand):
    """Take a theme off an event."""

    def __init__(
        self, themes: ThemeService, event_id: int, theme: ThemeInfo, report: Report | None = None
    ) -> None:
        super().__init__(themes, event_id, report)
        self._theme_id, self._name = theme.id, theme.name
        self.setText(_tr("Remove theme “{name}”").format(name=theme.name))

    def apply(self) -> None:
        """Take the theme off now (raises DeepDiveError if refused)."""
        self._untag()
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._safely(self._untag)

    def undo(self) -> None:
        self._safely(self._tag)
