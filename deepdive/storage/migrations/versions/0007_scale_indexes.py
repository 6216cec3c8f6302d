"""A big programme stays quick: each case counts its own events, and the lookups the
case list, the programme report and deletes make have indexes.

- ``cases.event_count``, kept by triggers on ``events`` (per row on SQLite; per
  statement on PostgreSQL, from the statement's transition table, so a 10,000-row
  import updates its case once). The case list read a count of a million events for
  every open; it now reads one column.
- ``ix_events_key_episodes``: the key practice episodes, newest first (a partial index
  on both engines), for the programme report's excerpts.
- The reverse side of the link tables (``event_people.person_id``,
  ``event_tags.tag_id``, ``event_themes.theme_id``, ``response_events.event_id``):
  deleting an event, a person, a tag or a theme looked through the whole table for
  each one on PostgreSQL, which does not index foreign keys by itself.

Revision ID: 0007_scale_indexes
Revises: 0006_teams
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_scale_indexes"
down_revision = "0006_teams"
branch_labels = None
depends_on = None

LINK_INDEXES = {
    "ix_event_people_person_id": ("event_people", "person_id"),
    "ix_event_tags_tag_id": ("event_tags", "tag_id"),
    "ix_event_themes_theme_id": ("event_themes", "theme_id"),
    "ix_response_events_event_id": ("response_events", "event_id"),
}

# On a file the count is kept row by row, so the case's search row must be rebuilt only
# when what it indexes changes (code, pseudonym, summary), not on every event added.
_CASE_SEARCH_ROW = (
    "DELETE FROM search_index WHERE rowid = OLD.id * 8 + 1; "
    "INSERT INTO search_index (rowid, kind, case_id, item_id, title, body) VALUES "
    "(NEW.id * 8 + 1, 1, NEW.id, NEW.id, NEW.code || ' ' || NEW.pseudonym, NEW.summary);"
)


def _case_search_trigger(columns: str) -> None:
    op.execute("DROP TRIGGER cases_search_update")
    op.execute(
        f"CREATE TRIGGER cases_search_update AFTER UPDATE{columns} ON cases "
        f"BEGIN {_CASE_SEARCH_ROW} END"
    )


_PG_COUNT = """
CREATE FUNCTION events_count_{name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
UPDATE cases SET event_count = cases.event_count {sign} changed.n
FROM (SELECT case_id, count(*) AS n FROM {rows} GROUP BY case_id) AS changed
WHERE cases.id = changed.case_id;
RETURN NULL; END $$
"""


def upgrade() -> None:
    op.add_column(
        "cases", sa.Column("event_count", sa.Integer(), nullable=False, server_default="0")
    )
    op.execute(
        "UPDATE cases SET event_count = "
        "(SELECT count(*) FROM events WHERE events.case_id = cases.id)"
    )
    if op.get_bind().dialect.name == "postgresql":
        for name, sign, rows in (("insert", "+", "new_rows"), ("delete", "-", "old_rows")):
            op.execute(_PG_COUNT.format(name=name, sign=sign, rows=rows))
            table = "NEW TABLE AS new_rows" if name == "insert" else "OLD TABLE AS old_rows"
            op.execute(
                f"CREATE TRIGGER events_count_{name} AFTER {name.upper()} ON events "
                f"REFERENCING {table} FOR EACH STATEMENT EXECUTE FUNCTION events_count_{name}()"
            )
        op.execute(
            "CREATE INDEX ix_events_key_episodes ON events (first_day, id) WHERE key_episode"
        )
    else:
        op.execute(
            "CREATE TRIGGER events_count_insert AFTER INSERT ON events BEGIN "
            "UPDATE cases SET event_count = event_count + 1 WHERE id = NEW.case_id; END"
        )
        op.execute(
            "CREATE TRIGGER events_count_delete AFTER DELETE ON events BEGIN "
            "UPDATE cases SET event_count = event_count - 1 WHERE id = OLD.case_id; END"
        )
        op.execute(
            "CREATE INDEX ix_events_key_episodes ON events (first_day, id) WHERE key_episode = 1"
        )
        _case_search_trigger(" OF code, pseudonym, summary")
    for index, (table, column) in LINK_INDEXES.items():
        op.create_index(index, table, [column])


def downgrade() -> None:
    for index, (table, _column) in LINK_INDEXES.items():
        op.drop_index(index, table_name=table)
    op.execute("DROP INDEX ix_events_key_episodes")
    if op.get_bind().dialect.name == "postgresql":
        for name in ("insert", "delete"):
            op.execute(f"DROP TRIGGER events_count_{name} ON events")
            op.execute(f"DROP FUNCTION events_count_{name}()")
    else:
        op.execute("DROP TRIGGER events_count_insert")
        op.execute("DROP TRIGGER events_count_delete")
        _case_search_trigger("")
    op.execute("ALTER TABLE cases DROP COLUMN event_count")
