"""Workspace storage: SQLAlchemy models, Alembic migrations, opening workspace files."""
