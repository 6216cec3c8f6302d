"""Only those who may see a case hear that it changed: each team's changes go on a
channel whose name only its members (and the owner) can read, so a member of another
team, listening on every channel it can name, hears nothing of them."""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterator

import psycopg
import pytest
from alembic import command
from team_servers import ANA, BEN, DAN, OWNER, TeamServer, two_teams

from deepdive.services import Services
from deepdive.services.teams import TeamService
from deepdive.storage.address import parse_server_address
from deepdive.storage.migrate import HEAD_REVISION, alembic_config
from deepdive.storage.notify import Notice
from deepdive.storage.notify_listener import ChangeListener
from deepdive.storage.server import server_engine
from deepdive.storage.teams_errors import NoAccessError

WAIT = 10  # seconds at most for what comes within a fraction of one


@pytest.fixture
def server(new_team_server: Callable[[], TeamServer]) -> TeamServer:
    made = new_team_server()
    two_teams(made)  # North: ana, dan (N-1); South: ben, dan (S-1)
    return made


class Ear:
    """A listener on the workspace as one role, and what it heard, in order."""

    def __init__(self, server: TeamServer, role: str) -> None:
        self.services = server.open(role)
        self.heard: queue.Queue[Notice] = queue.Queue()
        self.listener = ChangeListener(self.services.workspace, self.heard.put, lambda _: None)
        self.listener.start()
        assert self.listener.listening.wait(WAIT)

    def next_cases(self) -> set[int | None]:
        """The cases named by the next notification heard."""
        return {c.case_id for c in self.heard.get(timeout=WAIT).changes}

    def close(self) -> None:
        self.listener.stop()
        self.services.close()


@pytest.fixture
def ears(server: TeamServer) -> Iterator[dict[str, Ear]]:
    made = {role: Ear(server, role) for role in (OWNER, BEN, DAN)}
    yield made
    for ear in made.values():
        ear.close()


def _case_id(services: Services, code: str) -> int:
    return next(c.id for c in services.cases.list_cases() if c.code == code)


def _channels_read_by(server: TeamServer, role: str) -> int:
    """How many team channels ``role`` can name, with plain SQL."""
    with psycopg.connect(server.url(role)) as conn:
        return len(conn.execute("SELECT channel FROM team_channels").fetchall())


def test_a_member_reads_only_the_channel_names_of_their_own_teams(server: TeamServer) -> None:
    assert _channels_read_by(server, ANA) == 1  # North's
    assert _channels_read_by(server, BEN) == 1  # South's
    assert _channels_read_by(server, DAN) == 2  # in both
    assert _channels_read_by(server, OWNER) == 3  # both, and the owner's for no team


def test_teams_made_before_0010_get_channels_their_members_can_read(server: TeamServer) -> None:
    engine = server_engine(parse_server_address(server.url(OWNER)))
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0009_row_versions_everywhere")
            gone = connection.exec_driver_sql("SELECT to_regclass('team_channels')").scalar()
            assert gone is None
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), HEAD_REVISION)
    finally:
        engine.dispose()
    assert [_channels_read_by(server, role) for role in (ANA, BEN, DAN, OWNER)] == [1, 1, 2, 3]


def test_a_change_to_a_case_reaches_its_team_and_the_owner_never_another_team(
    server: TeamServer, ears: dict[str, Ear]
) -> None:
    ana = server.open(ANA)
    try:
        north = _case_id(ana, "N-1")
        ana.cases.update(north, summary="Settled at Nan's")
        assert ears[DAN].next_cases() == {north}
        assert ears[OWNER].next_cases() == {north}
        # Ben (South) hears South's next change first: North's never reached him.
        owner = ears[OWNER].services
        south = _case_id(owner, "S-1")
        owner.cases.update(south, summary="Back at school")
        assert ears[BEN].next_cases() == {south}
    finally:
        ana.close()


def test_a_shared_list_change_reaches_every_team_naming_no_case(ears: dict[str, Ear]) -> None:
    ears[OWNER].services.agencies.add("Young carers project", "voluntary")
    assert ears[BEN].next_cases() == {None}
    assert ears[DAN].next_cases() == {None}


def test_a_case_the_owner_deletes_is_heard_of_by_its_team_only(ears: dict[str, Ear]) -> None:
    owner = ears[OWNER].services  # who may name every channel
    north = _case_id(owner, "N-1")
    owner.cases.delete(north)
    assert ears[DAN].next_cases() == {north}
    owner.agencies.add("Food bank", "voluntary")  # after it, on the shared channel
    assert ears[BEN].next_cases() == {None}  # the first Ben hears: not North's case


def test_a_case_moved_to_another_team_is_heard_of_by_both_teams(
    server: TeamServer, ears: dict[str, Ear]
) -> None:
    ana = Ear(server, ANA)  # North only: her open window must drop the case
    try:
        owner = ears[OWNER].services
        north = _case_id(owner, "N-1")
        TeamService(owner.workspace).assign("N-1", "South")
        assert ana.next_cases() == {north}
        assert ears[BEN].next_cases() == {north}  # South's: his window gains it
        assert north not in {c.id for c in ana.services.cases.list_cases()}
    finally:
        ana.close()


def test_a_member_taken_out_of_a_team_is_told_to_read_again_and_no_longer_sees_it(
    ears: dict[str, Ear],
) -> None:
    dan = ears[DAN]  # in North and South
    owner = ears[OWNER].services
    north = _case_id(owner, "N-1")
    assert north in {c.id for c in dan.services.cases.list_cases()}
    TeamService(owner.workspace).remove_member("North", DAN)
    notice = dan.heard.get(timeout=WAIT)
    assert notice.everything  # names nothing: every window reads what it shows again
    assert north not in {c.id for c in dan.services.cases.list_cases()}


def test_a_member_taken_out_of_their_last_team_is_told_why_their_reads_are_refused(
    server: TeamServer, ears: dict[str, Ear]
) -> None:
    ana = Ear(server, ANA)  # North only, her workspace open
    try:
        assert {c.code for c in ana.services.cases.list_cases()} == {"N-1"}
        TeamService(ears[OWNER].services.workspace).remove_member("North", ANA)
        assert ana.heard.get(timeout=WAIT).everything
        with pytest.raises(NoAccessError, match="You are no longer in a team of"):
            ana.services.cases.list_cases()
    finally:
        ana.close()
