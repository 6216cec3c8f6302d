"""Stories of lives changed (one per case) and programme measures over time.

One revision, so it can be re-chained after another branch's migration.

Revision ID: 0003_programme
Revises: 0002_search
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_programme"
down_revision = "0002_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_stories",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_case_stories_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_stories")),
    )
    op.create_table(
        "programme_measures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("unit", sa.String(length=60), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_measures")),
        sa.UniqueConstraint("name", name=op.f("uq_programme_measures_name")),
    )
    op.create_table(
        "measure_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("date_text", sa.String(length=40), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("sort_key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["measure_id"],
            ["programme_measures.id"],
            name=op.f("fk_measure_values_measure_id_programme_measures"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure_values")),
    )
    op.create_index(
        op.f("ix_measure_values_measure_id"), "measure_values", ["measure_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_measure_values_measure_id"), table_name="measure_values")
    op.drop_table("measure_values")
    op.drop_table("programme_measures")
    op.drop_table("case_stories")
