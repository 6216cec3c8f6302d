"""Row versions on the rest of what two people could edit at once, as cases have had
since 0005.

A cast member's details and notes, an agreed action, an outcome in one domain and a
case's story of a life changed. A save that read an older version is refused instead
of overwriting the newer one. Plain ADD and DROP COLUMN on both engines, as in 0004
and 0005 (no batch copy: that would drop the search triggers on SQLite). Members'
table grants cover the new columns; no policy changes.

Revision ID: 0009_row_versions_everywhere
Revises: 0008_server_speed
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_row_versions_everywhere"
down_revision = "0008_server_speed"
branch_labels = None
depends_on = None

_TABLES = ("people", "actions", "case_outcomes", "case_stories")


def upgrade() -> None:
    for table in _TABLES:
        op.add_column(
            table,
            sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"),
        )


def downgrade() -> None:
    for table in _TABLES:
        op.execute(f"ALTER TABLE {table} DROP COLUMN row_version")
