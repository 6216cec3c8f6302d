"""Delete a team: what happens to its members, and where its cases go.

A team with cases is never deleted without saying where they go (the service refuses
it): into another team, whose members then see them, or into no team, where only the
owner sees them. The dialog offers the first when there is another team.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from deepdive.services.teams import TeamSummary
from deepdive.ui.teams.model import members_text


class DeleteTeamDialog(QDialog):
    """Asks whether to delete ``team`` and, if it has cases, where they go."""

    def __init__(self, team: TeamSummary, others: Sequence[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.team = team
        self.setWindowTitle(self.tr("Delete the team {name}").format(name=team.name))
        layout = QVBoxLayout(self)
        self.question = QLabel(self._question(), self)
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        self.move_to = QRadioButton(self.tr("Into the team:"), self)
        self.teams = QComboBox(self)
        self.teams.addItems(list(others))
        self.teams.setAccessibleName(self.tr("Team the cases move into"))
        self.no_team = QRadioButton(
            self.tr("Into no team (only you, the owner, see cases in no team)"), self
        )
        group = QButtonGroup(self)
        for choice in (self.move_to, self.no_team):
            group.addButton(choice)
        moving = QHBoxLayout()
        moving.addWidget(self.move_to)
        moving.addWidget(self.teams, 1)
        if team.cases:
            layout.addLayout(moving)
            layout.addWidget(self.no_team)
        (self.move_to if others else self.no_team).setChecked(True)
        self.move_to.setEnabled(bool(others))
        self.teams.setEnabled(bool(others))
        self.move_to.toggled.connect(self.teams.setEnabled)
        buttons = QDialogButtonBox(self)
        self.delete_button = buttons.addButton(
            self.tr("Delete the team"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.delete_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _question(self) -> str:
        team = self.team
        if team.members:
            members = self.tr(
                "Its members ({members}) stop seeing its cases; a member in no other team "
                "can no longer open the workspace."
            ).format(members=members_text(team))
        else:
            members = self.tr("It has no members.")
        if not team.cases:
            return self.tr("Delete the team {name}? It has no cases. {members}").format(
                name=team.name, members=members
            )
        if team.cases == 1:
            where = self.tr("It has 1 case, which stays in the workspace. Where should it go?")
        else:
            where = self.tr(
                "It has {count} cases, which stay in the workspace. Where should they go?"
            ).format(count=team.cases)
        return (
            self.tr("Delete the team {name}? {members}").format(name=team.name, members=members)
            + "\n\n"
            + where
        )

    def moving_to(self) -> str | None:
        """The team the cases go into (None: into no team, or there are none)."""
        if self.team.cases and self.move_to.isChecked():
            return self.teams.currentText() or None
        return None

    def unassigning(self) -> bool:
        """Whether the cases go into no team."""
        return bool(self.team.cases) and self.no_team.isChecked()
