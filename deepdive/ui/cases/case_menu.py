"""The Case menu (new, rename, duplicate, archive, delete, the demo case and programme)
and View ▸ Show archived cases, installed into the main window by the case feature.

Each item runs a :class:`~deepdive.ui.cases.case_commands.CaseCommands` method on the open
workspace; the commands are made when a workspace opens (:meth:`CaseMenu.attach`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.widgets.menus import MenuSlots
from deepdive.ui.widgets.prompts import Prompter
from deepdive.ui.widgets.window_settings import WindowSettings

if TYPE_CHECKING:
    # The commands (and the database layer behind them) load with the first workspace.
    from deepdive.services.results import CaseDetail
    from deepdive.ui.cases.case_commands import CaseCommands
    from deepdive.ui.workspace.workspace_view import WorkspaceView

SHOW_ARCHIVED_KEY = "view/show_archived"


class CaseMenu(QObject):
    """The case commands, from the Case menu, their shortcuts and the empty-workspace banner."""

    def __init__(
        self,
        window: QWidget,
        prompter: Prompter,
        settings: WindowSettings,
        privacy: PrivacyContext,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._prompter = prompter
        self._settings = settings
        self._privacy = privacy
        self.commands: CaseCommands | None = None
        self._view: WorkspaceView | None = None

        def action(
            text: str, slot: Callable[[], object], keys: QKeySequence | None = None
        ) -> QAction:
            item = QAction(text, window)
            if keys is not None:
                item.setShortcut(keys)
            item.triggered.connect(slot)
            return item

        self.new_case_action = action(
            self.tr("&New case…"), self.new_case, QKeySequence(QKeySequence.StandardKey.New)
        )
        self.rename_case_action = action(
            self.tr("&Rename case…"), self.rename_case, QKeySequence("F2")
        )
        self.duplicate_case_action = action(self.tr("D&uplicate case…"), self.duplicate_case)
        self.archive_case_action = action(self.tr("&Archive case"), self.toggle_archived)
        self.delete_case_action = action(self.tr("&Delete case…"), self.delete_case)
        self.demo_action = action(self.tr("Add the &demo case"), self.add_demo_case)
        self.demo_programme_action = action(
            self.tr("Add the demo &programme (13 cases)"), self.add_demo_programme
        )
        self.show_archived_action = QAction(self.tr("Show &archived cases"), window)
        self.show_archived_action.setCheckable(True)
        self.show_archived_action.setChecked(settings.flag(SHOW_ARCHIVED_KEY))
        self.show_archived_action.toggled.connect(self._on_show_archived_toggled)
        self.update_enabled(None)

    def install(self, menus: MenuSlots) -> None:
        """The Case menu's items, and Show archived cases in the View menu."""
        menu = menus.case
        menu.addActions([self.new_case_action, self.rename_case_action, self.duplicate_case_action])
        menu.addSeparator()
        menu.addActions([self.archive_case_action, self.delete_case_action])
        menu.addSeparator()
        menu.addActions([self.demo_action, self.demo_programme_action])
        menus.view.addAction(self.show_archived_action)

    def attach(self, view: WorkspaceView | None) -> None:
        """A workspace was opened in the window (None: it closed)."""
        from deepdive.ui.cases.case_commands import CaseCommands

        self._view = view
        self.commands = None
        if view is not None:
            self.commands = CaseCommands(view, self._prompter, self._window, self._privacy)
            view.selection_changed.connect(self.update_enabled)
            view.banner.add_demo_requested.connect(self.add_demo_case)
            view.banner.add_programme_requested.connect(self.add_demo_programme)
            view.banner.new_case_requested.connect(self.new_case)
            view.case_list.proxy.set_show_archived(self.show_archived_action.isChecked())
        self.update_enabled(view.selected_case_id() if view is not None else None)

    def update_enabled(self, case_id: object) -> None:
        """Enable what makes sense for the open workspace and the selected case."""
        has_workspace = self._view is not None
        selected = has_workspace and case_id is not None
        for item in (self.new_case_action, self.demo_action, self.demo_programme_action):
            item.setEnabled(has_workspace)
        for item in (
            self.rename_case_action,
            self.duplicate_case_action,
            self.archive_case_action,
            self.delete_case_action,
        ):
            item.setEnabled(selected)
        if selected and self._view is not None and isinstance(case_id, int):
            archived = self._view.services.cases.get(case_id).archived
            self.archive_case_action.setText(
                self.tr("Restore from &archive") if archived else self.tr("&Archive case")
            )

    # --------------------------------------------------------------- commands
    def new_case(self) -> CaseDetail | None:
        """Case ▸ New case…"""
        return self.commands.new_case() if self.commands is not None else None

    def rename_case(self) -> CaseDetail | None:
        """Case ▸ Rename case… (F2)"""
        return self.commands.rename_case() if self.commands is not None else None

    def duplicate_case(self) -> CaseDetail | None:
        """Case ▸ Duplicate case…"""
        return self.commands.duplicate_case() if self.commands is not None else None

    def toggle_archived(self) -> CaseDetail | None:
        """Case ▸ Archive case, or Restore from archive."""
        return self.commands.toggle_archived() if self.commands is not None else None

    def delete_case(self) -> bool:
        """Case ▸ Delete case…"""
        return self.commands.delete_case() if self.commands is not None else False

    def add_demo_case(self) -> CaseDetail | None:
        """Case ▸ Add the demo case."""
        return self.commands.add_demo_case() if self.commands is not None else None

    def add_demo_programme(self) -> CaseDetail | None:
        """Case ▸ Add the demo programme (13 cases)."""
        return self.commands.add_demo_programme() if self.commands is not None else None

    def _on_show_archived_toggled(self, on: bool) -> None:
        self._settings.set_flag(SHOW_ARCHIVED_KEY, on)
        if self._view is not None:
            self._view.case_list.proxy.set_show_archived(on)
