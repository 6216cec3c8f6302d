"""Teams of a workspace: who may see which cases (row-level security on a server).

A case belongs to at most one team (``cases.team_id``); a team's members are database
role names. On PostgreSQL the policies of migration 0006_teams let a role read and
change only the cases of the teams it is a member of (directly or through a group
role). On a workspace file there is one person and no server: the tables exist there
too (one schema for both engines) and stay empty.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from deepdive.storage.model_base import Base, UTCDateTime, utc_now


class Team(Base):
    """A team of a team workspace (a hub team, a council's facilitators, ...)."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    members: Mapped[list[TeamMember]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="TeamMember.role_name"
    )


class TeamMember(Base):
    """A database role that is a member of a team (by the role's name)."""

    __tablename__ = "team_members"

    team_id: Mapped[int] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )
    # PostgreSQL role names are at most 63 bytes.
    role_name: Mapped[str] = mapped_column(String(63), primary_key=True)


class TeamChannel(Base):
    """The name of the channel a team's changes are announced on, on a server.

    A secret only the team's members (and the owner) can read, under row-level
    security: PostgreSQL lets any role LISTEN on any channel, so a channel nobody else
    can name is what keeps other teams from hearing that this team's cases changed.
    ``team_id`` None: the owner's channel, for cases in no team. Empty on a file.
    """

    __tablename__ = "team_channels"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), unique=True
    )
    # PostgreSQL channel names are identifiers: at most 63 bytes.
    channel: Mapped[str] = mapped_column(String(63), unique=True)
