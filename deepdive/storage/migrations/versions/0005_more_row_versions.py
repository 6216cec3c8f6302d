"""Row versions on cases and session stage responses, as events have had since 0004.

The free text two facilitators could edit at once besides events: a case's overview
(summary, pseudonym, birth, status, tags) and the room's response to each stage of a
session. A save that read an older version is refused instead of overwriting the
newer one. Plain ADD and DROP COLUMN on both engines, as in 0004 (no batch copy: that
would drop the search triggers on SQLite).

Revision ID: 0005_more_row_versions
Revises: 0004_row_versions
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_more_row_versions"
down_revision = "0004_row_versions"
branch_labels = None
depends_on = None

_TABLES = ("cases", "stage_responses")


def upgrade() -> None:
    for table in _TABLES:
        op.add_column(
            table,
            sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"),
        )


def downgrade() -> None:
    for table in _TABLES:
        op.execute(f"ALTER TABLE {table} DROP COLUMN row_version")
