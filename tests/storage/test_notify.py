"""Change notifications on a team workspace: sent in the changing transaction, naming
kinds and ids only, heard by the other workspaces and not by the sender itself, and a
dropped connection noticed and made again."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_cluster import PgCluster, PgDatabases

from deepdive.services import Services
from deepdive.services.event_rows import EventInput
from deepdive.storage.address import parse_server_address
from deepdive.storage.notify import MAX_PAYLOAD, Notice, RemoteChange, decode, encode
from deepdive.storage.notify_listener import ChangeListener
from deepdive.storage.server import open_server_workspace

WAIT = 10  # seconds at most for something that comes within a fraction of one


class Heard:
    """What a listener heard, in order, waited for without sleeping."""

    def __init__(self) -> None:
        self.notices: queue.Queue[Notice] = queue.Queue()
        self.states: queue.Queue[bool] = queue.Queue()

    def next(self) -> Notice:
        return self.notices.get(timeout=WAIT)

    def changes(self) -> set[tuple[str, str, tuple[int, ...] | None, int | None]]:
        return {(c.entity, c.kind, c.ids, c.case_id) for c in self.next().changes}


@pytest.fixture
def two_people(pg_databases: PgDatabases, tmp_path: Path) -> Iterator[tuple[Services, Services]]:
    """Two people's services on one team workspace, each on connections of their own."""
    url = pg_databases.take()
    address = parse_server_address(url)
    first = Services.for_workspace(open_server_workspace(address, tmp_path / "a.deepdive"))
    second = Services.for_workspace(open_server_workspace(address, tmp_path / "b.deepdive"))
    yield first, second
    first.close()
    second.close()
    pg_databases.give_back(url)


def listen(services: Services) -> tuple[ChangeListener, Heard]:
    """A listener on ``services``' workspace, listening by the time this returns."""
    heard = Heard()
    listener = ChangeListener(services.workspace, heard.notices.put, heard.states.put)
    listener.start()
    assert listener.listening.wait(WAIT)
    return listener, heard


def test_each_change_reaches_the_others_with_kinds_and_ids_only(
    two_people: tuple[Services, Services],
) -> None:
    mine, theirs = two_people
    listener, heard = listen(theirs)
    try:
        case = mine.cases.create("DD-2", "Kim", summary="Lives with Nan in Scarborough")
        assert heard.changes() == {("case", "added", (case.id,), case.id)}  # no summary
        event = mine.events.add(
            case.id, EventInput(date="2016-03-14", category="family", description="Moved to Nan")
        )
        assert heard.changes() == {
            ("event", "added", (event.id,), case.id),
            ("case", "updated", (case.id,), case.id),
        }
        mine.events.update(event.id, description="Moved to Nan's flat")
        assert ("event", "updated", (event.id,), case.id) in heard.changes()
        mine.events.delete(event.id)
        assert ("event", "removed", (event.id,), case.id) in heard.changes()
    finally:
        listener.stop()


def test_a_workspace_does_not_hear_its_own_changes(
    two_people: tuple[Services, Services],
) -> None:
    mine, theirs = two_people
    my_listener, mine_heard = listen(mine)
    try:
        mine.cases.create("DD-MINE", "Jay")
        theirs.cases.create("DD-THEIRS", "Sam")
        # Notifications come in commit order: my own would be heard before theirs.
        notice = mine_heard.next()
        (change,) = notice.changes
        assert theirs.cases.get(change.ids[0]).code == "DD-THEIRS"  # type: ignore[index]
    finally:
        my_listener.stop()


def test_a_rolled_back_change_sends_nothing(two_people: tuple[Services, Services]) -> None:
    mine, theirs = two_people
    listener, heard = listen(theirs)
    try:
        with pytest.raises(ZeroDivisionError), mine.workspace.transaction() as session:
            from deepdive.storage.models import Case

            session.add(Case(code="DD-GONE", pseudonym="Gone"))
            session.flush()
            raise ZeroDivisionError
        mine.cases.create("DD-KEPT", "Sam")
        (change,) = heard.next().changes
        assert mine.cases.get(change.ids[0]).code == "DD-KEPT"  # type: ignore[index]
    finally:
        listener.stop()


def test_a_dropped_connection_is_noticed_and_made_again(
    two_people: tuple[Services, Services], pg_cluster: PgCluster
) -> None:
    _mine, theirs = two_people
    listener, heard = listen(theirs)
    try:
        assert theirs.workspace.server is not None
        pg_cluster.drop_listeners(theirs.workspace.server.database)
        assert heard.states.get(timeout=WAIT) is False
        assert heard.states.get(timeout=WAIT) is True
        assert heard.next().everything  # what changed meanwhile was not heard
    finally:
        listener.stop()


def test_a_payload_never_passes_the_servers_limit() -> None:
    many = [RemoteChange("event", "added", tuple(range(5000)), 7)]
    payload = encode("me", many)
    assert len(payload) <= MAX_PAYLOAD
    assert decode(payload) == Notice("me", (RemoteChange("event", "added", None, 7),))
    assert decode("not json") is None
