"""What the window does while a team workspace is open: other people's changes come in,
and when the server stops answering it says so, keeps what is typed, and saves it when
the server answers again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMainWindow, QWidget

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.ui.workspace.connection_status import ConnectionLabel
from deepdive.ui.workspace.remote_changes import RemoteChanges

if TYPE_CHECKING:
    from deepdive.ui.workspace.workspace_view import WorkspaceView

STATUS_MS = 6000


def _tr(text: str) -> str:
    return QCoreApplication.translate("ServerWatch", text)


class ServerWatch(QObject):
    """Listens to the server of the open team workspace for the window."""

    def __init__(
        self,
        window: QMainWindow,
        services: Services,
        view: WorkspaceView,
        label: ConnectionLabel,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._view = view
        self._label = label
        self.remote = RemoteChanges(services, self)
        self.remote.connection_changed.connect(self._on_connection_changed)
        self.remote.everything_changed.connect(self._on_everything_changed)

    def stop(self) -> None:
        """The workspace is closing: stop listening."""
        self.remote.stop()

    def _on_connection_changed(self, connected: bool) -> None:
        # The permanent label says it; a message would hide the save-problem bar.
        self._label.set_connected(connected)
        if not connected:
            return
        self._window.statusBar().showMessage(_tr("Connected to the server again."), STATUS_MS)
        # What was typed meanwhile goes in now; what others changed meanwhile was not
        # heard: the listener says "everything" next, and it is all read again then.
        self._view.case_tabs.flush()

    def _on_everything_changed(self) -> None:
        try:
            self.remote.everything_may_have_changed(self.cases_on_screen())
        except DeepDiveError as exc:  # the server went again: it is read when it is back
            self._window.statusBar().showMessage(str(exc), STATUS_MS)

    def cases_on_screen(self) -> list[int]:
        """The case the window shows and those its other windows show (a session being
        run, a chronology walk): each says so through ``shown_case_id``."""
        shown = [self._view.selected_case_id()]
        for widget in self._window.findChildren(QWidget):
            if widget.isWindow() and isinstance(widget, ShowsCase):
                shown.append(widget.shown_case_id())
        return [case_id for case_id in dict.fromkeys(shown) if case_id is not None]


@runtime_checkable
class ShowsCase(Protocol):
    """A window showing one case, which a re-read after a gap should cover."""

    def shown_case_id(self) -> int | None:
        """The case shown, if any."""
