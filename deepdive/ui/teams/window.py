"""File ▸ Teams…: the teams of a team workspace, their members and their cases.

The owner (the role that built the workspace) creates, renames and deletes teams here,
adds and removes members and puts cases in teams; everything goes through
:class:`~deepdive.services.teams.TeamService` (:mod:`deepdive.ui.teams.actions`), and a
refusal is said in the window, never half done. A member sees the teams they can see,
read-only, and who can change them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.services.changes import Change, ChangeBus, Entity
from deepdive.services.teams import TeamListing, TeamService, TeamSummary
from deepdive.storage.address import ServerAddress
from deepdive.ui.teams.actions import TeamActions
from deepdive.ui.teams.model import TeamTableModel
from deepdive.ui.teams.wording import unassigned_text
from deepdive.ui.widgets.change_relay import ChangeRelay
from deepdive.ui.workspace.team_workspace import server_name


class TeamsWindow(QDialog):
    """The teams of one team workspace; see the module docstring."""

    def __init__(
        self,
        teams: TeamService,
        where: ServerAddress,
        codes: Callable[[], list[str]],
        case_on_screen: Callable[[], str | None],
        changes: ChangeBus | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``codes`` and ``case_on_screen`` offer cases to put in a team (see
        :class:`TeamActions`); ``changes``: the workspace's change bus, so the counts
        follow cases added or deleted meanwhile."""
        super().__init__(parent)
        self._teams = teams
        self._listing: TeamListing | None = None
        self._to_rename: dict[str, str] = {}
        workspace = self.tr("{database} on {server}").format(
            database=where.database, server=server_name(where)
        )
        self.setWindowTitle(self.tr("Teams — {workspace}").format(workspace=workspace))
        self.setAccessibleName(self.tr("Teams"))
        self.resize(780, 460)
        self.setMinimumSize(640, 380)  # the table keeps room for a team and its members
        self.heading = QLabel(self.tr("Teams of {workspace}").format(workspace=workspace), self)
        self.heading.setObjectName("teamsHeading")
        # Bold by style, not a font of its own: it follows the app's text size.
        self.heading.setStyleSheet("font-weight: bold;")
        self.intro = self._label()
        self.model = TeamTableModel(self)
        self.table = self._make_table()
        self.unassigned = self._label()
        self.unassigned.setObjectName("teamsUnassigned")
        self.problem = self._label()
        self.problem.setObjectName("fieldMessage")
        self.said = self._label()
        self.said.setObjectName("teamsResult")
        for said in (self.problem, self.said):
            said.hide()
        self.team_actions = TeamActions(self, self, teams, codes, case_on_screen)
        self._build_buttons()
        self._lay_out()
        self._follow(changes)
        self.reload()

    # ------------------------------------------------------------------ layout
    def _label(self) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        return label

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setAccessibleName(self.tr("Teams"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        table.doubleClicked.connect(lambda _index: self.rename_button.click())
        return table

    def _build_buttons(self) -> None:
        def button(text: str, accessible: str, slot: Callable[[], None]) -> QPushButton:
            made = QPushButton(text, self)
            made.setAccessibleName(accessible)
            made.setAutoDefault(False)
            made.clicked.connect(lambda _checked=False: slot())
            return made

        act = self.team_actions
        self.new_button = button(self.tr("&New team…"), self.tr("New team"), act.new_team)
        self.rename_button = button(
            self.tr("&Rename…"), self.tr("Rename the selected team"), act.rename
        )
        self.delete_button = button(
            self.tr("&Delete…"), self.tr("Delete the selected team"), act.delete
        )
        self.add_member_button = button(
            self.tr("&Add member…"), self.tr("Add a member to the selected team"), act.add_member
        )
        self.remove_member_button = button(
            self.tr("Re&move member…"),
            self.tr("Remove a member from the selected team"),
            act.remove_member,
        )
        self.put_case_button = button(
            self.tr("&Put a case in this team…"),
            self.tr("Put a case in the selected team"),
            act.put_case,
        )

    def _lay_out(self) -> None:
        column = QVBoxLayout()
        for group in (
            (self.new_button, self.rename_button, self.delete_button),
            (self.add_member_button, self.remove_member_button),
            (self.put_case_button,),
        ):
            for item in group:
                column.addWidget(item)
            column.addSpacing(self.fontMetrics().height())
        column.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(column)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(middle, 1)
        for label in (self.unassigned, self.problem, self.said):
            layout.addWidget(label)
        layout.addWidget(close)

    def _follow(self, changes: ChangeBus | None) -> None:
        """Read the teams again when cases come or go (a burst read once)."""
        if changes is None:
            return
        later = QTimer(self)
        later.setSingleShot(True)
        later.setInterval(0)
        later.timeout.connect(lambda: self.reload())
        relay = ChangeRelay(changes, self)

        def on_changed(change: Change) -> None:
            if change.entity is Entity.CASE:
                later.start()

        relay.changed.connect(on_changed)
        self.destroyed.connect(lambda *_args: relay.detach())

    # ------------------------------------------------------------------- state
    def reload(self, select: str | None = None) -> None:
        """Read the teams again; select the team ``select``, or keep the selection."""
        chosen = self.selected()
        wanted = select or (chosen.name if chosen is not None else None)
        try:
            self._listing = self._teams.list_teams()
        except DeepDiveError as exc:
            self._listing = None
            self.model.set_rows(())
            self.show_problem(str(exc))
        else:
            self.model.set_rows(self._listing.teams)
        self._to_rename = self._names_to_rename()
        self.model.mark_to_rename(self._to_rename)
        row = self.model.row_of(wanted) if wanted is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._show_who()
        self._update_buttons()

    def _names_to_rename(self) -> dict[str, str]:
        """The owner's teams whose names hold a real identity now (checked again each
        time: one may have been added to the key vault since a team was named)."""
        if self._listing is None or not self.is_owner():
            return {}
        return self._teams.names_holding_identities(t.name for t in self._listing.teams)

    def listing(self) -> TeamListing | None:
        """The teams as last read (None: they could not be read)."""
        return self._listing

    def selected(self) -> TeamSummary | None:
        """The selected team, as last read."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_value(rows[0].row()) if rows else None

    def is_owner(self) -> bool:
        """Whether the connected role owns the workspace (and so may change teams)."""
        return self._listing is not None and self._listing.unassigned is not None

    def changed(self, said: str, select: str | None) -> None:
        """A change was made: read the teams again and say what was done."""
        self.show_problem("")
        self.reload(select)
        self.said.setText(said)
        self.said.show()

    def refused(self, message: str) -> None:
        """Say why the service refused a change (nothing was changed)."""
        self.said.hide()
        self.reload()
        self.show_problem(message)

    def show_problem(self, text: str) -> None:
        """Show ``text`` as what went wrong (empty hides it)."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _show_who(self) -> None:
        listing = self._listing
        if listing is None:
            self.intro.setText(self.tr("The teams could not be read."))
            self.unassigned.hide()
            return
        if self.is_owner():
            self.intro.setText(
                self.tr(
                    "The members of a team see its cases and no others. Members are login "
                    "roles on the PostgreSQL server: its administrator creates a person's "
                    "role, then you add it to a team here."
                )
            )
        else:
            self.intro.setText(
                self.tr(
                    "Only the workspace's owner, {owner}, can change teams: ask them to add "
                    "a team or a member, or to put a case in a team. You are connected as "
                    "{role}."
                ).format(owner=listing.owner, role=listing.role)
            )
        said = unassigned_text(listing)
        if self.is_owner() and not listing.teams:
            said = self.tr("No teams yet: New team… adds one. {cases}").format(cases=said)
        if self._to_rename:
            said += " " + self.tr(
                "Rename the teams marked ⚠: their names hold what the leak check now finds "
                "(a name in the key vault, say); point at one to see what."
            )
        self.unassigned.setText(said)
        self.unassigned.show()

    def _update_buttons(self) -> None:
        owner = self.is_owner()
        team = self.selected()
        self.new_button.setEnabled(owner)
        for button in (
            self.rename_button,
            self.delete_button,
            self.add_member_button,
            self.put_case_button,
        ):
            button.setEnabled(owner and team is not None)
        self.remove_member_button.setEnabled(owner and team is not None and bool(team.members))
