"""View ▸ Case list and View ▸ Focus on the chronology.

The case list can be hidden to give the case the whole width (remembered between runs);
focus mode gives the chronology table and its editor the whole window (the case list,
the tabs and the timeline make way) until it is turned off again. (Windows open at a
size that fits their screen: :mod:`deepdive.ui.widgets.screen_fit`.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from deepdive.ui.widgets.menus import MenuSlots
from deepdive.ui.widgets.window_settings import WindowSettings

if TYPE_CHECKING:
    from deepdive.ui.workspace.workspace_view import WorkspaceView

ViewGetter = Callable[[], "WorkspaceView | None"]
CASE_LIST_KEY = "view/case_list"


class ViewActions:
    """The case list and focus mode items of the View menu."""

    def __init__(self, window: QWidget, settings: WindowSettings, view: ViewGetter) -> None:
        self._settings = settings
        self._view = view
        self.case_list_action = QAction(window.tr("&Case list"), window)
        self.case_list_action.setCheckable(True)
        self.case_list_action.setChecked(settings.flag(CASE_LIST_KEY, default=True))
        self.case_list_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.case_list_action.setToolTip(window.tr("Show or hide the list of cases (Ctrl+Shift+L)"))
        self.case_list_action.toggled.connect(self._on_case_list_toggled)
        self.focus_action = QAction(window.tr("&Focus on the chronology"), window)
        self.focus_action.setCheckable(True)
        self.focus_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.focus_action.setToolTip(
            window.tr("The chronology and its editor take the whole window (Ctrl+Shift+M)")
        )
        self.focus_action.toggled.connect(self._on_focus_toggled)

    def install(self, menus: MenuSlots) -> None:
        """The items at the top of the View menu."""
        self.add_to(menus.view)

    def add_to(self, menu: QMenu) -> None:
        """Put the items at the top of ``menu``."""
        if not menu.actions():
            menu.addActions([self.case_list_action, self.focus_action])
        else:
            first = menu.actions()[0]
            menu.insertActions(first, [self.case_list_action, self.focus_action])
            menu.insertSeparator(first)
        menu.aboutToShow.connect(self.update_enabled)

    def attach(self, view: WorkspaceView) -> None:
        """A workspace was opened: its case list as remembered, focus mode off."""
        view.show_case_list(self.case_list_action.isChecked())
        view.focus_changed.connect(self._on_view_focus_changed)
        view.selection_changed.connect(lambda _case: self.update_enabled())
        self.focus_action.setChecked(False)
        self.update_enabled()

    def update_enabled(self) -> None:
        """Focus mode needs a case to focus on."""
        view = self._view()
        self.focus_action.setEnabled(
            self.focus_action.isChecked()
            or (view is not None and view.selected_case_id() is not None)
        )
        self.case_list_action.setEnabled(view is not None)

    def _on_case_list_toggled(self, shown: bool) -> None:
        self._settings.set_flag(CASE_LIST_KEY, shown)
        view = self._view()
        if view is not None:
            if shown and view.focused:
                view.focus_on_chronology(False)
            view.show_case_list(shown)

    def _on_focus_toggled(self, on: bool) -> None:
        view = self._view()
        if view is None:
            self.focus_action.setChecked(False)
            return
        if view.focus_on_chronology(on) != on:
            self.focus_action.setChecked(False)  # no case to focus on

    def _on_view_focus_changed(self, on: bool) -> None:
        if self.focus_action.isChecked() != on:
            blocked = self.focus_action.blockSignals(True)
            self.focus_action.setChecked(on)
            self.focus_action.blockSignals(blocked)
