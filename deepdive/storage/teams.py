"""The server's side of teams: who owns a team workspace, and what a member is granted.

The owner is the role that owns the workspace's tables (the one that built it), or any
role that is a member of it. Only the owner creates teams, adds members and assigns
cases. A member never owns anything: when added, a role is granted what a person
working on their team's cases needs, and no more, and the row-level security policies
of migration 0006_teams keep them to their teams' cases. Nothing here is a SECURITY
DEFINER function but the search's (migration 0006_teams says why): every other statement
runs with the rights of the role connected.

A later migration that adds a table must grant it to the roles in ``team_members`` as
these lists say (and give it a policy if it holds case content: a test checks); until
then ``deepdive team add-member`` grants it again to one member.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

# Whose tables these are, and whether the connected role counts as their owner.
_OWNER = text(
    "SELECT pg_get_userbyid(c.relowner), current_user, "
    "pg_has_role(current_user, c.relowner, 'USAGE') "
    "FROM pg_class AS c WHERE c.oid = to_regclass('teams')"
)

# Read and written by members; the policies keep them to their teams' rows.
MEMBER_WRITES = (
    "cases",
    "people",
    "events",
    "event_people",
    "event_tags",
    "event_themes",
    "case_tags",
    "sessions",
    "session_participants",
    "stage_responses",
    "response_events",
    "response_themes",
    "actions",
    "case_outcomes",
    "case_stories",
    "export_records",
    "search_index",
)
# Shared lists every team uses: members read them, add to them and rename (these
# columns only); only the owner removes, archives or merges (which would change other
# teams' events, cast and themes). A member's DELETE on tags removes nothing (see
# migration 0006_teams), so that undoing an edit may try to tidy its new tags.
MEMBER_ADDS = {
    "agencies": ("name",),
    "themes": ("name", "description"),
    "tags": ("name",),
    "template_versions": (),
}
# The programme's own figures, the workspace's settings and its teams: the owner's.
MEMBER_READS = (
    "workspace_meta",
    "programme_measures",
    "measure_values",
    "teams",
    "team_members",
    "team_channels",
    "alembic_version",
)


# The tables migration 0006_teams gives the team policy (every table of case content).
POLICED = (
    "cases",
    "people",
    "events",
    "sessions",
    "actions",
    "case_outcomes",
    "case_stories",
    "case_tags",
    "search_index",
    "event_people",
    "event_tags",
    "event_themes",
    "session_participants",
    "stage_responses",
    "response_events",
    "response_themes",
    "export_records",
    "team_channels",  # its policy differs: members read their own teams' rows
)
TEAM_POLICY = "deepdive_team_rows"

_SECURITY = text(
    "SELECT c.relname, c.relrowsecurity, EXISTS (SELECT 1 FROM pg_policy AS p "
    "WHERE p.polrelid = c.oid AND p.polname = :policy) "
    "FROM pg_class AS c WHERE c.relnamespace = to_regnamespace(current_schema()) "
    "AND c.relname = ANY (:tables)"
)


def row_security_problems(connection: Connection) -> list[str]:
    """What ``deepdive check`` reports when a table of case content has lost its
    row-level security or its team policy (members could then read other teams' rows)."""
    found = {
        name: (on, policy)
        for name, on, policy in connection.execute(
            _SECURITY, {"policy": TEAM_POLICY, "tables": list(POLICED)}
        )
    }
    problems: list[str] = []
    for table in POLICED:
        on, policy = found.get(table, (True, True))  # a missing table is reported elsewhere
        if not on:
            problems.append(
                f"Row-level security is off on the table {table}: every member can read all "
                "of its rows, whatever their team."
            )
        elif not policy:
            problems.append(f"The team policy {TEAM_POLICY} on the table {table} is missing.")
    return problems


@dataclass(frozen=True)
class Ownership:
    """The owner of a team workspace's tables, and the role connected now."""

    owner: str
    current: str
    is_owner: bool


def ownership(connection: Connection) -> Ownership:
    """Who owns the workspace at ``connection`` and whether the connected role does."""
    row = connection.execute(_OWNER).one()
    return Ownership(owner=str(row[0]), current=str(row[1]), is_owner=bool(row[2]))


# The teams the connected role is a member of (directly or through a group role), by
# the same rule as the policies of migration 0006_teams: a dropped role matches nothing.
_MY_TEAMS = text(
    "SELECT t.id, t.name FROM teams AS t WHERE t.id IN (SELECT m.team_id FROM team_members "
    "AS m JOIN pg_roles AS r ON r.rolname = m.role_name "
    "WHERE pg_has_role(current_user, r.oid, 'MEMBER')) ORDER BY lower(t.name)"
)


def my_teams(connection: Connection) -> list[tuple[int, str]]:
    """The id and name of every team the connected role is a member of, by name."""
    return [(int(team_id), str(name)) for team_id, name in connection.execute(_MY_TEAMS)]


# Roles a team could have as a member: not a superuser, not PostgreSQL's own (pg_…),
# not the workspace's owner (who sees every case already).
_CANDIDATE_ROLES = text(
    "SELECT rolname FROM pg_roles WHERE NOT rolsuper AND rolname !~ '^pg_' "
    "AND oid <> (SELECT relowner FROM pg_class WHERE oid = to_regclass('teams')) "
    "ORDER BY lower(rolname)"
)


def candidate_roles(connection: Connection) -> list[str]:
    """The server's roles that could be made team members, by name."""
    return [str(name) for (name,) in connection.execute(_CANDIDATE_ROLES)]


def role_exists(connection: Connection, role: str) -> bool:
    """Whether the server has a role named ``role`` (exactly, case included)."""
    found = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
    return found.first() is not None


def grant_member(connection: Connection, role: str) -> None:
    """Grant ``role`` what a team member needs (tables, their sequences); never ownership."""
    quoted = connection.dialect.identifier_preparer.quote_identifier(role)
    tables = ", ".join(MEMBER_WRITES)
    connection.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO {quoted}")
    connection.exec_driver_sql(f"GRANT SELECT, INSERT ON {', '.join(MEMBER_ADDS)} TO {quoted}")
    connection.exec_driver_sql(f"GRANT DELETE ON tags TO {quoted}")
    for table, columns in MEMBER_ADDS.items():
        if columns:
            named = ", ".join(columns)
            connection.exec_driver_sql(f"GRANT UPDATE ({named}) ON {table} TO {quoted}")
    connection.exec_driver_sql(f"GRANT SELECT ON {', '.join(MEMBER_READS)} TO {quoted}")
    connection.exec_driver_sql(
        f"GRANT EXECUTE ON FUNCTION deepdive_search(tsquery, text, integer) TO {quoted}"
    )
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    schema = connection.dialect.identifier_preparer.quote_identifier(str(schema))
    connection.exec_driver_sql(
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {quoted}"
    )


def revoke_member(connection: Connection, role: str) -> None:
    """Take back from ``role`` everything :func:`grant_member` gave (it is in no team)."""
    quoted = connection.dialect.identifier_preparer.quote_identifier(role)
    tables = ", ".join((*MEMBER_WRITES, *MEMBER_ADDS, *MEMBER_READS))
    connection.exec_driver_sql(f"REVOKE ALL ON {tables} FROM {quoted}")
    connection.exec_driver_sql(
        f"REVOKE EXECUTE ON FUNCTION deepdive_search(tsquery, text, integer) FROM {quoted}"
    )
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    schema = connection.dialect.identifier_preparer.quote_identifier(str(schema))
    connection.exec_driver_sql(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {quoted}")
