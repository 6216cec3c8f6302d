"""Two people on one team workspace, each in a window of their own: what one changes
appears in the other's case list and chronology (LISTEN/NOTIFY), and a connection that
drops is said in the window, typing kept, and saved when the server answers again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pg_cluster import PORT, SUPERUSER, PgCluster, PgDatabases
from ui_helpers import WindowFactory, open_learning_view

from deepdive.services.event_rows import EventInput
from deepdive.storage.address import ServerAddress, parse_server_address
from deepdive.ui.agencies.menu import AgenciesMenu
from deepdive.ui.shell.main_window import MainWindow

WAIT_MS = 10000  # at most; a change arrives within a fraction of a second


@pytest.fixture
def team_address(pg_databases: PgDatabases) -> Iterator[ServerAddress]:
    url = pg_databases.take()
    yield parse_server_address(url)
    pg_databases.give_back(url)


def open_on(make_window: WindowFactory, address: ServerAddress, qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    """A window on the team workspace, listening by the time it is returned."""
    window = make_window()
    assert window.open_workspace(address)
    watch = window.team.watch
    assert watch is not None
    qtbot.waitUntil(watch.remote.listening, timeout=WAIT_MS)
    return window


def test_what_one_window_changes_appears_in_the_other(
    qtbot, make_window: WindowFactory, team_address: ServerAddress
) -> None:
    mine = open_on(make_window, team_address, qtbot)
    theirs = open_on(make_window, team_address, qtbot)
    assert mine.services is not None and theirs.view is not None
    case = mine.services.cases.create("DD-1", "Jay")
    cases = theirs.view.case_list.model
    qtbot.waitUntil(lambda: cases.row_of(case.id) is not None, timeout=WAIT_MS)

    theirs.view.select_case(case.id)
    chronology = theirs.view.chronology
    theirs.view.case_tabs.setCurrentWidget(chronology)
    event = mine.services.events.add(
        case.id, EventInput(date="2016-03-14", category="family", description="Moved to Nan's")
    )
    qtbot.waitUntil(lambda: chronology.model.total() == 1, timeout=WAIT_MS)
    assert chronology.model.find(event.id) is not None

    mine.services.events.update(event.id, description="Moved to Nan's flat")
    qtbot.waitUntil(
        lambda: chronology.model.find(event.id).description == "Moved to Nan's flat",  # type: ignore[union-attr]
        timeout=WAIT_MS,
    )
    mine.services.cases.update(case.id, pseudonym="Jayden")
    qtbot.waitUntil(
        lambda: cases.summary_at(cases.row_of(case.id) or 0).pseudonym == "Jayden",
        timeout=WAIT_MS,
    )
    mine.services.events.delete(event.id)
    qtbot.waitUntil(lambda: chronology.model.total() == 0, timeout=WAIT_MS)
    theirs.grab().save("/tmp/team-two-windows.png")


def test_a_dropped_connection_is_said_and_then_connected_again(
    qtbot, make_window: WindowFactory, team_address: ServerAddress, pg_cluster: PgCluster
) -> None:
    window = open_on(make_window, team_address, qtbot)
    watch = window.team.watch
    assert watch is not None
    label = window.team.label
    # What the label says as each change arrives (it may be connected again at once).
    said: list[str] = []
    watch.remote.connection_changed.connect(lambda _up: said.append(label.text()))
    with qtbot.waitSignal(watch.remote.connection_changed, timeout=WAIT_MS) as lost:
        pg_cluster.drop_listeners(team_address.database)
    assert lost.args == [False]
    assert "not connected: trying again" in said[0]
    qtbot.waitUntil(lambda: label.connected, timeout=WAIT_MS)
    assert label.text().endswith("· connected")


def backends(cluster: PgCluster, database: str) -> int:
    """How many connections the server still has to ``database``."""
    import psycopg

    with psycopg.connect(
        host=str(cluster.folder), port=PORT, user=SUPERUSER, dbname="postgres"
    ) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (database,)
        ).fetchone()
    return int(row[0]) if row else 0


def test_typing_while_the_server_is_away_is_kept_and_saved_when_it_answers(
    qtbot, make_window: WindowFactory, team_address: ServerAddress, pg_cluster: PgCluster
) -> None:
    window = open_on(make_window, team_address, qtbot)
    window.show()
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-1", "Jay")
    window.view.select_case(case.id)
    overview = window.view.overview
    database = team_address.database
    watch = window.team.watch
    assert watch is not None
    try:
        # The server stops answering this workspace: no new connections, and the ones
        # it had are cut.
        pg_cluster.sql(f"ALTER DATABASE {database} ALLOW_CONNECTIONS false")
        pg_cluster.sql(
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'"
        )
        qtbot.waitUntil(lambda: backends(pg_cluster, database) == 0, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not window.team.label.connected, timeout=WAIT_MS)
        typed = "What Jay said about Nan's house, word for word."
        with qtbot.waitSignal(window.app_services.save_status.problem, timeout=WAIT_MS):
            overview.summary.editor.setFocus()
            overview.summary.editor.insertPlainText(typed)
        # Said now in the status bar, and by the save-problem bar once that message goes.
        assert "is not answering" in window.statusBar().currentMessage()
        label = window.nothing_lost.save_problem
        assert label.text() == (
            "Could not save — the server is not answering; your text is safe in this window "
            "and is saved when it answers."
        )
        window.resize(1366, 768)
        window.grab().save("/tmp/team-server-away.png")
        assert overview.summary.markdown() == typed, "the text stays in the window"
        assert overview.has_unsaved_edits
    finally:
        pg_cluster.sql(f"ALTER DATABASE {database} ALLOW_CONNECTIONS true")
    with qtbot.waitSignal(window.app_services.save_status.cleared, timeout=WAIT_MS):
        pass  # saved once the server answers again
    assert not overview.has_unsaved_edits
    assert window.services.cases.get(case.id).summary == typed
    qtbot.waitUntil(lambda: window.team.label.connected, timeout=WAIT_MS)


def test_after_a_drop_every_open_window_reads_what_changed_meanwhile(
    qtbot, make_window: WindowFactory, team_address: ServerAddress, pg_cluster: PgCluster
) -> None:
    """Changes made while the window was not listening (here: plain SQL, which sends no
    notification at all) show everywhere once the connection is back: in the case
    list, in a chronology walk open in a window of its own, in Manage agencies and in
    the Learning view."""
    window = open_on(make_window, team_address, qtbot)
    services, view = window.services, window.view
    assert services is not None and view is not None
    case = services.cases.create("DD-1", "Jay")
    event = services.events.add(
        case.id,
        EventInput(date="2016-03-14", category="family", description="Moved", agency="Police"),
    )
    view.select_case(case.id)
    window.sessions_menu.walk_chronology()
    walk = window.sessions_menu.walk_window
    assert walk is not None and walk.shown_case_id() == case.id
    agencies = next(m for m in window.findChildren(AgenciesMenu)).manage_agencies()
    assert agencies is not None
    dd2 = services.cases.create("DD-2", "Kai").id
    view.select_case(dd2)  # the walk's case is not the one on screen
    qtbot.waitUntil(lambda: view.case_list.model.rowCount() == 2, timeout=WAIT_MS)
    learning = open_learning_view(window)
    qtbot.waitUntil(lambda: learning.summary is not None and learning.summary.cases == 2)
    watch = window.team.watch
    assert watch is not None
    database = team_address.database

    # Changes the window never hears of: plain SQL sends no notification, as nothing
    # reaches a window while its connection is down.
    for statement in (
        f"UPDATE events SET description = 'Moved to Nan''s flat' WHERE id = {event.id}",
        "UPDATE agencies SET name = 'Police Scotland' WHERE name = 'Police'",
        "DELETE FROM cases WHERE code = 'DD-2'",
    ):
        pg_cluster.sql(statement, database)

    with qtbot.waitSignal(watch.remote.everything_changed, timeout=WAIT_MS):
        pg_cluster.drop_listeners(database)
    qtbot.waitUntil(
        lambda: [e.description for e in walk._events] == ["Moved to Nan's flat"],
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(
        lambda: (
            "Police Scotland"
            in [agencies.model.row_value(r).name for r in range(agencies.model.rowCount())]
        ),
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(
        lambda: learning.summary is not None and learning.summary.cases == 1, timeout=WAIT_MS
    )
    assert [view.case_list.model.summary_at(r).code for r in range(1)] == ["DD-1"]
    assert view.case_list.model.rowCount() == 1
    assert view.selected_case_id() != dd2  # DD-2, on screen, is gone
    window.resize(1366, 768)
    window.grab().save("/tmp/team-after-reconnect.png")
    walk.close()
    agencies.close()
    learning.close()


def test_after_a_drop_events_deleted_meanwhile_leave_the_open_chronology(
    qtbot, make_window: WindowFactory, team_address: ServerAddress, pg_cluster: PgCluster
) -> None:
    window = open_on(make_window, team_address, qtbot)
    services, view = window.services, window.view
    assert services is not None and view is not None
    case = services.cases.create("DD-1", "Jay")
    kept, gone = (
        services.events.add(case.id, EventInput(date=day, category="family", description=what))
        for day, what in (("2016-03-14", "Moved to Nan's"), ("2017-01-09", "New school"))
    )
    view.select_case(case.id)
    chronology = view.chronology
    view.case_tabs.setCurrentWidget(chronology)
    qtbot.waitUntil(lambda: chronology.model.total() == 2, timeout=WAIT_MS)

    # Deleted by a colleague while this window heard nothing (plain SQL sends nothing).
    pg_cluster.sql(f"DELETE FROM events WHERE id = {gone.id}", team_address.database)
    watch = window.team.watch
    assert watch is not None
    with qtbot.waitSignal(watch.remote.everything_changed, timeout=WAIT_MS):
        pg_cluster.drop_listeners(team_address.database)
    qtbot.waitUntil(lambda: chronology.model.total() == 1, timeout=WAIT_MS)
    assert chronology.model.find(kept.id) is not None and chronology.model.find(gone.id) is None
