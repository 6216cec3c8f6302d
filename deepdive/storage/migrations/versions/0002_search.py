"""Full-text search across cases, chronology events, session responses and actions.

A table kept current by triggers on the tables it indexes, so every change made
through the services (and every cascade) is searchable the moment it commits.
Each row's rowid encodes what it indexes: ``item_id * 8 + kind``. On SQLite it is an
FTS5 table; on PostgreSQL a plain table with a generated ``tsvector`` (English
configuration with accents folded, titles weighted above bodies) under a GIN index, filled by the same
expressions through PL/pgSQL trigger functions.

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


# What a response's JSON holds as text, on PostgreSQL (json_tree's text leaves on SQLite).
_PG_RESPONSE_TEXT = (
    "(SELECT coalesce(string_agg(v #>> '{}', ' '), '') "
    "FROM jsonb_path_query(NEW.content_json::jsonb, 'strict $.**') AS v "
    "WHERE jsonb_typeof(v) = 'string')"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _upgrade_postgresql()
        return
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


def _upgrade_postgresql() -> None:
    # English stemming, and accents folded as FTS5's remove_diacritics does, through the
    # unaccent extension that PostgreSQL ships (trusted: a database owner may add it);
    # where a server lacks it, words keep their accents.
    available = op.get_bind().exec_driver_sql(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'"
    ).first()
    op.execute("CREATE TEXT SEARCH CONFIGURATION deepdive_english (COPY = english)")
    if available:
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        op.execute(
            "ALTER TEXT SEARCH CONFIGURATION deepdive_english "
            "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem"
        )
    op.execute(
        "CREATE TABLE search_index ("
        "rowid bigint PRIMARY KEY, kind integer NOT NULL, case_id integer NOT NULL, "
        "item_id integer NOT NULL, title text NOT NULL, body text NOT NULL, "
        "document tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('deepdive_english', title), 'A') || "
        "setweight(to_tsvector('deepdive_english', body), 'B')) STORED)"
    )
    op.execute("CREATE INDEX ix_search_index_document ON search_index USING gin (document)")
    op.execute("CREATE INDEX ix_search_index_case_id ON search_index (case_id)")
    for table, (kind, case_id, title, body) in _SOURCES.items():
        body = _PG_RESPONSE_TEXT if table == "stage_responses" else body
        columns = "INSERT INTO search_index (rowid, kind, case_id, item_id, title, body)"
        values = f"NEW.id * 8 + {kind}, {kind}, {case_id}, NEW.id, {title}, {body}"
        remove = f"DELETE FROM search_index WHERE rowid = OLD.id * 8 + {kind};"
        op.execute(
            f"CREATE FUNCTION {table}_search() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP <> 'INSERT' THEN {remove} END IF; "
            f"IF TG_OP <> 'DELETE' THEN {columns} VALUES ({values}); END IF; "
            "RETURN NULL; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {table}_search AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_search()"
        )
        op.execute(f"{columns} SELECT {values} FROM {table} AS NEW")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _SOURCES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_search ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {table}_search()")
        op.execute("DROP TABLE IF EXISTS search_index")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS deepdive_english")
        return
    for table in _SOURCES:
        for action in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{action}")
    op.execute("DROP TABLE IF EXISTS search_index")
