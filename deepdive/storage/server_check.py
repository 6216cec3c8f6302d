"""``deepdive check`` on a team workspace: the server's schema is the one DeepDive expects.

A file is checked page by page by SQLite; a server keeps its own storage whole, so what
is checked here is what DeepDive relies on: the schema revision is one this version
knows and is current, every table, column, index and constraint of the models is there
as the models say (Alembic's comparison, as the tests make it), and the search index
with its triggers is in place, as are the triggers keeping event counts and each link
row's case, and every table of case content keeps its row-level
security and team policy. Nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from deepdive.storage.address import ServerAddress
from deepdive.storage.migrate import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    UNMODELLED_COLUMNS,
    is_modelled,
)
from deepdive.storage.server import server_engine
from deepdive.storage.teams import row_security_problems

_SEARCH_TRIGGERS = ("actions_search", "cases_search", "events_search", "stage_responses_search")


@dataclass(frozen=True)
class ServerCheckReport:
    """What a check of a team workspace found."""

    problems: tuple[str, ...]
    revision: str | None
    cases: int | None

    @property
    def ok(self) -> bool:
        """Whether the workspace passed every check."""
        return not self.problems


def check_server(address: ServerAddress, password: str | None = None) -> ServerCheckReport:
    """Check the team workspace at ``address`` read-only (see the module)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from deepdive.storage.models import Base
    from deepdive.storage.server import connect_problem

    engine = server_engine(address, password)
    try:
        try:
            connection = engine.connect()
        except Exception as exc:
            raise connect_problem(address, exc) from None
        with connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "include_name": is_modelled,
                },
            )
            revision = context.get_current_revision()
            if revision is None:
                return ServerCheckReport(("It holds no DeepDive workspace.",), None, None)
            if revision not in KNOWN_REVISIONS:
                return ServerCheckReport(
                    (f"It was made by a newer DeepDive (schema {revision}).",), revision, None
                )
            problems: list[str] = []
            if revision != HEAD_REVISION:
                problems.append(
                    f"Its schema ({revision}) is older than this DeepDive's ({HEAD_REVISION}); "
                    "a command that changes it upgrades it."
                )
            else:
                problems += [_describe(d) for d in compare_metadata(context, Base.metadata)]
                problems += _search_problems(connection)
                problems += _count_problems(connection)
                problems += _link_case_problems(connection)
                problems += row_security_problems(connection)
            cases = connection.execute(text("SELECT count(*) FROM cases")).scalar()
            connection.rollback()
    finally:
        engine.dispose()
    return ServerCheckReport(tuple(problems), revision, int(cases or 0))


def _search_problems(connection: Any) -> list[str]:
    found = set(
        connection.execute(
            text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE '%_search'")
        ).scalars()
    )
    missing = [name for name in _SEARCH_TRIGGERS if name not in found]
    if connection.execute(text("SELECT to_regclass('search_index')")).scalar() is None:
        return ["The search index (table search_index) is missing."]
    return [f"The search trigger {name} is missing." for name in missing]


def _count_problems(connection: Any) -> list[str]:
    """The triggers that keep each case's event count (migration 0007_scale_indexes)."""
    found = set(
        connection.execute(
            text("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'events_count_%'")
        ).scalars()
    )
    return [
        f"The trigger {name} that counts each case's events is missing."
        for name in ("events_count_insert", "events_count_delete")
        if name not in found
    ]


# The triggers that give each link row its case, and carry it when a parent moves
# (migration 0008_server_speed): without them members would lose sight of new links.
_LINK_CASE_TRIGGERS = (
    *sorted(f"{table}_case" for table, _column in UNMODELLED_COLUMNS),
    "events_carry_case",
    "sessions_carry_case",
    "stage_responses_carry_case",
)


def _link_case_problems(connection: Any) -> list[str]:
    found = set(
        connection.execute(
            text("SELECT tgname FROM pg_trigger WHERE tgname = ANY(:names)"),
            {"names": list(_LINK_CASE_TRIGGERS)},
        ).scalars()
    )
    return [
        f"The trigger {name} that keeps a link row's case for the team policies is missing."
        for name in _LINK_CASE_TRIGGERS
        if name not in found
    ]


def _describe(difference: Any) -> str:
    """One schema difference as a line a database administrator can act on."""
    if isinstance(difference, list):  # column changes come grouped
        return "; ".join(_describe(d) for d in difference)
    kind, *details = difference
    action, _, what = str(kind).partition("_")
    named = ", ".join(str(getattr(d, "name", d)) for d in details if d is not None)
    state = {"add": "is missing", "remove": "is not one of DeepDive's"}.get(action, "differs")
    return f"The {what or 'schema'} {named} {state}."
