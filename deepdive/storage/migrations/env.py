"""Alembic environment: always run programmatically with a connection DeepDive gives it."""

from alembic import context

from deepdive.storage.migrate import is_modelled
from deepdive.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    compare_type=True,
    include_name=is_modelled,
)
with context.begin_transaction():
    context.run_migrations()
