"""Teams, and on PostgreSQL row-level security: a role sees only its teams' cases.

Both engines gain the ``teams`` and ``team_members`` tables and ``cases.team_id`` (on a
workspace file they stay empty: one person, no server). On PostgreSQL every table that
holds case content gets a policy, so a role that is not the tables' owner reads and
changes only the rows of cases whose team it is a member of (by name, directly or
through a group role), even with plain SQL:

- ``cases``: its ``team_id`` is one of the role's teams; a case with no team is the
  owner's alone.
- what hangs off a case (cast, events, sessions, actions, outcomes, story, tags, the
  search index) through ``case_id``; what hangs off those (event and response links,
  participants, responses) through their parent. Each policy asks (EXISTS) for the
  parent row, which the parent's own policy filters, so visibility follows the case all
  the way down.
- ``export_records``: the records of cases the role sees, and those of no case (the
  programme report, ``render``), which every member may write.

The owner of the tables (the role that built the workspace) is not bound by the
policies (ENABLE, not FORCE: it sees every case, as the programme lead must, and could
turn them off anyway). Searching goes through one SECURITY DEFINER function (see
_SEARCH_FUNCTION for why); nothing else does. A new case a member adds goes into their
team, set by a trigger when they are in exactly one; otherwise it is refused with
SQLSTATE DDT01 and a message fit to show. Tags, shared by every team, get policies that
let a member read, add and rename them but remove none. The search index is tied to its case by
a cascading key, so removing a case removes its index rows that the policy would hide
from the member's own trigger.

Revision ID: 0006_teams
Revises: 0005_more_row_versions
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_teams"
down_revision = "0005_more_row_versions"
branch_labels = None
depends_on = None

# The teams the current role is a member of (directly or through a group role). A role
# dropped since it was added simply matches nothing (pg_has_role on a missing name
# would raise, so names are matched through pg_roles).
_MY_TEAMS = (
    "(SELECT m.team_id FROM team_members AS m JOIN pg_roles AS r ON r.rolname = m.role_name "
    "WHERE pg_has_role(current_user, r.oid, 'MEMBER'))"
)

def _through(parent: str, key: str, table: str, column: str = "id") -> str:
    """Rows whose ``parent`` row (``parent.column = table.key``) the role may see: the
    parent's own policy decides. A correlated EXISTS, so that the planner probes the
    parent's index for the few rows a query asks for (one case's events) and hashes the
    parent only for a scan of everything (the programme report)."""
    return f"EXISTS (SELECT 1 FROM {parent} AS p WHERE p.{column} = {table}.{key})"


# table -> the condition a row must meet to be seen or written by a member.
_POLICIES = {
    "cases": f"team_id IN {_MY_TEAMS}",
    **{
        table: _through("cases", "case_id", table)
        for table in (
            "people",
            "events",
            "sessions",
            "actions",
            "case_outcomes",
            "case_stories",
            "case_tags",
            "search_index",
        )
    },
    **{
        table: _through("events", "event_id", table)
        for table in ("event_people", "event_tags", "event_themes")
    },
    **{
        table: _through("sessions", "session_id", table)
        for table in ("session_participants", "stage_responses")
    },
    **{
        table: _through("stage_responses", "response_id", table)
        for table in ("response_events", "response_themes")
    },
    "export_records": "case_code IS NULL OR "
    + _through("cases", "case_code", "export_records", column="code"),
}

_POLICY = "deepdive_team_rows"

# Tags are shared by every team, and removing one would take it off other teams' cases
# and events: a member's DELETE (the undo of an edit tidies the tags it made) quietly
# removes nothing, as no policy lets it. Reading, adding and renaming are for everyone.
_SHARED_POLICIES = {
    "deepdive_tags_read": "FOR SELECT USING (true)",
    "deepdive_tags_add": "FOR INSERT WITH CHECK (true)",
    "deepdive_tags_rename": "FOR UPDATE USING (true)",
}

# A member's new case goes into their one team; the owner's stays unassigned.
_CASE_TEAM_TRIGGER = f"""
CREATE FUNCTION cases_team() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    mine integer[];
BEGIN
    IF NEW.team_id IS NOT NULL OR pg_has_role(current_user,
            (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE') THEN
        RETURN NEW;
    END IF;
    SELECT array_agg(DISTINCT t.id ORDER BY t.id) INTO mine
        FROM teams AS t WHERE t.id IN {_MY_TEAMS};
    IF coalesce(array_length(mine, 1), 0) = 1 THEN
        NEW.team_id := mine[1];
        RETURN NEW;
    END IF;
    IF mine IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'DDT01', MESSAGE = format(
            'You (%s) are in no team of this workspace, so a case you added would be '
            'seen by no one but the owner: ask the owner to add you to a team.', current_user);
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'DDT01', MESSAGE = format(
        'You (%s) are in more than one team (%s), so DeepDive cannot tell which team a '
        'new case belongs to: ask the owner to add it and assign it to a team.',
        current_user,
        (SELECT string_agg(name, ', ' ORDER BY name) FROM teams WHERE id = ANY (mine)));
END $$
"""


# The search index's GIN index cannot serve a query under row-level security: its match
# operator (@@) is not leakproof, so PostgreSQL checks every row's policy before it,
# scanning the whole index table (a member's search took four times the owner's on
# 200,000 events, and grows with the programme). This one function, the only SECURITY
# DEFINER in the workspace, answers a search through the index and keeps to the cases
# the logged-in role (session_user: inside the function current_user is its owner) may
# see, by the same rule as the policies. It returns row ids only; the rows themselves
# are read under the policies. how: 'any' (up to wanted), 'ranked' or 'newest' first.
_SESSION_CASES = (
    "(SELECT c.id FROM cases AS c WHERE c.team_id IN (SELECT m.team_id FROM team_members AS m "
    "JOIN pg_roles AS r ON r.rolname = m.role_name "
    "WHERE pg_has_role(session_user, r.oid, 'MEMBER')))"
)
_SEARCH_FUNCTION = """
CREATE FUNCTION deepdive_search(query tsquery, how text, wanted integer)
RETURNS SETOF bigint LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = {schema}, pg_catalog, pg_temp AS $$
DECLARE
    everything boolean := pg_has_role(session_user,
        (SELECT relowner FROM pg_class WHERE oid = '{schema}.search_index'::regclass), 'USAGE');
BEGIN
    IF how = 'ranked' THEN
        RETURN QUERY SELECT s.rowid FROM search_index AS s
            WHERE s.document @@ query AND (everything OR s.case_id IN {visible})
            ORDER BY ts_rank('{{0, 0, 0.25, 1}}', s.document, query) DESC, s.rowid DESC
            LIMIT wanted;
    ELSIF how = 'newest' THEN
        RETURN QUERY SELECT s.rowid FROM search_index AS s
            WHERE s.document @@ query AND (everything OR s.case_id IN {visible})
            ORDER BY s.rowid DESC LIMIT wanted;
    ELSE
        RETURN QUERY SELECT s.rowid FROM search_index AS s
            WHERE s.document @@ query AND (everything OR s.case_id IN {visible})
            LIMIT wanted;
    END IF;
END $$
"""


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
        sa.UniqueConstraint("name", name=op.f("uq_teams_name")),
    )
    op.create_table(
        "team_members",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("role_name", sa.String(length=63), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_team_members_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("team_id", "role_name", name=op.f("pk_team_members")),
    )
    # A plain ADD COLUMN on both engines, without a foreign key: on SQLite one would need
    # a copy of the table (losing its search triggers, and cascading deletes while the
    # old table is dropped). A team_id with no team matches no member: the owner's case.
    op.add_column("cases", sa.Column("team_id", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_cases_team_id"), "cases", ["team_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        _secure_rows()


def _secure_rows() -> None:
    op.execute(
        "ALTER TABLE search_index ADD CONSTRAINT fk_search_index_case_id_cases "
        "FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE"
    )
    op.execute(_CASE_TEAM_TRIGGER)
    op.execute(
        "CREATE TRIGGER cases_team BEFORE INSERT ON cases "
        "FOR EACH ROW EXECUTE FUNCTION cases_team()"
    )
    for table, condition in _POLICIES.items():
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {_POLICY} ON {table} USING ({condition})")
    schema = op.get_bind().exec_driver_sql("SELECT quote_ident(current_schema())").scalar()
    op.execute(_SEARCH_FUNCTION.format(schema=schema, visible=_SESSION_CASES))
    op.execute("REVOKE EXECUTE ON FUNCTION deepdive_search(tsquery, text, integer) FROM PUBLIC")
    op.execute("ALTER TABLE tags ENABLE ROW LEVEL SECURITY")
    for name, rule in _SHARED_POLICIES.items():
        op.execute(f"CREATE POLICY {name} ON tags {rule}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _POLICIES:
            op.execute(f"DROP POLICY IF EXISTS {_POLICY} ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        for name in _SHARED_POLICIES:
            op.execute(f"DROP POLICY IF EXISTS {name} ON tags")
        op.execute("ALTER TABLE tags DISABLE ROW LEVEL SECURITY")
        op.execute("DROP FUNCTION IF EXISTS deepdive_search(tsquery, text, integer)")
        op.execute("DROP TRIGGER IF EXISTS cases_team ON cases")
        op.execute("DROP FUNCTION IF EXISTS cases_team()")
        op.execute("ALTER TABLE search_index DROP CONSTRAINT IF EXISTS fk_search_index_case_id_cases")
    op.drop_index(op.f("ix_cases_team_id"), table_name="cases")
    # Plain DROP COLUMN on both engines (SQLite 3.35+), keeping the search triggers.
    op.execute("ALTER TABLE cases DROP COLUMN team_id")
    op.drop_table("team_members")
    op.drop_table("teams")
