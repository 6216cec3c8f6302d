"""Running Alembic migrations programmatically on an open workspace connection.

Alembic is imported only here and only when a workspace needs creating or upgrading,
so opening an up-to-date workspace stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from deepdive.storage.revisions import HEAD_REVISION, KNOWN_REVISIONS

__all__ = ["HEAD_REVISION", "KNOWN_REVISIONS", "alembic_config", "upgrade_to_head"]

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# Tables that live outside the ORM models (the FTS5 index and its shadow tables).
UNMODELLED_TABLE_PREFIXES = ("search_index",)


def is_modelled(name: str | None, type_: str) -> bool:
    """Whether schema comparison should consider this object (Alembic include_name)."""
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
