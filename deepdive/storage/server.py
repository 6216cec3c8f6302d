"""Opening a team workspace on a PostgreSQL server (``postgresql://…``).

The driver is psycopg 3 (``pip install 'deepdive[server]'``); libpq reads the URL, so
its own options (``sslmode``, ``connect_timeout``, …), ``PGPASSWORD`` and ``.pgpass``
work as they do for ``psql``. A server the driver cannot use (no such host, wrong
password, no such database) is one :class:`ServerConnectError` whose message names the
address without its password. The schema is created or upgraded by the same Alembic
migrations as a workspace file, inside one transaction (PostgreSQL's DDL is
transactional, so a failed upgrade leaves the database as it was) and under an
advisory lock, so two people opening a new workspace at once do not both build it.

There is no lock file: the server serialises writers itself. The key vault and other
files a workspace keeps beside itself live in the person's own data folder, at
:func:`server_anchor`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from deepdive.errors import one_line
from deepdive.storage.address import ServerAddress
from deepdive.storage.errors import NewerWorkspaceError, NotAWorkspaceError, WorkspaceError
from deepdive.storage.migrate import HEAD_REVISION, KNOWN_REVISIONS, upgrade_to_head
from deepdive.storage.workspace import Workspace

# pg_advisory_xact_lock key: "DeepDive" schema changes, one at a time per database.
_SCHEMA_LOCK = 0x44656570_44697665
# libpq waits for ever for a host that does not answer unless told otherwise.
DEFAULT_CONNECT_TIMEOUT = 10


class ServerConnectError(WorkspaceError):
    """The server named by a ``postgresql://`` address cannot be used."""


class ServerPasswordNeededError(ServerConnectError):
    """The server asks for a password and none was given (URL, PGPASSWORD, .pgpass)."""


class ServerDriverMissingError(WorkspaceError):
    """psycopg (DeepDive's ``server`` extra) is not installed."""


class ServerNeedsUpgradeError(WorkspaceError):
    """An older team workspace that a writer must upgrade before it can be read."""


def server_anchor(address: ServerAddress, data_folder: Path) -> Path:
    """Where files that belong beside a workspace (the key vault) live for ``address``:
    a name in the person's own data folder made from the host, port and database."""
    parts = address.url.split("://", 1)[1]
    netloc, _, rest = parts.partition("/")
    host = netloc.rpartition("@")[2] or "local"
    name = f"{host}-{rest.split('?', 1)[0]}"
    return data_folder / "team-workspaces" / (re.sub(r"[^\w.-]+", "_", name)[:80] + ".deepdive")


def server_engine(address: ServerAddress, password: str | None = None) -> Engine:
    """An engine on the server at ``address`` (libpq reads the URL as it is)."""
    try:
        import psycopg
    except ImportError as exc:
        raise ServerDriverMissingError(
            "Team workspaces on a PostgreSQL server need DeepDive's server support: "
            "pip install 'deepdive[server]'."
        ) from exc
    options: dict[str, Any] = {"application_name": "DeepDive"}
    if "connect_timeout" not in address.url and "PGCONNECT_TIMEOUT" not in os.environ:
        options["connect_timeout"] = DEFAULT_CONNECT_TIMEOUT
    if password is not None:
        options["password"] = password
    if "options=" not in address.url and "PGOPTIONS" not in os.environ:
        # Row-level security makes the planner's estimates of DeepDive's short queries
        # large, and compiling them (JIT) then costs seconds where running them takes
        # milliseconds (measured: a team's case list 3.8 s with JIT, 0.13 s without).
        options["options"] = "-c jit=off"

    def connect() -> Any:
        connection = psycopg.connect(address.url, **options)
        # PostgreSQL's JIT compiles a big-looking query for a third of a second before
        # running it; DeepDive's reads are short (benchmarks/scale.py), so it is off.
        connection.execute("SET jit = off")
        connection.commit()
        return connection

    return create_engine("postgresql+psycopg://", creator=connect, pool_pre_ping=True)


def connect_problem(address: ServerAddress, exc: BaseException) -> ServerConnectError:
    """The error to show for a connection the driver refused (never the password)."""
    original = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    said = address.hide_password(one_line(str(original)))
    # libpq says "connection to server at … failed: FATAL:  the reason"; keep the reason.
    reason = re.split(r"failed:\s*", said)[-1]
    reason = re.sub(r"^(FATAL|ERROR):\s*", "", reason).strip() or said
    if "no password supplied" in said:
        return ServerPasswordNeededError(
            f"The server for {address.shown} asks for a password: type it when asked, or "
            "set PGPASSWORD or a .pgpass file."
        )
    end = "" if reason.endswith((".", "?", "!")) else "."
    return ServerConnectError(f"Cannot open the team workspace {address.shown}: {reason}{end}")


def open_server_workspace(
    address: ServerAddress,
    anchor: Path,
    *,
    password: str | None = None,
    create: bool = True,
    read_only: bool = False,
) -> Workspace:
    """Connect to the team workspace at ``address``, creating or upgrading its schema.

    ``read_only``: a command that only reads; nothing is created or upgraded.
    ``anchor``: see :func:`server_anchor`. Raises a :class:`WorkspaceError` fit to show.
    """
    engine = server_engine(address, password)
    try:
        try:
            with engine.begin() as connection:
                _prepare_schema(connection, address, create=create and not read_only)
                if read_only:
                    connection.rollback()
        except DBAPIError as exc:
            if _is_connect_failure(exc):
                raise connect_problem(address, exc) from None
            from deepdive.storage.teams_errors import no_access

            refused = no_access(address.shown, exc)
            if refused is not None:
                raise refused from None
            raise
    except BaseException:
        engine.dispose()
        raise
    workspace = Workspace(anchor, engine, read_only=read_only, server=address)
    if not read_only:
        from deepdive.storage.notify import announce_changes

        workspace.change_origin = announce_changes(workspace)
    return workspace


def _is_connect_failure(exc: DBAPIError) -> bool:
    """Whether the engine could not connect at all (rather than a statement failing)."""
    import psycopg

    return isinstance(exc.orig, psycopg.OperationalError) and exc.statement is None


def _prepare_schema(connection: Connection, address: ServerAddress, *, create: bool) -> None:
    connection.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
    revision = _revision(connection)
    if revision is None:
        if _has_tables(connection):
            raise NotAWorkspaceError(
                f"The database {address.shown} holds another program's tables, not a "
                "DeepDive workspace. It has not been changed."
            )
        if not create:
            raise NotAWorkspaceError(
                f"The database {address.shown} holds no DeepDive workspace yet; a command "
                "that adds to it (such as deepdive demo) creates one."
            )
        upgrade_to_head(connection)
        return
    if revision not in KNOWN_REVISIONS:
        raise NewerWorkspaceError(
            f"The team workspace {address.shown} was made by a newer version of DeepDive "
            f"(schema {revision}). Update DeepDive to open it; nothing has been changed."
        )
    if revision != HEAD_REVISION:
        if not create:
            raise ServerNeedsUpgradeError(
                f"The team workspace {address.shown} was made by an older DeepDive and must "
                "be upgraded before this command can read it; open it once with a command "
                "that changes it (or the app), then run this again. Nothing has been changed."
            )
        upgrade_to_head(connection)


def _revision(connection: Connection) -> str | None:
    exists = connection.exec_driver_sql("SELECT to_regclass('alembic_version')").scalar()
    if exists is None:
        return None
    row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return None if row is None else str(row[0])


def _has_tables(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
    ).scalar()
    return bool(found)
