"""The main window's Sessions menu: a new session for the selected case, a walk through
its chronology on the projector, the template library."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QWidget

from deepdive.ui.widgets.menus import MenuSlots
from deepdive.ui.widgets.prompts import Prompter

if TYPE_CHECKING:
    from deepdive.ui.sessions.sessions_panel import SessionsPanel
    from deepdive.ui.workspace.workspace_view import WorkspaceView


class SessionsMenu(QMenu):
    """Offers what a facilitator needs from anywhere in the window."""

    def __init__(
        self, parent: QWidget, view: Callable[[], WorkspaceView | None], prompter: Prompter
    ) -> None:
        super().__init__(parent.tr("&Sessions"), parent)
        self._view = view
        self._prompter = prompter
        self.walk_window: QWidget | None = None  # the latest walk opened from here
        self.new_session_action = self.addAction(self.tr("&New session for this case…"))
        self.new_session_action.triggered.connect(self.new_session)
        self.walk_action = self.addAction(self.tr("&Walk the chronology on the projector…"))
        self.walk_action.triggered.connect(self.walk_chronology)
        self.library_action = self.addAction(self.tr("&Template library…"))
        self.library_action.triggered.connect(self.open_library)
        self.aboutToShow.connect(self._update)
        self._update()

    def install(self, menus: MenuSlots) -> None:
        """The Sessions menu on the bar."""
        menus.add_menu(self)

    def attach(self, view: WorkspaceView) -> None:
        """Use this prompter in a newly opened workspace's Sessions tab (once built)."""
        from deepdive.ui.sessions.sessions_panel import SessionsPanel
        from deepdive.ui.timeline.pane import TimelinePane

        def wire(panel: object) -> None:
            timeline = getattr(panel, "timeline", None)
            if isinstance(timeline, TimelinePane):  # the Chronology tab's timeline
                timeline.walk_requested.connect(self.walk_chronology)
            if isinstance(panel, SessionsPanel):
                panel.prompter = self._prompter
                panel.library_requested.connect(self.open_library)
                panel.message.connect(view.status_message)

        view.case_tabs.panel_built.connect(wire)
        for built in view.case_tabs.built_panels():
            wire(built)
        view.selection_changed.connect(lambda _case_id: self._update())

    @staticmethod
    def panel(view: WorkspaceView | None) -> SessionsPanel | None:
        """The Sessions tab of a workspace view."""
        return None if view is None else view.sessions

    def new_session(self) -> None:
        """Show the selected case's Sessions tab and plan a session there."""
        view = self._view()
        panel = self.panel(view)
        if view is None or panel is None or view.selected_case_id() is None:
            return
        view.case_tabs.setCurrentWidget(panel)
        panel.new_session()

    def walk_chronology(self) -> None:
        """Walk the selected case's chronology event by event, on the projector."""
        view = self._view()
        case_id = None if view is None else view.selected_case_id()
        if view is None or case_id is None:
            return
        from deepdive.ui.sessions.chronology_walk import ChronologyWalkWindow

        history = view.undo.for_case(case_id)  # the walk's steps are that case's
        window = ChronologyWalkWindow(view.services, case_id, history, self.parentWidget())
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        window.show()
        self.walk_window = window

    def open_library(self) -> None:
        """Browse, edit, import and export the workspace's session templates."""
        view = self._view()
        if view is None:
            return
        from deepdive.ui.sessions.template_library import TemplateLibraryDialog

        dialog = TemplateLibraryDialog(
            view.services,
            self.parentWidget(),
            prompter=self._prompter,
            undo_stack=view.undo.workspace,  # templates belong to no one case
        )
        dialog.exec()
        dialog.deleteLater()

    def _update(self) -> None:
        view = self._view()
        self.library_action.setEnabled(view is not None)
        chosen = view is not None and view.selected_case_id() is not None
        self.new_session_action.setEnabled(chosen)
        self.walk_action.setEnabled(chosen)
