"""SQLAlchemy 2 typed models for a DeepDive workspace.

The workspace holds pseudonymised content only: real names live in the key vault,
which is a separate encrypted file and never appears here.

The schema covers the whole domain of PRODUCT.md (cases, cast, agencies, chronology,
templates, sessions, responses, actions, tags, themes, outcomes, stories, programme
measures, export audit) so that
later capabilities add behaviour, not reshaped tables. Change it only through an
Alembic migration in ``deepdive/storage/migrations/versions``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

# Re-exported: every model, the base and the UTC clock are imported from here.
from deepdive.storage.model_base import Base as Base
from deepdive.storage.model_base import Timestamped as Timestamped
from deepdive.storage.model_base import UTCDateTime as UTCDateTime
from deepdive.storage.model_base import utc_now as utc_now
from deepdive.storage.programme_models import ExportRecord as ExportRecord
from deepdive.storage.programme_models import MeasureValue as MeasureValue
from deepdive.storage.programme_models import ProgrammeMeasure as ProgrammeMeasure
from deepdive.storage.teams_models import Team as Team
from deepdive.storage.teams_models import TeamChannel as TeamChannel
from deepdive.storage.teams_models import TeamMember as TeamMember

case_tags = Table(
    "case_tags",
    Base.metadata,
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)

event_tags = Table(
    "event_tags",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)

event_people = Table(
    "event_people",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True),
)

event_themes = Table(
    "event_themes",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True, index=True),
)

response_themes = Table(
    "response_themes",
    Base.metadata,
    Column("response_id", ForeignKey("stage_responses.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)

response_events = Table(
    "response_events",
    Base.metadata,
    Column("response_id", ForeignKey("stage_responses.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class WorkspaceMeta(Base):
    """Key/value facts about the workspace itself (created by, app version, ...)."""

    __tablename__ = "workspace_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Agency(Base):
    """An agency that records events or employs cast members (editable list)."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(40), default="other")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class Tag(Base):
    """A free tag on cases and events."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)


class Theme(Base):
    """A workspace-wide learning theme applied to events and session responses."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id"), default=None)


class Case(Timestamped, Base):
    """One young person's case study."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    pseudonym: Mapped[str] = mapped_column(String(80))
    birth_year: Mapped[int | None] = mapped_column(Integer, default=None)
    birth_month: Mapped[int | None] = mapped_column(Integer, default=None)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    edge_of_care: Mapped[bool] = mapped_column(Boolean, default=False)
    stayed_with_family: Mapped[bool | None] = mapped_column(Boolean, default=None)
    summary: Mapped[str] = mapped_column(Text, default="")
    document_version: Mapped[int] = mapped_column(Integer, default=1)
    # One more on every change to the overview (CaseService.update, with a conditional
    # UPDATE, not SQLAlchemy's version counter: every event saved touches the case's
    # "last changed" time, and that must not count as a change to its overview).
    row_version: Mapped[int] = mapped_column(Integer, server_default="1")
    # Kept by triggers on events (migration 0007): the case list reads it, not a count.
    event_count: Mapped[int] = mapped_column(Integer, server_default="0")
    # The team (teams.id) whose members may see the case on a server; None: the owner
    # only. No foreign key: SQLite cannot add one to an existing table without copying
    # it, and a team that is gone simply has no members.
    team_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)

    tags: Mapped[list[Tag]] = relationship(secondary=case_tags, order_by="Tag.name")
    people: Mapped[list[Person]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="Person.sort_order",
        passive_deletes=True,
    )
    events: Mapped[list[ChronologyEvent]] = relationship(
        back_populates="case", cascade="all, delete-orphan", passive_deletes=True
    )
    sessions: Mapped[list[Session]] = relationship(
        back_populates="case", cascade="all, delete-orphan", passive_deletes=True
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="case", cascade="all, delete-orphan", passive_deletes=True
    )
    outcomes: Mapped[list[CaseOutcome]] = relationship(
        back_populates="case", cascade="all, delete-orphan", passive_deletes=True
    )
    story: Mapped[CaseStory | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class Person(Base):
    """A member of the case's cast, by pseudonym and role only."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    pseudonym: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(60))
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="SET NULL"), default=None
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # One more on every save (migration 0009): a save that read an older version is
    # refused (PeopleService.update).
    row_version: Mapped[int] = mapped_column(Integer, server_default="1")

    case: Mapped[Case] = relationship(back_populates="people")
    agency: Mapped[Agency | None] = relationship()


