"""The main window: menus, status bar and the view of the open workspace.

It composes panels and opens workspaces through a function it is given; it does not
own the domain.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QMetaObject, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deepdive import APP_NAME
from deepdive.errors import DeepDiveError
from deepdive.paths import default_workspace
from deepdive.services import Services
from deepdive.ui.chronology.actions import ChronologyActions
from deepdive.ui.learning.commands import LearningCommands  # --- learning ---
from deepdive.ui.nothing_lost_menu import NothingLostMenu
from deepdive.ui.preferences import Preferences, load_preferences, save_preferences
from deepdive.ui.privacy.privacy_menu import PrivacyMenu
from deepdive.ui.prompts import Prompter
from deepdive.ui.screen_fit import fit_to_screen
from deepdive.ui.sessions.menu import SessionsMenu
from deepdive.ui.spelling.checker import spell_checker
from deepdive.ui.style import apply_appearance
from deepdive.ui.view_menu import ViewActions
from deepdive.ui.window_settings import WindowSettings

if TYPE_CHECKING:
    # The workspace's screens (and the database layer behind them) load with the first
    # workspace, after the window has painted.
    from deepdive.ui.case_commands import CaseCommands
    from deepdive.ui.case_list_panel import CaseListPanel
    from deepdive.ui.workspace_view import WorkspaceView

OpenServices = Callable[[Path], Services]
STATUS_TIMEOUT_MS = 4000


class NoWorkspacePlaceholder(QWidget):
    """Shown when no workspace could be opened: the ways forward."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        text = QLabel(
            self.tr("No workspace is open. Open an existing workspace or create a new one."),
            self,
        )
        text.setObjectName("emptyHint")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        open_button = QPushButton(self.tr("Open workspace…"), self)
        new_button = QPushButton(self.tr("New workspace…"), self)
        open_button.clicked.connect(window.choose_workspace_to_open)
        new_button.clicked.connect(window.choose_new_workspace)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(text)
        layout.addWidget(open_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(new_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    """DeepDive's main window."""

    preferences_changed = Signal(object)  # Preferences

    def __init__(
        self,
        open_services: OpenServices,
        settings: QSettings,
        prompter: Prompter | None = None,
    ) -> None:
        super().__init__()
        self._open_services = open_services
        self._settings = WindowSettings(settings)
        self._qsettings = settings
        self.preferences = load_preferences(settings)
        spell_checker().set_enabled(self.preferences.spelling)
        self._prompter = prompter or Prompter()
        self.services: Services | None = None
        self.view: WorkspaceView | None = None
        self.commands: CaseCommands | None = None
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(820, 520)
        self._workspace_label = QLabel(self)
        self._workspace_label.setObjectName("workspaceLabel")
        self.statusBar().addPermanentWidget(self._workspace_label)
        self._build_actions()
        self._build_menus()
        geometry = self._settings.bytes_value("window/geometry")
        restored = geometry is not None and self.restoreGeometry(geometry)
        fit_to_screen(self, remembered=restored)  # never taller than the screen
        self._show_placeholder()

    # ---------------------------------------------------------------- actions
    def _build_actions(self) -> None:
        def action(
            text: str,
            slot: Callable[[], object],
            keys: QKeySequence | QKeySequence.StandardKey | None = None,
        ) -> QAction:
            item = QAction(text, self)
            if keys is not None:
                item.setShortcut(keys)
            item.triggered.connect(lambda _checked=False: slot())
            return item

        self.new_workspace_action = action(self.tr("&New workspace…"), self.choose_new_workspace)
        self.open_workspace_action = action(
            self.tr("&Open workspace…"),
            self.choose_workspace_to_open,
            QKeySequence.StandardKey.Open,
        )
        self.quit_action = action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.new_case_action = action(
            self.tr("&New case…"), lambda: self._command("new_case"), QKeySequence.StandardKey.New
        )
        self.rename_case_action = action(
            self.tr("&Rename case…"), lambda: self._command("rename_case"), QKeySequence("F2")
        )
        self.duplicate_case_action = action(
            self.tr("D&uplicate case…"), lambda: self._command("duplicate_case")
        )
        self.archive_case_action = action(
            self.tr("&Archive case"), lambda: self._command("toggle_archived")
        )
        self.delete_case_action = action(
            self.tr("&Delete case…"), lambda: self._command("delete_case")
        )
        self.demo_action = action(
            self.tr("Add the &demo case"), lambda: self._command("add_demo_case")
        )
        self.demo_programme_action = action(
            self.tr("Add the demo &programme (13 cases)"),
            lambda: self._command("add_demo_programme"),
        )
        self.show_archived_action = QAction(self.tr("Show &archived cases"), self)
        self.show_archived_action.setCheckable(True)
        self.show_archived_action.setChecked(self._settings.flag("view/show_archived"))
        self.show_archived_action.toggled.connect(self._on_show_archived_toggled)
        self.about_action = action(self.tr("&About DeepDive"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.search_action = action(self.tr("&Search everywhere…"), self.search_everywhere)
        self.search_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+Shift+F")])
        self.preferences_action = action(
            self.tr("&Preferences…"),
            self.edit_preferences,
            QKeySequence(QKeySequence.StandardKey.Preferences)
            if not QKeySequence(QKeySequence.StandardKey.Preferences).isEmpty()
            else QKeySequence("Ctrl+,"),
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.shortcuts_action = action(
            self.tr("&Keyboard shortcuts"), self.show_shortcuts, QKeySequence("Ctrl+/")
        )
        self.guide_action = action(
            self.tr("&Guide to running a Deep Dive"),
            self.show_guide,
            QKeySequence(QKeySequence.StandardKey.HelpContents),
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.new_workspace_action)
        file_menu.addAction(self.open_workspace_action)
        self.recent_menu = QMenu(self.tr("Open &recent"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        # What was typed a moment ago becomes its undo step before the menu shows it.
        self.edit_menu.aboutToShow.connect(self._save_typing)
        self._undo_actions: list[QAction] = []
        self._undo_follow: QMetaObject.Connection | None = None
        case_menu = bar.addMenu(self.tr("&Case"))
        for item in (self.new_case_action, self.rename_case_action, self.duplicate_case_action):
            case_menu.addAction(item)
        case_menu.addSeparator()
        case_menu.addAction(self.archive_case_action)
        case_menu.addAction(self.delete_case_action)
        case_menu.addSeparator()
        case_menu.addAction(self.demo_action)
        case_menu.addAction(self.demo_programme_action)
        # --- chronology ---
        self.chronology_actions = ChronologyActions(
            self, lambda: self.view.chronology if self.view is not None else None
        )
        file_menu.insertAction(self.quit_action, self.chronology_actions.import_action)
        file_menu.insertSeparator(self.quit_action)
        file_menu.aboutToShow.connect(self.chronology_actions.update_enabled)
        bar.addMenu(self.chronology_actions.menu)
        # --- end chronology ---
        # --- nothing lost ---
        self.nothing_lost = NothingLostMenu(
            self,
            self._prompter,
            self._open_services,
            self.open_workspace,
            lambda: (self.services, self.view),
        )
        for item in self.nothing_lost.file_actions:
            file_menu.insertAction(self.quit_action, item)
        file_menu.insertSeparator(self.quit_action)
        file_menu.aboutToShow.connect(self.nothing_lost.update_enabled)
        # --- end nothing lost ---
        # --- sessions ---
        self.sessions_menu = SessionsMenu(self, lambda: self.view, self._prompter)
        bar.addMenu(self.sessions_menu)
        # --- end sessions ---
        # --- privacy ---
        self.privacy_menu = PrivacyMenu(
            self, lambda: (self.services, self.view), self._prompter, self._qsettings
        )
        bar.addMenu(self.privacy_menu)
        # --- end privacy ---
        # --- export ---
        self.export_action = QAction(self.tr("E&xport case study…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_action.triggered.connect(lambda _checked=False: self.export_case_study())
        file_menu.insertAction(self.quit_action, self.export_action)
        file_menu.insertSeparator(self.quit_action)
        # --- end export ---
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.show_archived_action)
        self.view_actions = ViewActions(self, self._settings, lambda: self.view)
        self.view_actions.add_to(view_menu)
        # --- learning ---
        self.learning = LearningCommands(
            self,
            lambda: self.services,
            self._prompter,
            self._open_case_from_learning,
            marking=lambda: self.preferences.marking or None,
        )
        view_menu.addSeparator()
        view_menu.addAction(self.learning.learning_action)
        file_menu.insertAction(self.quit_action, self.learning.report_action)
        file_menu.insertSeparator(self.quit_action)
        for menu in (file_menu, view_menu):
            menu.aboutToShow.connect(self.learning.update_enabled)
        # --- end learning ---
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.search_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.preferences_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        self._update_case_actions(None)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self._settings.recent_workspaces()
        if not recent:
            empty = self.recent_menu.addAction(self.tr("No recent workspaces"))
            empty.setEnabled(False)
        for path in recent:
            item = self.recent_menu.addAction(str(path))
            item.triggered.connect(lambda _checked=False, p=path: self.open_workspace(p))

    def _command(self, name: str) -> None:
        if self.commands is not None:
            getattr(self.commands, name)()

    def _update_case_actions(self, case_id: object) -> None:
        has_workspace = self.view is not None
        selected = has_workspace and case_id is not None
        self.new_case_action.setEnabled(has_workspace)
        self.search_action.setEnabled(has_workspace)
        self.export_action.setEnabled(selected)  # --- export ---
        self.demo_action.setEnabled(has_workspace)
        self.demo_programme_action.setEnabled(has_workspace)
        for item in (
            self.rename_case_action,
            self.duplicate_case_action,
            self.archive_case_action,
            self.delete_case_action,
        ):
            item.setEnabled(selected)
        if selected and self.services is not None and isinstance(case_id, int):
            archived = self.services.cases.get(case_id).archived
            self.archive_case_action.setText(
                self.tr("Restore from &archive") if archived else self.tr("&Archive case")
            )

    def _on_show_archived_toggled(self, on: bool) -> None:
        self._settings.set_flag("view/show_archived", on)
        if self.view is not None:
            self.view.case_list.proxy.set_show_archived(on)

    # ------------------------------------------------------------- workspaces
    def begin_opening(self, path: Path, opened: Callable[[], None] | None = None) -> None:
        """Start-up: list the workspace's cases at once, then open it as soon as it loads.

        The database layer and the screens load on a background thread while the
        window shows the case list from a quick read-only look; anything unusual about
        the file (damaged, newer, in use) is left to the full open to explain.
        ``opened`` is called once the workspace is open (the composition root settles
        start-up's memory then).
        """
        from deepdive.services.case_listing import peek_case_summaries
        from deepdive.ui.opening_preview import BackgroundImports, OpeningPreview

        self._workspace_label.setText(self.tr("Opening {path}…").format(path=path))
        cases = peek_case_summaries(path)
        preview = OpeningPreview(cases, self) if cases else None
        if preview is not None:
            preview.case_list.proxy.set_show_archived(self.show_archived_action.isChecked())
            self.setCentralWidget(preview)
            preview.show()
        else:
            self.show_opening()
        loader = BackgroundImports(parent=self)

        def open_loaded() -> None:
            loader.deleteLater()
            case_list = preview.take_case_list() if preview is not None else None
            self.open_workspace(path, case_list=case_list)
            if opened is not None:
                opened()

        loader.finished.connect(open_loaded)
        # Loading competes with painting for the interpreter: let the list paint first
        # (but never wait for a paint that a hidden or minimised window will not do).
        if preview is not None and preview.isVisible():
            preview.first_painted.connect(lambda: QTimer.singleShot(0, loader.start))
            QTimer.singleShot(300, loader.start)
        else:
            QTimer.singleShot(0, loader.start)

    def open_workspace(self, path: Path, case_list: CaseListPanel | None = None) -> bool:
        """Open the workspace at ``path`` in this window; explains and returns False if not.

        ``case_list`` is the list shown while it was opening (see :meth:`begin_opening`).
        """
        try:
            services = self._open_services(path)
        except DeepDiveError as exc:
            case_list = None  # the start-up list goes with the placeholder
            if self.view is None:
                self._show_placeholder()
            # --- nothing lost --- explain; a damaged file is kept and a backup offered
            recovered = self.nothing_lost.recover(path, exc)
            if recovered is None:
                return False
            services = recovered
        if not self._close_current():
            services.close()
            return False
        from deepdive.ui.case_commands import CaseCommands
        from deepdive.ui.workspace_view import WorkspaceView

        self.services = services
        self.view = WorkspaceView(services, self, case_list=case_list)
        self.commands = CaseCommands(self.view, self._prompter, self)
        self.view.status_message.connect(self._show_status)
        self.view.selection_changed.connect(self._update_case_actions)
        self.view.banner.add_demo_requested.connect(lambda: self._command("add_demo_case"))
        self.view.banner.add_programme_requested.connect(
            lambda: self._command("add_demo_programme")
        )
        self.view.banner.new_case_requested.connect(lambda: self._command("new_case"))
        self.view.case_list.proxy.set_show_archived(self.show_archived_action.isChecked())
        self._install_undo_actions(self.view)
        self.sessions_menu.attach(self.view)  # --- sessions ---
        self.nothing_lost.attach(services, self.view)  # --- nothing lost ---
        state = self._settings.bytes_value("window/splitter")
        if state is None or not self.view.splitter.restoreState(state):
            self.view.fit_case_list_width(self.width())
        self.view_actions.attach(self.view)  # the case list shown or hidden, as last time
        self.setCentralWidget(self.view)
        self.view.show()  # a widget put into an already visible window needs showing
        self.setWindowTitle(f"{services.workspace.path.name} — {APP_NAME}")
        self._workspace_label.setText(str(services.workspace.path))
        self._settings.add_recent_workspace(services.workspace.path)
        self._update_case_actions(self.view.selected_case_id())
        QTimer.singleShot(500, spell_checker().preload)  # the dictionary, while idle
        return True

    def _save_typing(self) -> None:
        if self.view is not None:
            self.view.case_tabs.flush()

    def _install_undo_actions(self, view: WorkspaceView) -> None:
        for old in self._undo_actions:
            self.edit_menu.removeAction(old)
            old.deleteLater()
        stack = view.undo_stack
        undo = QAction(self.tr("&Undo"), self)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = QAction(self.tr("&Redo"), self)
        redo.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )

        def follow() -> None:  # the step each would take, by name, as QUndoStack's own do
            if not (shiboken6.isValid(stack) and shiboken6.isValid(undo)):
                return  # the window is being torn down
            held = view.holds_typed_text()  # a cell's typing is not a step yet: wait for it
            undo.setEnabled(stack.canUndo() and not held)
            undo.setText(self.tr("&Undo {step}").format(step=stack.undoText()).strip())
            redo.setEnabled(stack.canRedo() and not held)
            redo.setText(self.tr("&Redo {step}").format(step=stack.redoText()).strip())

        def step(move: Callable[[], None]) -> None:
            # What was typed a moment ago is a step of its own, so it is undone first.
            view.case_tabs.flush()
            if not view.holds_typed_text():
                move()

        undo.triggered.connect(lambda _checked=False: step(stack.undo))
        redo.triggered.connect(lambda _checked=False: step(stack.redo))
        stack.indexChanged.connect(lambda _index: follow())
        stack.cleanChanged.connect(lambda _clean: follow())
        if self._undo_follow is not None:
            QObject.disconnect(self._undo_follow)
        self._undo_follow = self.edit_menu.aboutToShow.connect(follow)
        follow()
        self._undo_actions = [undo, redo]
        existing = self.edit_menu.actions()
        if existing:
            self.edit_menu.insertActions(existing[0], self._undo_actions)
        else:
            self.edit_menu.addActions(self._undo_actions)

    def choose_workspace_to_open(self) -> None:
        """Ask for a workspace file and open it."""
        path = self._prompter.open_workspace_path(self, self._start_folder())
        if path is not None:
            self.open_workspace(path)

    def choose_new_workspace(self) -> None:
        """Ask where to create a workspace, create it and open it."""
        path = self._prompter.new_workspace_path(self, self._start_folder())
        if path is None:
            return
        if path.exists():
            self._prompter.warn(
                self,
                self.tr("New workspace"),
                self.tr("{path} already exists; choose another name, or use Open.").format(
                    path=path
                ),
            )
            return
        self.open_workspace(path)

    def _start_folder(self) -> Path:
        if self.services is not None:
            return self.services.workspace.path.parent
        return default_workspace().parent

    def _close_current(self) -> bool:
        if self.view is None or self.services is None:
            return True
        if not self.view.close_workspace():
            self._prompter.warn(
                self,
                self.tr("Could not save"),
                self.tr(
                    "Your latest edits could not be saved, so the workspace stays open. "
                    "Your text is still in the window."
                ),
            )
            return False
        if not self.view.left.isHidden():  # a hidden list's width is not worth keeping
            self._settings.set_bytes_value("window/splitter", self.view.splitter.saveState())
        self.learning.close_view()  # --- learning ---
        self.services.close()
        self.services = None
        self.view = None
        self.commands = None
        return True

    def show_opening(self) -> None:
        """Say the workspace is being opened (shown for the first moment of start-up)."""
        label = QLabel(self.tr("Opening your workspace…"), self)
        label.setObjectName("emptyHint")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(label)
        label.show()

    def _show_placeholder(self) -> None:
        placeholder = NoWorkspacePlaceholder(self)
        self.setCentralWidget(placeholder)
        placeholder.show()
        self._workspace_label.setText(self.tr("No workspace open"))

    # --- export ---
    def export_case_study(self) -> None:
        """File ▸ Export case study…: the export dialog for the case being shown."""
        case_id = self.view.selected_case_id() if self.view is not None else None
        if self.services is None or self.view is None or case_id is None:
            return
        from deepdive.ui.export_dialog import ExportDialog, draw_timeline

        self.view.case_tabs.flush()  # the latest typing goes into the export too
        dialog = ExportDialog(
            self.services,
            self.services.cases.get(case_id),
            marking=self.preferences.marking,
            reference_doc=self.preferences.reference_doc,
            folder=self._settings.export_folder(self.services.workspace.path),
            remember_folder=partial(self._settings.set_export_folder, self.services.workspace.path),
            timeline=draw_timeline,
            privacy=self.privacy_menu.context,  # the key vault, while it is unlocked
            unlock=self.privacy_menu.unlock,
            vault_path=self.privacy_menu.vault_path(self.services),
            parent=self,
        )
        dialog.exec()
        dialog.deleteLater()
        if dialog.to_fix:  # the export was stopped: list where, to fix one by one
            self.privacy_menu.findings.show(
                case_id,
                self.tr("What stopped the export of {code}").format(code=dialog.case_code),
                self.tr(
                    "Nothing was written. Go to each, or Replace it where it is, then export again."
                ),
                dialog.to_fix,
            )

    # --- end export ---
    # --- learning ---
    def _open_case_from_learning(self, case_id: int) -> None:
        """An item behind a theme count was opened: show its case here."""
        if self.view is not None:
            self.view.select_case(case_id)
            self.raise_()
            self.activateWindow()

    # --- end learning ---
    # ----------------------------------------------------------------- other
    def search_everywhere(self) -> None:
        """Ctrl+K: search every case; the chosen result opens in place."""
        if self.services is None or self.view is None:
            return
        from deepdive.ui.search_dialog import SearchDialog

        dialog = SearchDialog(self.services.search, self)
        dialog.open_requested.connect(self.view.open_search_hit)
        dialog.exec()
        dialog.deleteLater()

    def show_about(self) -> None:
        """Version, purpose, licence and the licences of bundled components."""
        from deepdive.ui.help_dialogs import about_dialog

        self._run_sheet(about_dialog(self))

    def show_shortcuts(self) -> None:
        """Every keyboard shortcut, by menu."""
        from deepdive.ui.help_dialogs import shortcuts_dialog

        self._run_sheet(shortcuts_dialog(self.menuBar(), self))

    def show_guide(self) -> None:
        """The built-in guide to running a Deep Dive session."""
        from deepdive.ui.help_dialogs import guide_dialog

        self._run_sheet(guide_dialog(self))

    def _run_sheet(self, dialog: QDialog) -> None:
        dialog.exec()
        dialog.deleteLater()

    def edit_preferences(self) -> None:
        """Show the Preferences dialog and apply what is chosen."""
        from deepdive.ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.preferences, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_preferences(dialog.chosen())
        dialog.deleteLater()

    def apply_preferences(self, preferences: Preferences) -> None:
        """Store and apply preferences (appearance at once; the rest when next used)."""
        self.preferences = preferences
        save_preferences(self._qsettings, preferences)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_appearance(app, preferences.theme, preferences.font_point_size)
        spell_checker().set_enabled(preferences.spelling)
        self.preferences_changed.emit(preferences)

    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.set_bytes_value("window/geometry", self.saveGeometry())
        if not self._close_current():
            event.ignore()
            return
        self._settings.sync()
        event.accept()
