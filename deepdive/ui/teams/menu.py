"""File ▸ Teams…, installed by this feature into the main window's menus.

Shown only while a team workspace (on a PostgreSQL server) is open: a workspace file
has no teams. The window is built over the open workspace's own services, with their
identifier guard, so a team's name is checked against the unlocked key vault as the
command line checks it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from deepdive.errors import DeepDiveError
from deepdive.ui.widgets.menus import MenuSlots
from deepdive.ui.widgets.screen_fit import fit_to_screen

if TYPE_CHECKING:
    # The window (and the database layer behind it) loads when it first opens.
    from deepdive.services import Services
    from deepdive.ui.teams.window import TeamsWindow
    from deepdive.ui.workspace.workspace_view import WorkspaceView

Current = Callable[[], "tuple[Services | None, WorkspaceView | None]"]


class TeamsMenu(QObject):
    """Opens the Teams window for the open team workspace (one at a time)."""

    def __init__(self, window: QWidget, current: Current) -> None:
        """``current``: the open workspace's services and view (None, None: none open)."""
        super().__init__(window)
        self._window = window
        self._current = current
        self.teams_window: TeamsWindow | None = None
        self.action = QAction(self.tr("T&eams…"), window)
        self.action.setObjectName("teams")
        self.action.triggered.connect(lambda _checked=False: self.open_teams())
        self.update_enabled()

    def install(self, menus: MenuSlots) -> None:
        """File ▸ Teams…, after the workspace items, shown on a team workspace only."""
        menus.add_file_group([self.action], before_show=self.update_enabled)

    def update_enabled(self) -> None:
        """Teams belong to a team workspace: hidden on a workspace file, or none."""
        services, view = self._current()
        on_server = services is not None and services.workspace.server is not None
        self.action.setVisible(on_server)
        self.action.setEnabled(on_server and view is not None)

    def open_teams(self) -> TeamsWindow | None:
        """Open (or bring forward) the Teams window."""
        services, view = self._current()
        if services is None or view is None or services.workspace.server is None:
            return None
        if self.teams_window is None:
            self.teams_window = self._make(services, view)
            self.teams_window.show()
            fit_to_screen(self.teams_window, remembered=True)  # within a 1366x768 screen too
        self.teams_window.show()
        self.teams_window.raise_()
        self.teams_window.activateWindow()
        return self.teams_window

    def _make(self, services: Services, view: WorkspaceView) -> TeamsWindow:
        from deepdive.services.teams import TeamService
        from deepdive.ui.teams.window import TeamsWindow

        server = services.workspace.server
        assert server is not None
        # The workspace's own services and guard: never closed here (the app's workspace).
        teams = TeamService(services.workspace, services.guard)

        def codes() -> list[str]:
            try:
                return sorted(case.code for case in services.cases.list_cases())
            except DeepDiveError:
                return []  # the server not answering: the code can still be typed

        def case_on_screen() -> str | None:
            case_id = view.selected_case_id()
            if case_id is None:
                return None
            try:
                return services.cases.summary(case_id).code
            except DeepDiveError:
                return None  # gone meanwhile: nothing to offer first

        made = TeamsWindow(teams, server, codes, case_on_screen, services.changes, self._window)
        made.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        made.destroyed.connect(self._forget)
        # Its workspace closing (the view goes with it) closes the window too.
        view.destroyed.connect(made.close)
        return made

    def _forget(self) -> None:
        self.teams_window = None
