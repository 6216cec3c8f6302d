"""View ▸ Learning across cases and File ▸ Export programme report…, for the main window.

The window stays a thin shell: it creates one of these and asks it for its actions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.ui.editors.app_services import privacy_of
from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.widgets.menus import MenuSlots
from deepdive.ui.widgets.prompts import Prompter
from deepdive.ui.widgets.screen_fit import fit_to_screen

# The learning service (and SQLAlchemy behind it) loads when the view first opens,
# not while the main window is appearing.
if TYPE_CHECKING:
    from deepdive.privacy.places import Located
    from deepdive.services.learning import LearningFilter

ServicesGetter = Callable[[], Services | None]
OpenCase = Callable[[int], None]
ChooseReportPath = Callable[[QWidget, Path], Path | None]


def ask_report_path(parent: QWidget, start: Path) -> Path | None:
    """A save dialog for the programme report."""
    name, _kind = QFileDialog.getSaveFileName(
        parent,
        QObject.tr(parent, "Export programme report"),
        str(start / "programme-report.docx"),
        QObject.tr(parent, "Word document (*.docx)"),
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".docx" else path.with_suffix(".docx")


class LearningCommands(QObject):
    """Opens the Learning view and exports the programme report."""

    def __init__(
        self,
        window: QWidget,
        services: ServicesGetter,
        prompter: Prompter,
        open_case: OpenCase,
        *,
        marking: Callable[[], str | None] = lambda: None,
        choose_path: ChooseReportPath = ask_report_path,
        privacy: PrivacyContext | None = None,
    ) -> None:
        """``privacy``: the key vault and findings list (default: ``window``'s)."""
        super().__init__(window)
        self._privacy = privacy if privacy is not None else privacy_of(window)
        self._window = window
        self._services = services
        self._prompter = prompter
        self._open_case = open_case
        self._marking = marking
        self.choose_path = choose_path
        self.view: QWidget | None = None
        self.learning_action = QAction(self.tr("&Learning across cases"), window)
        self.learning_action.triggered.connect(lambda _checked=False: self.show_learning())
        self.report_action = QAction(self.tr("Export &programme report…"), window)
        self.report_action.triggered.connect(lambda _checked=False: self.export_report())

    def install(self, menus: MenuSlots) -> None:
        """File ▸ Export programme report… and View ▸ Learning across cases."""
        menus.add_file_group([self.report_action], before_show=self.update_enabled)
        menus.view.addSeparator()
        menus.view.addAction(self.learning_action)
        menus.view.aboutToShow.connect(self.update_enabled)

    def update_enabled(self) -> None:
        """Both need an open workspace."""
        ready = self._services() is not None
        self.learning_action.setEnabled(ready)
        self.report_action.setEnabled(ready)

    def show_learning(self) -> QWidget | None:
        """Open (or bring forward) the Learning view for the open workspace."""
        from deepdive.ui.learning.view import LearningView

        services = self._services()
        if services is None:
            return None
        if isinstance(self.view, LearningView) and self.view.isVisible():
            self.view.raise_()
            self.view.activateWindow()
            return self.view
        self.close_view()
        workspace = getattr(self._window, "view", None)
        # Themes and measures belong to no case: their steps go on the workspace's history.
        stack = workspace.undo.workspace if workspace is not None else None
        view = LearningView(services, self._window, undo_stack=stack)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.case_requested.connect(self._open_case)
        view.report_requested.connect(self.export_report)
        view.destroyed.connect(self._forget_view)
        self.view = view
        view.show()
        fit_to_screen(view, remembered=True)  # within a 1366x768 laptop's screen too
        return view

    def _forget_view(self) -> None:
        self.view = None

    def close_view(self) -> None:
        """Close the Learning view (when its workspace closes)."""
        if self.view is not None:
            view, self.view = self.view, None
            view.close()

    def _list_findings(self, located: list[Located], problem: DeepDiveError) -> bool:
        """A report the leak check stopped: list its findings by case and report part
        beside the main window (False: stopped for another reason)."""
        from deepdive.privacy.leakcheck import ExportBlocked

        if not isinstance(problem, ExportBlocked) or not located:
            return False
        return self._privacy.show_findings(
            None,
            self.tr("What stopped the programme report"),
            self.tr(
                "Nothing was written. Go to each in its case, or Replace it where it is, "
                "then write the report again."
            ),
            [found for found in located if found.finding.blocking],
        )

    def _report_path(self, services: Services, parent: QWidget) -> Path | None:
        """Where the report goes, once the key vault (if the workspace has one) is
        unlocked; None when it stays locked (and the user is told) or nothing is chosen."""
        if not self._privacy.unlock_for_writing(services):
            self._prompter.warn(
                parent,
                self.tr("Programme report not written"),
                self.tr(
                    "This workspace has a key vault: unlock it to write the report, so the "
                    "leak check looks for its registered names. Nothing was written."
                ),
            )
            return None
        return self.choose_path(parent, services.workspace.path.parent)

    def export_report(self, wanted: LearningFilter | None = None) -> Path | None:
        """Ask where, then write the programme report (leak-checked); returns the path."""
        from deepdive.export.gate import gate_with_vault
        from deepdive.export.programme_report import export_programme_report
        from deepdive.privacy.report_text import report_places
        from deepdive.services.learning import DEFAULT_THRESHOLD, LearningFilter
        from deepdive.ui.learning.chart_picture import chart_png
        from deepdive.ui.privacy.possible_names import PossibleNamesQuestion

        services = self._services()
        if services is None:
            return None
        parent = self.view if self.view is not None else self._window
        path = self._report_path(services, parent)
        if path is None:
            return None
        question = PossibleNamesQuestion(parent)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        chosen = wanted or LearningFilter()
        # every case's registered identifiers while the key vault is unlocked; what is
        # found is named by case and report part
        gate = gate_with_vault(
            services,
            self._privacy.vault,
            None,
            confirm=question,
            places=lambda: report_places(services, chosen),
        )
        try:
            result = export_programme_report(
                services,
                path,
                wanted=chosen,
                threshold=DEFAULT_THRESHOLD,
                gate=gate,
                chart_png=chart_png,
                marking=self._marking(),
            )
            services.audit.record_export(None, "report", path, gate.verdict(question.how))
        except DeepDiveError as exc:
            QGuiApplication.restoreOverrideCursor()
            if not self._list_findings(gate.located, exc):
                self._prompter.warn(parent, self.tr("Programme report not written"), str(exc))
            return None
        QGuiApplication.restoreOverrideCursor()
        extra = "\n".join(result.messages())
        self._prompter.inform(
            parent,
            self.tr("Programme report written"),
            self.tr("The programme report was saved to {path}.").format(path=path)
            + (f"\n\n{extra}" if extra else ""),
        )
        return path
