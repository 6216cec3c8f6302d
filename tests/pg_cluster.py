"""A throwaway PostgreSQL cluster for the tests (import as ``from pg_cluster import ...``).

The cluster lives in a temporary folder, listens on a Unix socket in that folder only
(no TCP port), and is run by an unprivileged user as PostgreSQL requires: the user
running the tests, or, when that is root (CI), the ``postgres`` user Debian's package
creates (``nobody`` where there is none), through ``runuser``. It is tuned for tests
(no fsync): nothing in it outlives the test session.

Two login roles are made: ``deepdive`` (the superuser, trusted on the socket) and
``facilitator`` with the password :data:`FACILITATOR_PASSWORD` (password checked), so
tests can see a wrong password refused.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

SUPERUSER = "deepdive"
FACILITATOR = "facilitator"
FACILITATOR_PASSWORD = "not-a-real-secret"
PORT = 5432

# Speed over durability: the cluster is thrown away at the end of the session.
_SETTINGS = {
    "listen_addresses": "''",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "60",
    "shared_buffers": "32MB",
}

_HBA = f"""\
local all {SUPERUSER} trust
local all all scram-sha-256
"""


def postgres_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed.

    ``DEEPDIVE_PG_BINDIR`` names it; otherwise ``initdb`` on PATH; otherwise Debian's
    versioned folders (the newest).
    """
    named = os.environ.get("DEEPDIVE_PG_BINDIR")
    if named:
        return Path(named) if (Path(named) / "initdb").exists() else None
    on_path = shutil.which("initdb")
    if on_path is not None:
        return Path(on_path).parent
    versions = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    versions.sort(key=lambda bindir: int(bindir.parent.name) if bindir.parent.name.isdigit() else 0)
    return versions[-1] if versions else None


def _run_as_user() -> str | None:
    """The unprivileged user to run the server as, or None to run it as ourselves."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise RuntimeError("Running as root, and there is no postgres or nobody user to run as.")


class PgCluster:
    """One running throwaway cluster; :meth:`url` gives addresses of its databases."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.user = _run_as_user()
        # Not under pytest's tmp folder: that is private to us, and the server's user
        # must reach its own data and socket.
        self.folder = Path(tempfile.mkdtemp(prefix="deepdive-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        if self.user is not None:
            entry = pwd.getpwnam(self.user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)

    def _command(self, *args: str) -> list[str]:
        if self.user is None:
            return list(args)
        # util-linux's runuser lives in sbin, which a CI job's PATH may lack.
        runuser = shutil.which("runuser") or shutil.which("runuser", path="/usr/sbin:/sbin")
        if runuser is None:
            raise RuntimeError("Running as root needs runuser (util-linux) to start PostgreSQL.")
        return [runuser, "-u", self.user, "--", *args]

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            self._command(*args), capture_output=True, text=True, cwd=self.folder, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}")

    def start(self) -> None:
        """initdb, configure, and start the server; wait until it accepts connections."""
        self._run(
            str(self.bindir / "initdb"),
            "--pgdata",
            str(self.data),
            "--username",
            SUPERUSER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C.UTF-8",
            "--no-sync",
        )
        (self.data / "pg_hba.conf").write_text(_HBA)
        settings = {**_SETTINGS, "unix_socket_directories": f"'{self.folder}'", "port": str(PORT)}
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
        self._run(
            str(self.bindir / "pg_ctl"), "--pgdata", str(self.data), "--log", str(self.log),
            "--wait", "start",
        )  # fmt: skip
        self.sql(
            f"CREATE ROLE {FACILITATOR} LOGIN PASSWORD '{FACILITATOR_PASSWORD}'", dbname="postgres"
        )

    def stop(self) -> None:
        """Stop the server at once and remove its folder."""
        with contextlib.suppress(RuntimeError):
            self._run(
                str(self.bindir / "pg_ctl"), "--pgdata", str(self.data), "--mode", "immediate",
                "--wait", "stop",
            )  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, dbname: str, user: str = SUPERUSER, password: str | None = None) -> str:
        """A ``postgresql://`` address of ``dbname`` through the cluster's socket."""
        login = quote(user) + ("" if password is None else ":" + quote(password, safe=""))
        return f"postgresql://{login}@/{dbname}?host={quote(str(self.folder))}&port={PORT}"

    def drop_listeners(self, dbname: str) -> None:
        """End every change listener's connection to ``dbname``, as a network drop or a
        server restart would (the listeners then connect again)."""
        from deepdive.storage.notify_listener import APPLICATION_NAME

        self.sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{dbname}' AND application_name = '{APPLICATION_NAME}'"
        )

    def sql(self, statement: str, dbname: str = "postgres") -> None:
        """Run one statement as the superuser, outside any transaction (CREATE DATABASE)."""
        import psycopg

        with psycopg.connect(
            host=str(self.folder), port=PORT, user=SUPERUSER, dbname=dbname, autocommit=True
        ) as connection:
            connection.execute(statement.encode())


class PgDatabases:
    """Fresh databases for tests, each as new as a copy of one template that is already
    at the workspace schema's head.

    Copying the template (CREATE DATABASE … TEMPLATE) takes about half a second here, so
    a database a test has finished with is kept and, when the next test asks, emptied
    (every table but the schema's version truncated, sequences restarted: the state of
    the template) in a twentieth of that.
    """

    def __init__(self, cluster: PgCluster, template: str) -> None:
        self.cluster = cluster
        self.template = template
        self._made = 0
        self._free: list[str] = []
        self._emptying: str | None = None

    def take(self) -> str:
        """The address of a database no one is using, with empty tables."""
        if self._free:
            name = self._free.pop()
            self._empty(name)
        else:
            self._made += 1
            name = f"test_{self._made}"
            self.cluster.sql(f"CREATE DATABASE {name} TEMPLATE {self.template}")
        return self.cluster.url(name)

    def give_back(self, url: str) -> None:
        """The test is done with the database at ``url``."""
        self._free.append(url.split("?", 1)[0].rsplit("/", 1)[1])

    def discard(self, url: str) -> None:
        """Drop the database at ``url``: a test changed its schema, so it is no one's."""
        name = url.split("?", 1)[0].rsplit("/", 1)[1]
        self.cluster.sql(f"DROP DATABASE {name} WITH (FORCE)")

    def _empty(self, name: str) -> None:
        import psycopg

        with psycopg.connect(
            host=str(self.cluster.folder), port=PORT, user=SUPERUSER, dbname=name, autocommit=True
        ) as connection:
            # Whatever a test left connected (a leak) must not keep a lock.
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if self._emptying is None:
                tables = connection.execute(
                    "SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables "
                    "WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
                ).fetchone()
                assert tables is not None
                self._emptying = f"TRUNCATE {tables[0]} RESTART IDENTITY CASCADE"
            connection.execute(self._emptying.encode())


@contextlib.contextmanager
def running_cluster(bindir: Path) -> Iterator[PgCluster]:
    """A started cluster, stopped and removed on leaving."""
    cluster = PgCluster(bindir)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
