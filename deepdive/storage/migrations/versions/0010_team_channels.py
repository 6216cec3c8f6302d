"""Each team's changes are announced on a channel only its members can name.

Notifications (``pg_notify``) carry the ids of the cases and rows a transaction changed,
and PostgreSQL lets every role LISTEN on every channel: on one shared channel, a member
of one team heard that another team's cases changed (never what, but that and when).
Now each team has a channel whose name is a random secret kept in ``team_channels``,
which members read under row-level security for their own teams only; the owner reads
them all, and a channel with no team is the owner's (cases in no team). Changes to
the shared lists (agencies, templates, themes, measures) stay on the one public channel.

On a workspace file the table exists and stays empty (one person, no server).

Revision ID: 0010_team_channels
Revises: 0009_row_versions_everywhere
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_team_channels"
down_revision = "0009_row_versions_everywhere"
branch_labels = None
depends_on = None

# 128 random bits from the server's strong random source (gen_random_uuid, built in
# since PostgreSQL 13): a name nobody outside the team can guess.
_SECRET_NAME = "'deepdive_' || replace(gen_random_uuid()::text, '-', '')"

_NEW_TEAM_CHANNEL = f"""
CREATE FUNCTION teams_channel() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
INSERT INTO team_channels (team_id, channel) VALUES (NEW.id, {_SECRET_NAME});
RETURN NULL; END $$
"""

# The same rule as the team policies of 0006_teams.
_MY_TEAMS = (
    "(SELECT m.team_id FROM team_members AS m JOIN pg_roles AS r ON r.rolname = m.role_name "
    "WHERE pg_has_role(current_user, r.oid, 'MEMBER'))"
)


def upgrade() -> None:
    op.create_table(
        "team_channels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=63), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_team_channels_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_channels")),
        sa.UniqueConstraint("team_id", name=op.f("uq_team_channels_team_id")),
        sa.UniqueConstraint("channel", name=op.f("uq_team_channels_channel")),
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"INSERT INTO team_channels (team_id, channel) VALUES (NULL, {_SECRET_NAME})")
    op.execute(
        f"INSERT INTO team_channels (team_id, channel) SELECT id, {_SECRET_NAME} FROM teams"
    )
    op.execute(_NEW_TEAM_CHANNEL)
    op.execute(
        "CREATE TRIGGER teams_channel AFTER INSERT ON teams "
        "FOR EACH ROW EXECUTE FUNCTION teams_channel()"
    )
    op.execute("ALTER TABLE team_channels ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY deepdive_team_rows ON team_channels FOR SELECT "
        f"USING (team_id IN {_MY_TEAMS})"
    )
    # The members added before this revision read their teams' channels too.
    members = op.get_bind().exec_driver_sql(
        "SELECT DISTINCT quote_ident(m.role_name) FROM team_members AS m "
        "JOIN pg_roles AS r ON r.rolname = m.role_name"
    )
    for (role,) in members.all():
        op.execute(f"GRANT SELECT ON team_channels TO {role}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS teams_channel ON teams")
        op.execute("DROP FUNCTION IF EXISTS teams_channel()")
    op.drop_table("team_channels")
