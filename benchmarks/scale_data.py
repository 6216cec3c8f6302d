"""A big programme, loaded fast through the schema the migrations made (for scale.py).

10,000 cases and 1,000,000 events by default: one case of 10,000 events (the one a
facilitator opens), the rest spread evenly; three people per case, a fifth of the
events themed, one in twenty a key practice episode. Rows go in with PostgreSQL's
COPY, or the app's own bulk ``executemany`` on SQLite, in big batches; the search
index is filled by the migrations' own triggers on both engines, row by row, exactly
as the app fills it when it adds an event.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

BIG_CASE = "BIG-00001"
BATCH = 20_000

EVENT_COLUMNS = (
    "id", "case_id", "date_text", "end_text", "first_day", "last_day", "sort_key",
    "position", "category", "source_agency_id", "description", "significance", "voice",
    "outcome", "key_episode", "created_at", "updated_at",
)  # fmt: skip
CASE_COLUMNS = (
    "id", "code", "pseudonym", "birth_year", "birth_month", "status", "archived",
    "edge_of_care", "stayed_with_family", "summary", "document_version", "created_at",
    "updated_at",
)  # fmt: skip
PERSON_COLUMNS = ("id", "case_id", "pseudonym", "role", "agency_id", "notes", "sort_order")

# Words of the trade, most common first (chosen with falling weights), and made-up
# surnames of places and services that are rare, so a search has both kinds to find.
WORDS = [
    "school",
    "police",
    "placement",
    "social",
    "worker",
    "meeting",
    "missing",
    "home",
    "mum",
    "nan",
    "review",
    "health",
    "camhs",
    "referral",
    "assessment",
    "strategy",
    "exclusion",
    "foster",
    "carer",
    "residential",
    "hub",
    "key",
    "worker",
    "visit",
    "plan",
    "child",
    "protection",
    "education",
    "attendance",
    "incident",
    "arrested",
    "bail",
    "court",
    "youth",
    "offending",
    "housing",
    "support",
    "family",
    "contact",
    "sibling",
    "dad",
    "keyworker",
    "mentor",
    "football",
    "college",
    "apprenticeship",
    "therapy",
    "counselling",
    "gp",
    "hospital",
    "a&e",
    "overdose",
    "self-harm",
    "exploitation",
    "county",
    "lines",
    "cannabis",
    "curfew",
    "tag",
    "supervision",
    "advocate",
    "independent",
    "reviewing",
    "officer",
    "pathway",
    "plan",
    "leaving",
    "care",
    "flat",
    "tenancy",
    "benefits",
    "job",
    "centre",
    "training",
    "employment",
    "volunteering",
]
SYLLABLES = [
    "bar",
    "del",
    "fen",
    "gor",
    "hal",
    "jun",
    "kes",
    "lom",
    "mir",
    "nor",
    "pel",
    "quin",
    "ros",
    "sal",
    "tor",
    "val",
    "wen",
    "yor",
    "zan",
]
CATEGORIES = (
    "placement", "education", "health", "police/justice", "family", "social care",
    "hub support", "missing", "exploitation", "housing", "youth justice", "other",
)  # fmt: skip
PSEUDONYMS = [
    "Jay",
    "Sam",
    "Alex",
    "Jordan",
    "Casey",
    "Riley",
    "Morgan",
    "Taylor",
    "Jamie",
    "Robin",
    "Charlie",
    "Drew",
]


def rare_word(rng: random.Random) -> str:
    """A made-up place or service name (8,000 of them), rare in the text."""
    return "".join(rng.choice(SYLLABLES) for _ in range(3))


def sentence(rng: random.Random, words: int) -> str:
    """Text of the trade with a rare name in it."""
    weights = [1 / (n + 1) for n in range(len(WORDS))]
    chosen = rng.choices(WORDS, weights=weights, k=words)
    chosen.insert(rng.randrange(len(chosen)), rare_word(rng).capitalize())
    return " ".join(chosen).capitalize() + "."


def day_columns(day: date) -> tuple[str, None, date, date, str]:
    """An exact day's stored columns, as the event service writes them."""
    from deepdive.services.event_writing import validated_span

    span = validated_span(day.isoformat(), None)
    return (str(span.start), None, span.start.earliest(), span.start.latest(), span.sort_key())


def plan(cases: int, events: int, big: int) -> list[int]:
    """How many events each case gets: the first ``big``, the rest spread evenly."""
    rest = max(events - big, 0)
    each, extra = divmod(rest, max(cases - 1, 1))
    return [big] + [each + (1 if n < extra else 0) for n in range(cases - 1)]


