"""The schema revisions this version of DeepDive knows, with no database layer attached.

Kept apart from :mod:`deepdive.storage.migrate` so that start-up can tell a current
workspace without importing SQLAlchemy or Alembic.
"""

from __future__ import annotations

# Every revision this version of DeepDive knows, oldest first. A workspace stamped
# with anything else was made by a newer DeepDive and must not be touched.
# tests/storage/test_migrations.py checks this matches the scripts on disk.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_search",
    "0003_programme",
    "0004_row_versions",
    "0005_more_row_versions",
    "0006_teams",
    "0007_scale_indexes",
    "0008_server_speed",
    "0009_row_versions_everywhere",
    "0010_team_channels",
)

HEAD_REVISION = KNOWN_REVISIONS[-1]
