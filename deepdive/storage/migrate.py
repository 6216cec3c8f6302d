"""Running Alembic migrations programmatically on an open workspace connection.

Alembic is imported only here and only when a workspace needs creating or upgrading,
so opening an up-to-date workspace stays fast.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from deepdive.storage.revisions import HEAD_REVISION, KNOWN_REVISIONS

__all__ = ["HEAD_REVISION", "KNOWN_REVISIONS", "alembic_config", "upgrade_to_head"]

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# Tables that live outside the ORM models (the FTS5 index and its shadow tables).
UNMODELLED_TABLE_PREFIXES = ("search_index",)
# Columns a server keeps for row-level security alone, set by its triggers (migration
# 0008_server_speed): each link row's case.
UNMODELLED_COLUMNS = frozenset(
    (table, "case_id")
    for table in (
        "event_people",
        "event_tags",
        "event_themes",
        "session_participants",
        "stage_responses",
        "response_events",
        "response_themes",
    )
)


def is_modelled(name: str | None, type_: str, parent: Mapping[str, Any] | None = None) -> bool:
    """Whether schema comparison should consider this object (Alembic include_name;
    ``parent`` is its parent_names, naming a column's table)."""
    if type_ == "column" and parent is not None:
        return (parent.get("table_name"), name) not in UNMODELLED_COLUMNS
    return not (
        type_ == "table" and name is not None and name.startswith(UNMODELLED_TABLE_PREFIXES)
    )


def alembic_config(connection: Connection | None = None) -> Any:
    """An Alembic Config pointing at DeepDive's migrations, bound to ``connection``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade_to_head(connection: Connection) -> None:
    """Apply every pending migration on ``connection`` (inside its transaction)."""
    from alembic import command

    command.upgrade(alembic_config(connection), "head")


def script_revisions() -> list[str]:
    """The revision ids of the migration scripts on disk, oldest first."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return [s.revision for s in reversed(list(scripts.walk_revisions()))]