class ChronologyEvent(Timestamped, Base):
    """One significant event in the young person's chronology.

    ``date_text``/``end_text`` hold the fuzzy date in canonical form (see
    ``deepdive.domain.dates``); ``first_day``/``last_day`` and ``sort_key`` are derived
    from them by the service so SQL can filter and order without parsing.
    """

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_case_sort", "case_id", "sort_key", "position"),
        Index(
            "ix_events_key_episodes",
            "first_day",
            "id",
            sqlite_where=text("key_episode = 1"),
            postgresql_where=text("key_episode"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    date_text: Mapped[str] = mapped_column(String(40))
    end_text: Mapped[str | None] = mapped_column(String(40), default=None)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    sort_key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    category: Mapped[str] = mapped_column(String(40))
    source_agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="SET NULL"), default=None
    )
    description: Mapped[str] = mapped_column(Text, default="")
    significance: Mapped[str] = mapped_column(Text, default="")
    voice: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    key_episode: Mapped[bool] = mapped_column(Boolean, default=False)
    # One more on every change; a save that read an older version is refused
    # (ChangedElsewhereError) instead of overwriting a colleague's newer change.
    row_version: Mapped[int] = mapped_column(Integer, server_default="1")

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012 (SQLAlchemy's own)

    case: Mapped[Case] = relationship(back_populates="events")
    source_agency: Mapped[Agency | None] = relationship()
    people: Mapped[list[Person]] = relationship(secondary=event_people)
    tags: Mapped[list[Tag]] = relationship(secondary=event_tags, order_by="Tag.name")
    themes: Mapped[list[Theme]] = relationship(secondary=event_themes)


class TemplateVersion(Base):
    """One immutable version of a session template, kept as its YAML text.

    Sessions point at the version they used, so editing a template (which adds a new
    row) never changes a past session.
    """

    __tablename__ = "template_versions"
    __table_args__ = (UniqueConstraint("template_key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_key: Mapped[str] = mapped_column(String(80))
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(160))
    source: Mapped[str] = mapped_column(String(20), default="builtin")
    content: Mapped[str] = mapped_column(Text)
    content_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class Session(Timestamped, Base):
    """One run of a session template for a case."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    template_version_id: Mapped[int] = mapped_column(ForeignKey("template_versions.id"))
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    facilitator_role: Mapped[str] = mapped_column(String(80), default="")
    current_stage: Mapped[str | None] = mapped_column(String(80), default=None)
    notes: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="sessions")
    template_version: Mapped[TemplateVersion] = relationship()
    participants: Mapped[list[SessionParticipant]] = relationship(
        cascade="all, delete-orphan", order_by="SessionParticipant.id", passive_deletes=True
    )
    responses: Mapped[list[StageResponse]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )


class SessionParticipant(Base):
    """Who was in the room, by role and agency, never by name."""

    __tablename__ = "session_participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(80))
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agencies.id", ondelete="SET NULL"), default=None
    )

    agency: Mapped[Agency | None] = relationship()


class StageResponse(Base):
    """The room's response to one stage of a session, as JSON (shape per response kind)."""

    __tablename__ = "stage_responses"
    __table_args__ = (UniqueConstraint("session_id", "stage_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    stage_id: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    content_json: Mapped[str] = mapped_column(Text, default="{}")
    minutes_used: Mapped[int | None] = mapped_column(Integer, default=None)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
    # One more on every save of the content (not of the minutes the timer keeps): a save
    # that read an older version is refused (SessionService.save_response).
    row_version: Mapped[int] = mapped_column(Integer, server_default="1")

    session: Mapped[Session] = relationship(back_populates="responses")
    linked_events: Mapped[list[ChronologyEvent]] = relationship(secondary=response_events)
    themes: Mapped[list[Theme]] = relationship(secondary=response_themes)


class Action(Timestamped, Base):
    """An agreed action, owned by a role, from a session or added to the case directly."""

    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), default=None
    )
    stage_id: Mapped[str | None] = mapped_column(String(80), default=None)
    description: Mapped[str] = mapped_column(Text)
    owner_role: Mapped[str] = mapped_column(String(80), default="")
    due_on: Mapped[date | None] = mapped_column(Date, default=None)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # One more on every save (migration 0009): a save that read an older version is
    # refused (ActionService.update).
    row_version: Mapped[int] = mapped_column(Integer, server_default="1")

    case: Mapped[Case] = relationship(back_populates="actions")


class CaseOutcome(Base):
    """A measured outcome for a case in one outcome domain (start and latest value)."""

    __tablename__ = "case_outcomes"
    __table_args__ = (UniqueConstraint("case_id", "domain"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    domain: Mapped[str] = mapped_column(String(60))
    start_value: Mapped[str] = mapped_column(String(200), default="")
    latest_value: Mapped[str] = mapped_column(String(200), default="")
    start_measured_on: Mapped[date | None] = mapped_column(Date, default=None)
    latest_measured_on: Mapped[date | None] = mapped_column(Date, default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    # One more on every save (migration 0009): a save that read an older version is
    # refused (OutcomeService.set_outcome).
    row_version: Mapped[int] = mapped_column(Integer, server_default="1")

    case: Mapped[Case] = relationship(back_populates="outcomes")


class CaseStory(Base):
    """The case's story of a life changed: a short pseudonymised text for the programme
    report, written by the facilitator."""

    __tablename__ = "case_stories"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
    # One more on every save (migration 0009): a save that read an older version is
    # refused (StoryService.set).
    row_version: Mapped[int] = mapped_column(Integer, server_default="1")
