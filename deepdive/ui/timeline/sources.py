"""Events in the form the timeline draws, from stored rows or from EventInfo."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from deepdive.domain.episode_labels import episode_label
from deepdive.services.events import EventInfo, EventRow
from deepdive.ui.chronology.display import span_text
from deepdive.ui.timeline.layout import TimelineEvent


def key_label(when: str, description: str) -> str:
    """A key episode's label: "Mar 2016 · Moved to Nan's." (never cut short)."""
    return episode_label(when, description)


def from_rows(rows: Iterable[EventRow]) -> list[TimelineEvent]:
    """Timeline events from the chronology's rows (fast: no date parsing but for labels)."""
    ordinal = _ordinal
    return [
        TimelineEvent(
            row.id,
            ordinal(row.first_day_text),
            ordinal(row.last_day_text),
            row.end_text is not None,
            row.category,
            row.agency,
            bool(row.stored_key_episode),
            key_label(span_text(row.date_text, None), row.description)
            if row.stored_key_episode
            else "",
        )
        for row in rows
    ]


def from_infos(infos: Iterable[EventInfo]) -> list[TimelineEvent]:
    """Timeline events from EventInfo (what exports hold)."""
    events = []
    for info in infos:
        span = info.span
        events.append(
            TimelineEvent(
                info.id,
                span.start.earliest().toordinal(),
                (span.end or span.start).latest().toordinal(),
                span.end is not None,
                info.category,
                info.agency,
                info.key_episode,
                key_label(span.start.display(), info.description) if info.key_episode else "",
            )
        )
    return events


def _ordinal(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()
