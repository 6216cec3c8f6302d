"""What the workspace keeps about the programme as a whole rather than one case: the
programme lead's own measures over time, and the audit trail of every export."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from deepdive.storage.model_base import Base, UTCDateTime, utc_now


class ProgrammeMeasure(Base):
    """A figure the programme lead records for the programme as a whole, over time
    ("residential placements commissioned"); its values are :class:`MeasureValue`."""

    __tablename__ = "programme_measures"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), unique=True)
    unit: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    values: Mapped[list[MeasureValue]] = relationship(
        back_populates="measure",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="MeasureValue.sort_key",
    )


class MeasureValue(Base):
    """One recorded value of a programme measure: when (a fuzzy date, kept like an
    event's), the figure, where it comes from and a note."""

    __tablename__ = "measure_values"

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(
        ForeignKey("programme_measures.id", ondelete="CASCADE"), index=True
    )
    date_text: Mapped[str] = mapped_column(String(40))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    sort_key: Mapped[str] = mapped_column(String(40))
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")

    measure: Mapped[ProgrammeMeasure] = relationship(back_populates="values")


class ExportRecord(Base):
    """The audit trail of every export: when, which case, where, checksum, check result."""

    __tablename__ = "export_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_code: Mapped[str | None] = mapped_column(String(40), default=None)
    exported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    kind: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    check_result: Mapped[str] = mapped_column(Text, default="")
