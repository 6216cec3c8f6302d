"""Undoable theme changes: tagging events and session answers, renaming, merging and
deleting; each calls the service.

Like the chronology's own commands
(:class:`~deepdive.ui.service_command.ServiceCommand`), a command makes its change
through the service before it is pushed (so a refused name, with its message, never reaches the undo
stack). A theme made just by tagging is forgotten again when that tagging is undone,
so an undone typo does not linger in the vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication

from deepdive.errors import DeepDiveError
from deepdive.ui.service_command import Report, ServiceCommand

if TYPE_CHECKING:  # the service module (and SQLAlchemy) load with the workspace
    from deepdive.services.theme_merges import MergedIds
    from deepdive.services.themes import ThemeInfo, ThemeService


def _tr(text: str) -> str:
    return QCoreApplication.translate("ThemeUndo", text)


class ThemeSpot(Protocol):
    """Something themes are tagged on: a chronology event, or a stage's response."""

    def current(self) -> list[ThemeInfo]:
        """The themes on it now."""

    def tag(self, name: str) -> ThemeInfo:
        """Tag it with the theme called ``name`` (created if new)."""

    def untag(self, theme_id: int) -> None:
        """Take a theme off it."""


@dataclass(frozen=True)
class EventSpot:
    """The themes of one chronology event."""

    themes: ThemeService
    event_id: int

    def current(self) -> list[ThemeInfo]:
        return self.themes.event_themes(self.event_id)

    def tag(self, name: str) -> ThemeInfo:
        return self.themes.apply_to_event(self.event_id, name)

    def untag(self, theme_id: int) -> None:
        self.themes.remove_from_event(self.event_id, theme_id)


@dataclass(frozen=True)
class ResponseSpot:
    """The themes of one stage's response in a session."""

    themes: ThemeService
    session_id: int
    stage_id: str

    def current(self) -> list[ThemeInfo]:
        return self.themes.response_themes(self.session_id, self.stage_id)

    def tag(self, name: str) -> ThemeInfo:
        return self.themes.apply_to_response(self.session_id, self.stage_id, name)

    def untag(self, theme_id: int) -> None:
        self.themes.remove_from_response(self.session_id, self.stage_id, theme_id)


class _TagCommand(ServiceCommand):
    """Shared parts: the service, where the theme is tagged, and the theme."""

    def __init__(self, themes: ThemeService, spot: ThemeSpot, report: Report | None) -> None:
        super().__init__(report)
        self._themes = themes
        self.spot = spot
        self._theme_id = 0
        self._name = ""

    def _live_name(self) -> str:
        """The theme's name now (renamed or merged since), or the name it had."""
        try:
            return self._themes.get(self._theme_id).name
        except DeepDiveError:
            return self._name

    def _tag(self) -> None:
        self._theme_id = self.spot.tag(self._live_name()).id

    def _untag(self) -> None:
        self.spot.untag(self._theme_id)


class ApplyThemeCommand(_TagCommand):
    """Tag an event or a response with a theme by name (the theme is created if new)."""

    def __init__(
        self, themes: ThemeService, spot: ThemeSpot, name: str, report: Report | None = None
    ) -> None:
        super().__init__(themes, spot, report)
        self._name = name
        self._created = False
        self.setText(_tr("Add theme"))

    def _do(self) -> bool:
        """Tag now (raises DeepDiveError if refused); False if it already had the theme."""
        self._created = self._themes.find(self._name) is None
        before = {t.id for t in self.spot.current()}
        info = self.spot.tag(self._name)
        self._theme_id, self._name = info.id, info.name
        self.setText(_tr("Add theme “{name}”").format(name=info.name))
        return info.id not in before

    def _redo(self) -> None:
        self._tag()

    def _undo(self) -> None:
        self._untag()
        if self._created:
            self._themes.delete_if_unused(self._theme_id)


class RemoveThemeCommand(_TagCommand):
    """Take a theme off an event or a response."""

    def __init__(
        self, themes: ThemeService, spot: ThemeSpot, theme: ThemeInfo, report: Report | None = None
    ) -> None:
        super().__init__(themes, spot, report)
        self._theme_id, self._name = theme.id, theme.name
        self.setText(_tr("Remove theme “{name}”").format(name=theme.name))

    def _do(self) -> None:
        """Take the theme off now (raises DeepDiveError if refused)."""
        self._untag()

    def _redo(self) -> None:
        self._untag()

    def _undo(self) -> None:
        self._tag()


class RenameThemeCommand(ServiceCommand):
    """Rename a theme; undo gives back its old name."""

    def __init__(
        self, themes: ThemeService, theme_id: int, name: str, report: Report | None = None
    ) -> None:
        super().__init__(report)
        self._themes = themes
        self._theme_id = theme_id
        self._new = name
        self._old = themes.get(theme_id).name
        self.setText(_tr("Rename theme “{name}”").format(name=self._old))

    def _do(self) -> ThemeInfo:
        return self._themes.rename(self._theme_id, self._new)

    def _redo(self) -> None:
        self._themes.rename(self._theme_id, self._new)

    def _undo(self) -> None:
        self._themes.rename(self._theme_id, self._old)


class MergeThemesCommand(ServiceCommand):
    """Merge one theme into another; undo separates them again, each with its uses."""

    def __init__(
        self, themes: ThemeService, source: ThemeInfo, into: ThemeInfo, report: Report | None = None
    ) -> None:
        super().__init__(report)
        self._themes = themes
        self._source_id, self._into_id = source.id, into.id
        self._merged: MergedIds | None = None
        self.setText(_tr("Merge “{a}” into “{b}”").format(a=source.name, b=into.name))

    def _do(self) -> None:
        self._merged = self._themes.merge_recorded(self._source_id, self._into_id)

    def _redo(self) -> None:
        self._do()

    def _undo(self) -> None:
        assert self._merged is not None
        self._themes.unmerge(self._merged)


class DeleteThemeCommand(ServiceCommand):
    """Delete a theme nothing uses; undo brings it back with the same id and name."""

    def __init__(
        self, themes: ThemeService, theme: ThemeInfo, report: Report | None = None
    ) -> None:
        super().__init__(report)
        self._themes = themes
        self._theme = theme
        self.setText(_tr("Delete theme “{name}”").format(name=theme.name))

    def _do(self) -> bool:
        """Delete it now; False (and no step) when something uses it."""
        deleted = self._themes.delete_if_unused(self._theme.id)
        self.setObsolete(not deleted)
        return deleted

    def _redo(self) -> None:
        self._themes.delete_if_unused(self._theme.id)

    def _undo(self) -> None:
        self._themes.restore(self._theme)
