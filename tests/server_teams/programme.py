"""A team workspace holding a known programme split between two teams
(import as ``from programme import build_programme``).

The learning tests' seven cases: C1 to C4 in North, C5 to C7 in South, and U1 in no
team. Ana is in North, Ben in South, Dan in both, Carol in a team since removed.
Every table that holds case content gets rows in both teams, so that a check of each
table is never vacuous.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from learning_workspace import build
from sqlalchemy import text
from team_servers import ANA, BEN, CAROL, DAN, OWNER, TeamServer

from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.services.sessions import Participant
from deepdive.services.teams import TeamService
from deepdive.templates import builtin_template

NORTH = ("C1", "C2", "C3", "C4")
SOUTH = ("C5", "C6", "C7")
UNASSIGNED = "U1"
# A one-pixel picture, for the programme report's charts.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@dataclass(frozen=True)
class Programme:
    """The workspace and the case ids by code."""

    server: TeamServer
    ids: dict[str, int]

    def case_ids(self, codes: tuple[str, ...]) -> set[int]:
        """The ids of the cases ``codes``."""
        return {self.ids[c] for c in codes}


def build_programme(server: TeamServer, folder: Path) -> Programme:
    """Fill ``server``'s workspace as its owner and split its cases between the teams."""
    owner = server.open(OWNER)
    try:
        ids = build(owner)
        teams = TeamService(owner.workspace)
        for team, members in (("North", (ANA, DAN)), ("South", (BEN, DAN))):
            teams.create(team)
            for role in members:
                teams.add_member(team, role)
        # Carol was in a team that has since gone: she keeps her grants, and no team.
        teams.create("West")
        teams.add_member("West", CAROL)
        with owner.workspace.engine.begin() as connection:
            connection.execute(text("DELETE FROM teams WHERE name = 'West'"))
        for codes, team in ((NORTH, "North"), (SOUTH, "South")):
            for code in codes:
                teams.assign(code, team)
        ids[UNASSIGNED] = owner.cases.create(UNASSIGNED, "Unassigned YP", summary="lonely").id
        owner.events.add_many(ids[UNASSIGNED], [EventInput("2020", "family", "U1 alone.")])
        for code in ("C1", "C5"):
            _fill(owner, ids[code], code, folder)
        programme = folder / "programme.docx"
        programme.write_bytes(b"report")
        owner.audit.record_export(None, "report", programme, "clean")
    finally:
        owner.close()
    return Programme(server, ids)


def _fill(owner: Services, case_id: int, code: str, folder: Path) -> None:
    """Cast, actions, a story, an export record, a session and every link table."""
    owner.people.add(case_id, "Mum", "parent")
    owner.actions.add(case_id, f"{code} review the plan", owner_role="social worker")
    owner.stories.set(case_id, f"{code} is doing well at school.")
    exported = folder / f"{code}.docx"
    exported.write_bytes(b"export")
    owner.audit.record_export(code, "docx", exported, "clean")
    session = owner.sessions.start(
        case_id,
        builtin_template("deep-dive-case-study"),
        title=f"{code} Deep Dive",
        held_on=date(2022, 3, 17),
        facilitator_role="Innovation coach",
        participants=[Participant("teacher", "Education")],
    )
    owner.themes.apply_to_response(session.id, "what-helped", "Consistent worker")
    with owner.workspace.engine.begin() as connection:
        event = {"case": case_id}
        for statement in (
            "INSERT INTO event_people SELECT e.id, p.id FROM events e JOIN people p "
            "ON p.case_id = e.case_id WHERE e.case_id = :case",
            "INSERT INTO tags (name) VALUES ('tag-' || :case) ON CONFLICT DO NOTHING",
            "INSERT INTO event_tags SELECT e.id, t.id FROM events e, tags t "
            "WHERE e.case_id = :case AND t.name = 'tag-' || :case",
            "INSERT INTO response_events SELECT r.id, e.id FROM stage_responses r "
            "JOIN sessions s ON s.id = r.session_id JOIN events e ON e.case_id = s.case_id "
            "WHERE s.case_id = :case",
        ):
            connection.execute(text(statement), event)
