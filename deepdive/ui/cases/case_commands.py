"""The Case menu's commands: new, rename, duplicate, archive, delete, add demo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from deepdive.errors import DeepDiveError
from deepdive.services.results import CaseDetail
from deepdive.ui.cases.case_dialogs import CaseCodeDialog, new_case_dialog
from deepdive.ui.cases.team_choice import choose_team
from deepdive.ui.editors.app_services import privacy_of
from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.widgets.prompts import Prompter
from deepdive.ui.workspace.workspace_view import WorkspaceView

T = TypeVar("T")


@dataclass(frozen=True)
class TeamChosen:
    """The team new cases go into (None: the server decides, or a workspace file)."""

    team: str | None


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseCommands", text)


class CaseCommands:
    """Runs case commands against the open workspace view, asking the user as needed."""

    def __init__(
        self,
        view: WorkspaceView,
        prompter: Prompter,
        parent: QWidget,
        privacy: PrivacyContext | None = None,
    ) -> None:
        """``privacy`` moves a renamed or deleted case's vault entries (default:
        ``parent``'s window's)."""
        self._privacy = privacy if privacy is not None else privacy_of(parent)
        self._view = view
        self._services = view.services
        self._prompter = prompter
        self._parent = parent

    def new_case(self) -> CaseDetail | None:
        """Ask for a code and pseudonym (and, for a person in several teams, the team),
        create the case and show it."""
        # Which teams to offer is read from the workspace, which may not answer.
        dialog = self._attempt(lambda: new_case_dialog(self._services.cases, self._parent))
        return self._run(dialog) if dialog is not None else None

    def rename_case(self) -> CaseDetail | None:
        """Change the selected case's code and pseudonym."""
        case = self._selected()
        if case is None:
            return None
        dialog = CaseCodeDialog(
            _tr("Rename case"),
            _tr("Change the case code or the young person's pseudonym."),
            lambda code, pseudonym: self._services.cases.update(
                case.id, code=code, pseudonym=pseudonym
            ),
            code=case.code,
            pseudonym=case.pseudonym,
            ok_text=_tr("Rename"),
            parent=self._parent,
        )
        renamed = self._run(dialog)
        if renamed is not None and renamed.code != case.code:
            # The key vault keys real identities by case code: they follow the case.
            self._privacy.case_renamed(self._services, case.code, renamed.code)
        return renamed

    def duplicate_case(self) -> CaseDetail | None:
        """Copy the selected case (details, cast, chronology) under a new code."""
        case = self._selected()
        if case is None:
            return None
        dialog = CaseCodeDialog(
            _tr("Duplicate case"),
            _tr(
                "The copy gets the case details, cast and chronology as a new draft. "
                "Sessions and actions stay with {code}."
            ).format(code=case.code),
            lambda code, _pseudonym: self._services.cases.duplicate(case.id, code),
            code=f"{case.code}-COPY",
            pseudonym=None,
            ok_text=_tr("Duplicate"),
            parent=self._parent,
        )
        return self._run(dialog)

    def toggle_archived(self) -> CaseDetail | None:
        """Archive the selected case, or bring an archived one back."""
        case = self._selected()
        if case is None:
            return None
        return self._attempt(lambda: self._services.cases.set_archived(case.id, not case.archived))

    def delete_case(self) -> bool:
        """Delete the selected case after a confirmation that says what will be lost."""
        case = self._selected()
        if case is None:
            return False
        impact = self._services.cases.deletion_impact(case.id)
        if not self._prompter.confirm(
            self._parent, _tr("Delete case"), impact.describe(), _tr("Delete case")
        ):
            return False

        def delete() -> bool:
            self._services.cases.delete(case.id)
            return True

        deleted = self._attempt(delete) is True
        if deleted:  # the case's real identities go from the key vault too
            self._privacy.case_deleted(self._services, case.code)
        return deleted

    def add_demo_case(self) -> CaseDetail | None:
        """Add the fictional demo case DEMO-001 and show it."""
        from deepdive.demo import add_demo_case

        chosen = self._team_for(_tr("the demo case"))
        if chosen is None:
            return None
        team = chosen.team
        case = self._attempt(lambda: add_demo_case(self._services, team))
        if isinstance(case, CaseDetail):
            self._view.select_case(case.id)
            return case
        return None

    def add_demo_programme(self) -> CaseDetail | None:
        """Add the demo programme (13 fictional cases and measures); show its first case."""
        from deepdive.demo import add_demo_programme

        chosen = self._team_for(_tr("the demo programme's cases"))
        if chosen is None:
            return None
        # A second or two of loading: the wait cursor says the click was taken.
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = add_demo_programme(self._services, chosen.team)
        except DeepDiveError as exc:
            QGuiApplication.restoreOverrideCursor()  # before the message, not under it
            self._prompter.warn(self._parent, _tr("DeepDive"), str(exc))
            return None
        QGuiApplication.restoreOverrideCursor()
        shown = result.first or self._attempt(lambda: self._services.cases.find("DEMO-001"))
        if isinstance(shown, CaseDetail):
            self._view.select_case(shown.id)
            return shown
        return None

    def _team_for(self, what: str) -> TeamChosen | None:
        """The team new cases go into: asked of a person in several teams (None when
        they cancel, or the workspace cannot say which teams they are in)."""
        teams = self._attempt(self._services.cases.team_choices)
        if teams is None:
            return None
        if not teams:
            return TeamChosen(None)
        team = choose_team(self._parent, teams, what)
        return TeamChosen(team) if team is not None else None

    def _selected(self) -> CaseDetail | None:
        case_id = self._view.selected_case_id()
        if case_id is None:
            return None
        self._view.overview.flush()
        return self._attempt(lambda: self._services.cases.get(case_id))

    def _run(self, dialog: CaseCodeDialog) -> CaseDetail | None:
        dialog.exec()
        dialog.deleteLater()
        if dialog.result_case is not None:
            self._view.select_case(dialog.result_case.id)
        return dialog.result_case

    def _attempt(self, work: Callable[[], T]) -> T | None:
        try:
            return work()
        except DeepDiveError as exc:
            self._prompter.warn(self._parent, _tr("DeepDive"), str(exc))
            return None
