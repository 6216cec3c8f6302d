"""Small dialogs for creating, renaming and duplicating a case.

Each dialog hands what was typed to a service call; a refused value is explained
next to its field and the dialog stays open, so nothing typed is lost. On a team
workspace, a person in several teams also chooses the new case's team (only its
members will see the case); nothing is chosen for them, so a case never lands in a
team by accident.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.services.errors import ValidationError
from deepdive.services.results import CaseDetail
from deepdive.ui.cases.case_overview_panel import FieldMessage

if TYPE_CHECKING:
    from deepdive.services.cases import CaseService

Submit = Callable[[str, str], CaseDetail]


class CaseCodeDialog(QDialog):
    """Asks for a case code and (optionally) the young person's pseudonym."""

    def __init__(
        self,
        title: str,
        explanation: str,
        submit: Submit,
        *,
        code: str = "",
        pseudonym: str | None = "",
        ok_text: str = "OK",
        teams: Sequence[str] = (),
        team_optional: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """``teams``: the teams to choose from (none: no Team field); the chosen one is
        :meth:`chosen_team`, read by ``submit``. ``team_optional``: the owner's choice,
        which may be no team (offered first, and chosen to begin with)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._submit = submit
        self.result_case: CaseDetail | None = None
        intro = QLabel(explanation, self)
        intro.setWordWrap(True)
        self.code = QLineEdit(code, self)
        self.code.setAccessibleName(self.tr("Case code"))
        self.code.setPlaceholderText(self.tr("e.g. DD-2019-014"))
        self.pseudonym = QLineEdit(pseudonym or "", self)
        self.pseudonym.setAccessibleName(self.tr("Young person's pseudonym"))
        self.pseudonym.setPlaceholderText(self.tr("A pseudonym, never a real name"))
        self.messages = {"code": FieldMessage(self), "pseudonym": FieldMessage(self)}
        self.general_message = FieldMessage(self)
        form = QFormLayout()
        form.addRow(self.tr("Case &code"), self.code)
        form.addRow("", self.messages["code"])
        if pseudonym is not None:
            form.addRow(self.tr("&Pseudonym"), self.pseudonym)
            form.addRow("", self.messages["pseudonym"])
        else:
            self.pseudonym.hide()
        self._teams = tuple(teams)
        self.team = QComboBox(self)
        self.team.setAccessibleName(self.tr("Team"))
        if team_optional:
            self.team.addItem(self.tr("No team: only you, the owner, will see it"), None)
        for name in teams:
            self.team.addItem(name, name)
        self.team.setCurrentIndex(0 if team_optional else -1)
        self.team.setPlaceholderText(self.tr("Choose the case's team"))
        self.team.setToolTip(self.tr("Only the members of the team chosen will see the case."))
        if teams:
            if not team_optional:
                self.messages["team"] = FieldMessage(self)
            form.addRow(self.tr("&Team"), self.team)
            if "team" in self.messages:
                form.addRow("", self.messages["team"])
        else:
            self.team.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ok_text)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general_message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.code.setFocus()

    def chosen_team(self) -> str | None:
        """The team chosen for the case, or None (no choice offered, or none made)."""
        if not self._teams or self.team.currentIndex() < 0:
            return None
        chosen = self.team.currentData()
        return chosen if isinstance(chosen, str) else None

    def _on_ok(self) -> None:
        for message in (*self.messages.values(), self.general_message):
            message.show_message("")
        if "team" in self.messages and self.chosen_team() is None:
            self.messages["team"].show_message(
                self.tr("Choose the team this case belongs to: only its members will see it.")
            )
            self._fit(self.messages["team"])
            self.team.setFocus()
            return
        try:
            self.result_case = self._submit(self.code.text(), self.pseudonym.text())
        except ValidationError as exc:
            target = self.messages.get(exc.field or "", self.general_message)
            target.show_message(str(exc))
            self._fit(target)
            return
        except DeepDiveError as exc:
            self.general_message.show_message(str(exc))
            self._fit(self.general_message)
            return
        self.accept()

    def _fit(self, message: QLabel) -> None:
        """Grow to show the whole message (it may be several lines long)."""
        message.updateGeometry()
        self.adjustSize()


def new_case_dialog(cases: CaseService, parent: QWidget | None = None) -> CaseCodeDialog:
    """The New case dialog: code, pseudonym and (for a person in several teams of a team
    workspace) the team, handed to ``cases.create``."""
    teams = cases.team_choices()
    owners = () if teams else cases.owner_team_choices()
    explanation = _tr(
        "Give the case a short code and the young person a pseudonym. "
        "Never use a real name: real identities belong in the key vault."
    )
    if teams:
        explanation += " " + _tr(
            "You are in more than one team: choose the team whose members will see this case."
        )
    elif owners:
        explanation += " " + _tr(
            "As the workspace's owner you may put the case into a team now: its members will "
            "see it as well as you."
        )

    def create(code: str, pseudonym: str) -> CaseDetail:
        return cases.create(code, pseudonym, team=dialog.chosen_team())

    dialog = CaseCodeDialog(
        _tr("New case"),
        explanation,
        create,
        ok_text=_tr("Create case"),
        teams=teams or owners,
        team_optional=bool(owners),
        parent=parent,
    )
    return dialog


def _tr(text: str) -> str:
    # The same context as the Case menu's other texts, so that translations carry over.
    return QCoreApplication.translate("CaseCommands", text)
