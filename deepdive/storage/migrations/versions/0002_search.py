"""Full-text search across cases, chronology events, session responses and actions.

An FTS5 table kept current by triggers on the tables it indexes, so every change made
through the services (and every cascade) is searchable the moment it commits.
Each row's rowid encodes what it indexes: ``item_id * 8 + kind``.

Revision ID: 0002_search
Revises: 0001_initial
Create Date: 2026-11-26
"""

from alembic import op

revision = "0002_search"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

# kind codes: 1 case, 2 event, 3 session response, 4 action
_RESPONSE_TEXT = (
    "(SELECT coalesce(group_concat(value, ' '), '') FROM json_tree(NEW.content_json) "
    "WHERE type = 'text')"
)

_SOURCES = {
    "cases": (
        1,
        "NEW.id",
        "NEW.code || ' ' || NEW.pseudonym",
        "NEW.summary",
    ),
    "events": (
        2,
        "NEW.case_id",
        "NEW.date_text || ' ' || NEW.category",
        "NEW.description || ' ' || NEW.significance || ' ' || NEW.voice || ' ' || NEW.outcome",
    ),
    "stage_responses": (
        3,
        "(SELECT case_id FROM sessions WHERE sessions.id = NEW.session_id)",
        "NEW.stage_id",
        _RESPONSE_TEXT,
    ),
    "actions": (
        4,
        "NEW.case_id",
        "NEW.owner_role",
        "NEW.description",
    ),
}


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "kind UNINDEXED, case_id UNINDEXED, item_id UNINDEXED, title, body, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    for table, (kind, case_id, title, body) in _SOURCES.items():
        columns = "INSERT INTO search_index (rowid, kind, case_id, item_id, title, body)"
        values = f"NEW.id * 8 + {kind}, {kind}, {case_id}, NEW.id, {title}, {body}"
        row = f"{columns} VALUES ({values});"
        remove = f"DELETE FROM search_index WHERE rowid = OLD.id * 8 + {kind};"
        op.execute(f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {row} END")
        op.execute(
            f"CREATE TRIGGER {table}_search_update AFTER UPDATE ON {table} "
            f"BEGIN {remove} {row} END"
        )
        op.execute(f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {remove} END")
        # Index what the workspace already holds.
        op.execute(f"{columns} SELECT {values} FROM {table} AS NEW")


def downgrade() -> None:
    for table in _SOURCES:
        for action in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{action}")
    op.execute("DROP TABLE IF EXISTS search_index")