def case_rows(cases: int, rng: random.Random) -> Iterator[tuple[Any, ...]]:
    now = datetime(2026, 11, 1, tzinfo=UTC)
    for n in range(1, cases + 1):
        code = BIG_CASE if n == 1 else f"SC-{n:05d}"
        changed = now - timedelta(minutes=rng.randrange(500_000))
        yield (
            n, code, rng.choice(PSEUDONYMS), 2000 + n % 10, 1 + n % 12,
            rng.choice(("draft", "in review", "final")), False, n % 3 == 0, None,
            sentence(rng, 20), 1, changed, changed,
        )  # fmt: skip


def person_rows(cases: int) -> Iterator[tuple[Any, ...]]:
    roles = (("young person", None), ("parent", None), ("social worker", 1))
    for case_id in range(1, cases + 1):
        for k, (role, agency) in enumerate(roles):
            yield (case_id * 3 - 2 + k, case_id, ("YP", "Mum", "SW1")[k], role, agency, "", k)


def event_rows(
    counts: Sequence[int], agencies: Sequence[int], rng: random.Random
) -> Iterator[tuple[Any, ...]]:
    first = date(2005, 1, 1)
    days = [day_columns(first + timedelta(days=d)) for d in range(0, 6_900, 3)]
    made = datetime(2026, 11, 1, tzinfo=UTC)
    event_id = 0
    for case_id, count in enumerate(counts, start=1):
        for position in range(1, count + 1):
            event_id += 1
            yield (
                event_id, case_id, *rng.choice(days), position, rng.choice(CATEGORIES),
                rng.choice(agencies), sentence(rng, 14), sentence(rng, 8) if position % 4 == 0
                else "", "", "", position % 20 == 0, made, made,
            )  # fmt: skip


def themed_rows(total_events: int, themes: Sequence[int]) -> Iterator[tuple[int, int]]:
    for event_id in range(1, total_events + 1, 5):
        yield (event_id, themes[event_id % len(themes)])


def batches(rows: Iterator[tuple[Any, ...]], size: int = BATCH) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def load(services: Any, cases: int, events: int, big: int, seed: int = 20) -> None:
    """Fill the (empty) workspace behind ``services``; prints progress."""
    import time

    rng = random.Random(seed)
    services.agencies.ensure_defaults()
    themes = [services.themes.create(f"Theme {n}").id for n in range(1, 21)]
    agencies = [a.id for a in services.agencies.list_agencies()]
    counts = plan(cases, events, big)
    workspace = services.workspace
    tables: list[tuple[str, Sequence[str], Iterator[tuple[Any, ...]]]] = [
        ("cases", CASE_COLUMNS, case_rows(cases, rng)),
        ("people", PERSON_COLUMNS, person_rows(cases)),
        ("events", EVENT_COLUMNS, event_rows(counts, agencies, rng)),
        ("event_themes", ("event_id", "theme_id"), themed_rows(sum(counts), themes)),
    ]
    for table, columns, rows in tables:
        start = time.perf_counter()
        if workspace.server is not None:
            count = _copy(workspace, table, columns, rows)
        else:
            count = _insert(workspace, table, columns, rows)
        took = time.perf_counter() - start
        print(f"  loaded {count:>9,} {table:<13} in {took:6.1f} s", flush=True)
    start = time.perf_counter()
    _finish(workspace)
    print(f"  analysed in {time.perf_counter() - start:.1f} s", flush=True)


def _copy(workspace: Any, table: str, columns: Sequence[str], rows: Iterator[Any]) -> int:
    count = 0
    raw = workspace.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for batch in batches(rows):
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in batch:
                    copy.write_row(tuple(map(_stored, row)))
            raw.commit()
            count += len(batch)
        if "id" in columns:  # later inserts take ids after the loaded ones
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
            raw.commit()
    finally:
        raw.close()
    return count


def _stored(value: Any) -> Any:
    """A value as the workspace stores it (times as naive UTC, as UTCDateTime does)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _insert(workspace: Any, table: str, columns: Sequence[str], rows: Iterator[Any]) -> int:
    from sqlalchemy import Table

    from deepdive.services.bulk import insert_rows
    from deepdive.storage.models import Base

    target: Table = Base.metadata.tables[table]
    count = 0
    for batch in batches(rows):
        with workspace.transaction() as session:
            insert_rows(session, target, columns, batch)
        count += len(batch)
    return count


def _finish(workspace: Any) -> None:
    """Statistics for the planner, as a server's autovacuum (or a file's optimiser)
    would have them by the time anyone reads this much."""
    raw = workspace.engine.raw_connection()
    try:
        if workspace.server is not None:
            raw.driver_connection.autocommit = True
            raw.driver_connection.execute("VACUUM ANALYZE")
        else:
            raw.cursor().execute("ANALYZE")
            raw.commit()
    finally:
        raw.close()
