"""What the Teams window's buttons do: ask, make the change through the service, say so.

Every change goes through :class:`~deepdive.services.teams.TeamService`, one transaction
each: a refusal (a name taken or holding a real identity, a role the server does not
have, a member who is not the owner) changes nothing, and its message is shown in the
window as the service words it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from deepdive.errors import DeepDiveError
from deepdive.services.teams import TeamListing, TeamService, TeamSummary
from deepdive.ui.teams.delete_dialog import DeleteTeamDialog
from deepdive.ui.teams.questions import ask_choice, ask_text
from deepdive.ui.teams.wording import deleted_text, in_any_team, left_out_text


class TeamsShown(Protocol):
    """The window the actions work for (:class:`~deepdive.ui.teams.window.TeamsWindow`)."""

    def selected(self) -> TeamSummary | None:
        """The selected team, as last read."""
        ...

    def listing(self) -> TeamListing | None:
        """The teams as last read (None: they could not be read)."""
        ...

    def changed(self, said: str, select: str | None) -> None:
        """A change was made: read the teams again, select ``select``, show ``said``."""
        ...

    def refused(self, message: str) -> None:
        """The service refused a change: show why (nothing was changed)."""
        ...


class TeamActions(QObject):
    """New team, Rename, Delete, Add member, Remove member, Put a case in this team."""

    def __init__(
        self,
        parent: QWidget,
        shown: TeamsShown,
        teams: TeamService,
        codes: Callable[[], list[str]],
        case_on_screen: Callable[[], str | None],
    ) -> None:
        """``codes``: the workspace's case codes; ``case_on_screen``: the code of the case
        the main window shows (None: none), offered first."""
        super().__init__(parent)
        self._parent = parent
        self._shown = shown
        self._teams = teams
        self._codes = codes
        self._case_on_screen = case_on_screen

    def new_team(self) -> None:
        """Ask for a name and create the team."""
        name = ask_text(
            self._parent,
            self.tr("New team"),
            self.tr("Name of the team (its place or work, such as “North hub”):"),
            self.tr("Create team"),
        )
        if name is None:
            return

        def create() -> tuple[str, str]:
            made = self._teams.create(name)
            said = self.tr("Created the team {team}. Add its members, then put cases in it.")
            return said.format(team=made), made

        self._run(create)

    def rename(self) -> None:
        """Ask for a new name for the selected team."""
        team = self._shown.selected()
        if team is None:
            return
        name = ask_text(
            self._parent,
            self.tr("Rename team"),
            self.tr("New name for the team {team}:").format(team=team.name),
            self.tr("Rename"),
            team.name,
        )
        if name is None or name == team.name:
            return

        def rename() -> tuple[str, str]:
            made = self._teams.rename(team.name, name)
            said = self.tr("Renamed the team {old} to {new}.").format(old=team.name, new=made)
            return said, made

        self._run(rename)

    def delete(self) -> None:
        """Ask, then delete the selected team (its cases moved where the user says)."""
        team = self._shown.selected()
        listing = self._shown.listing()
        if team is None or listing is None:
            return
        others = [t.name for t in listing.teams if t.name != team.name]
        dialog = DeleteTeamDialog(team, others, self._parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            move_to, unassign = dialog.moving_to(), dialog.unassigning()
        finally:
            dialog.deleteLater()

        def delete() -> tuple[str, str | None]:
            done = self._teams.delete(team.name, move_cases_to=move_to, unassign_cases=unassign)
            return deleted_text(done), done.moved_to

        self._run(delete)

    def add_member(self) -> None:
        """Ask for a server role and make it a member of the selected team."""
        team = self._shown.selected()
        if team is None:
            return
        try:
            offered = [r for r in self._teams.server_roles() if r not in team.members]
        except DeepDiveError:
            offered = []  # the server's roles could not be listed: one is typed instead
        role = ask_choice(
            self._parent,
            self.tr("Add a member"),
            self.tr(
                "The person's login role on the PostgreSQL server (the name they sign in "
                "with; choose it or type it). They will see the cases of the team {team}:"
            ).format(team=team.name),
            self.tr("Add to {team}").format(team=team.name),
            offered,
            editable=True,
        )
        if role is None:
            return

        def add() -> tuple[str, str]:
            done = self._teams.add_member(team.name, role)
            said = (
                self.tr("Added {role} to the team {team}: {role} now sees its cases.")
                if done.changed
                else self.tr("{role} is already a member of the team {team}.")
            )
            return said.format(role=done.role, team=done.team), done.team

        self._run(add)

    def remove_member(self) -> None:
        """Ask which member leaves the selected team, and take them out."""
        team = self._shown.selected()
        if team is None or not team.members:
            return
        role = ask_choice(
            self._parent,
            self.tr("Remove a member"),
            self.tr("Take which member out of the team {team}? They stop seeing its cases.").format(
                team=team.name
            ),
            self.tr("Remove from {team}").format(team=team.name),
            team.members,
        )
        if role is None:
            return

        def remove() -> tuple[str, str]:
            done = self._teams.remove_member(team.name, role)
            if not done.changed:
                said = self.tr("{role} is not a member of the team {team}; nothing was changed.")
                return said.format(role=done.role, team=done.team), done.team
            said = self.tr("Removed {role} from the team {team}: {role} no longer sees its cases.")
            said = said.format(role=done.role, team=done.team)
            if self._left_out(done.role):
                said += " " + left_out_text((done.role,))
            return said, done.team

        self._run(remove)

    def put_case(self) -> None:
        """Ask for a case's code and put that case into the selected team."""
        team = self._shown.selected()
        if team is None:
            return
        code = ask_choice(
            self._parent,
            self.tr("Put a case in this team"),
            self.tr(
                "The code of the case to put into the team {team} (out of any other). Its "
                "members will see it:"
            ).format(team=team.name),
            self.tr("Put in {team}").format(team=team.name),
            self._codes(),
            editable=True,
            current=self._case_on_screen() or "",
        )
        if code is None:
            return

        def assign() -> tuple[str, str]:
            into = self._teams.assign(code, team.name)
            said = self.tr("The case {code} is now in the team {team}: its members see it.")
            return said.format(code=code, team=into), into

        self._run(assign)

    def _left_out(self, role: str) -> bool:
        """Whether ``role``, just removed from a team, is in no team now (False when the
        teams cannot be read: the removal is made, and said, all the same)."""
        try:
            return not in_any_team(self._teams.list_teams(), role)
        except DeepDiveError:
            return False

    def _run(self, change: Callable[[], tuple[str, str | None]]) -> bool:
        """Make ``change`` (it returns what to say and the team to select); a refusal
        is shown in the window instead, and the teams are read again either way."""
        try:
            said, select = change()
        except DeepDiveError as exc:
            self._shown.refused(str(exc))
            return False
        self._shown.changed(said, select)
        return True
