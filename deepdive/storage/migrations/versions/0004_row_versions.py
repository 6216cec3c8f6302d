"""Row versions on chronology events, so a save never overwrites a newer change.

Every event starts at version 1; each change adds one (SQLAlchemy's version_id_col for
ORM writes, the event service's own conditional UPDATE otherwise). ADD and DROP COLUMN
are plain ALTER TABLE on both engines (no batch copy: that would drop the search
triggers on SQLite).

Revision ID: 0004_row_versions
Revises: 0003_programme
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_row_versions"
down_revision = "0003_programme"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "events",
        sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"),
    )


def downgrade() -> None:
    op.execute("ALTER TABLE events DROP COLUMN row_version")
