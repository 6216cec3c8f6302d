"""File ▸ Export case study… (Ctrl+Shift+E), installed into the main window by the
export feature: the export dialog for the case being shown."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from deepdive.services import Services
from deepdive.ui.privacy.privacy_menu import PrivacyMenu
from deepdive.ui.widgets.menus import MenuSlots
from deepdive.ui.widgets.preferences import Preferences
from deepdive.ui.widgets.window_settings import WindowSettings

if TYPE_CHECKING:
    from deepdive.ui.workspace.workspace_view import WorkspaceView

Current = Callable[[], "tuple[Services | None, WorkspaceView | None]"]


class ExportCommand(QObject):
    """Exports the case being shown, through the export dialog."""

    def __init__(
        self,
        window: QWidget,
        current: Current,
        preferences: Callable[[], Preferences],
        settings: WindowSettings,
        privacy: PrivacyMenu,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._current = current
        self._preferences = preferences
        self._settings = settings
        self._privacy = privacy
        self.action = QAction(self.tr("E&xport case study…"), window)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.action.triggered.connect(self.export_case_study)
        self.action.setEnabled(False)

    def install(self, menus: MenuSlots) -> None:
        """File ▸ Export case study…"""
        menus.add_file_group([self.action])

    def attach(self, view: WorkspaceView | None) -> None:
        """A workspace was opened (None: it closed): export follows its selection."""
        if view is not None:
            view.selection_changed.connect(self.update_enabled)
        self.update_enabled(view.selected_case_id() if view is not None else None)

    def update_enabled(self, case_id: object) -> None:
        """A case is needed to export."""
        self.action.setEnabled(case_id is not None and self._current()[1] is not None)

    def export_case_study(self) -> None:
        """File ▸ Export case study…: the export dialog for the case being shown."""
        services, view = self._current()
        case_id = view.selected_case_id() if view is not None else None
        if services is None or view is None or case_id is None:
            return
        from deepdive.ui.export.export_dialog import ExportDialog
        from deepdive.ui.export.export_worker import draw_timeline

        view.case_tabs.flush()  # the latest typing goes into the export too
        preferences = self._preferences()
        dialog = ExportDialog(
            services,
            services.cases.get(case_id),
            marking=preferences.marking,
            reference_doc=preferences.reference_doc,
            folder=self._settings.export_folder(services.workspace.path),
            remember_folder=partial(self._settings.set_export_folder, services.workspace.path),
            timeline=draw_timeline,
            privacy=self._privacy.context,  # the key vault, while it is unlocked
            unlock=self._privacy.unlock,
            vault_path=self._privacy.vault_path(services),
            parent=self._window,
        )
        dialog.exec()
        dialog.deleteLater()
        if dialog.to_fix:  # the export was stopped: list where, to fix one by one
            self._privacy.findings.show(
                case_id,
                self.tr("What stopped the export of {code}").format(code=dialog.case_code),
                self.tr(
                    "Nothing was written. Go to each, or Replace it where it is, then export again."
                ),
                dialog.to_fix,
            )
