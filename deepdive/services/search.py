"""Search everywhere: cases, chronology events, session responses and actions.

The index is kept current by triggers in the workspace (migration 0002_search), so a
change is searchable the moment it is saved. On SQLite it is FTS5 (words folded of
case and accents); on PostgreSQL a ``tsvector`` in the English configuration (case
and accents folded, words stemmed, so "meetings" finds "meeting"). Both answer the same
question the same way: every typed word must appear, the last may be the start of a
word, titles count more than bodies.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from sqlalchemy import TextClause, select, text
from sqlalchemy.orm import Session as OrmSession

from deepdive.domain.dates import FuzzyDate
from deepdive.storage.models import Session, StageResponse
from deepdive.storage.workspace import Workspace

# Marks the matched words inside titles and snippets; the UI turns them into bold.
MATCH_START = "\ue000"
MATCH_END = "\ue001"


class SearchKind(IntEnum):
    """What a hit is (the codes are the ones the index stores)."""

    CASE = 1
    EVENT = 2
    RESPONSE = 3
    ACTION = 4

    @property
    def label(self) -> str:
        """The kind as a user reads it."""
        return {1: "Case", 2: "Chronology", 3: "Session", 4: "Action"}[self.value]


@dataclass(frozen=True)
class SearchHit:
    """One thing that matched, with the matched words marked."""

    kind: SearchKind
    case_id: int
    case_code: str
    case_pseudonym: str
    item_id: int
    title: str
    snippet: str


_WORD = re.compile(r"\w+", re.UNICODE)

# Ranking every match is what costs time when a word is everywhere, so matches are
# ranked only when there are few enough; otherwise the newest come first. Highlights
# and snippets are made here in Python for the rows shown only: FTS5's own snippet()
# would be worked out for every match.
RANK_AT_MOST = 2000
SNIPPET_WORDS = 18


@dataclass(frozen=True)
class _Engine:
    """One engine's statements: how many match (up to a cap), the best ids, the newest."""

    count: TextClause
    ranked: TextClause
    newest: TextClause


_FTS5 = _Engine(
    count=text(
        "SELECT count(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH :query "
        "LIMIT :cap)"
    ),
    ranked=text(
        "SELECT rowid FROM search_index WHERE search_index MATCH :query "
        "ORDER BY bm25(search_index, 0, 0, 0, 4.0, 1.0) LIMIT :limit"
    ),
    newest=text(
        "SELECT rowid FROM search_index WHERE search_index MATCH :query "
        "ORDER BY rowid DESC LIMIT :limit"
    ),
)

# On a team workspace the matches come from one function that uses the GIN index and
# keeps to the cases the role may see (row-level security would forbid the index: see
# migration 0006_teams); it ranks titles (A) four times bodies (B), as bm25's weights above.
_MATCHES = "deepdive_search(to_tsquery('deepdive_english', :query), '{how}', :{wanted})"
_POSTGRESQL = _Engine(
    count=text(f"SELECT count(*) FROM {_MATCHES.format(how='any', wanted='cap')}"),
    ranked=text(
        f"SELECT rowid FROM {_MATCHES.format(how='ranked', wanted='limit')} "
        "WITH ORDINALITY AS found(rowid, place) ORDER BY place"
    ),
    newest=text(
        f"SELECT rowid FROM {_MATCHES.format(how='newest', wanted='limit')} "
        "WITH ORDINALITY AS found(rowid, place) ORDER BY place"
    ),
)


def _rows_statement(count: int) -> TextClause:
    marks = ", ".join(f":id{n}" for n in range(count))
    return text(
        "SELECT s.rowid, s.kind, s.case_id, s.item_id, s.title, s.body "
        f"FROM search_index AS s WHERE s.rowid IN ({marks})"
    )


def _cases_statement(count: int) -> TextClause:
    # Apart from the rows, not joined to them: PostgreSQL hashed every case of a big
    # programme to join the 200 shown (a third of a search's time), where looking up
    # their few cases by key is immediate.
    marks = ", ".join(f":id{n}" for n in range(count))
    return text(f"SELECT id, code, pseudonym FROM cases WHERE id IN ({marks})")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    folded = base.casefold()
    return folded if len(folded) == 1 else char.casefold()[:1] or char


def fold(text_: str) -> str:
    """Case- and accent-free text of the same length, so positions carry over."""
    if text_.isascii():
        return text_.lower()
    return "".join(_fold_char(c) for c in text_)


@lru_cache(maxsize=64)
def _patterns(words: tuple[str, ...], prefix_last: bool) -> tuple[re.Pattern[str], ...]:
    patterns = []
    for position, word in enumerate(words):
        last = prefix_last and position == len(words) - 1
        tail = r"\w*" if last else r"(?!\w)"
        patterns.append(re.compile(rf"(?<!\w){re.escape(fold(word))}{tail}"))
    return tuple(patterns)


def mark_matches(text_: str, words: list[str], prefix_last: bool = True) -> list[tuple[int, int]]:
    """Spans of ``text_`` where a searched word appears (whole words; the last as a prefix)."""
    folded = fold(text_)
    spans: list[tuple[int, int]] = []
    for pattern in _patterns(tuple(words), prefix_last):
        spans.extend(m.span() for m in pattern.finditer(folded))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def marked(text_: str, spans: list[tuple[int, int]]) -> str:
    """``text_`` with MATCH_START/MATCH_END around each span."""
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.extend((text_[last:start], MATCH_START, text_[start:end], MATCH_END))
        last = end
    out.append(text_[last:])
    return "".join(out)


def snippet(body: str, words: list[str]) -> str:
    """A short extract of ``body`` around the first match, matches marked."""
    flat = " ".join(body.split())
    spans = mark_matches(flat, words)
    if not spans:
        extract = " ".join(flat.split(" ")[:SNIPPET_WORDS])
        return extract + ("…" if len(extract) < len(flat) else "")
    first = spans[0][0]
    start = flat.rfind(" ", 0, max(0, first - 60)) + 1 if first > 60 else 0
    pieces = flat[start:].split(" ")
    extract = " ".join(pieces[:SNIPPET_WORDS])
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + len(extract) < len(flat) else ""
    return prefix + marked(extract, mark_matches(extract, words)) + suffix


def fts_query(typed: str) -> str | None:
    """The FTS5 query for what was typed: every word must appear; the last may be a prefix."""
    words = _WORD.findall(typed)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def ts_query(typed: str) -> str | None:
    """The PostgreSQL ``to_tsquery`` text for what was typed, with the same meaning as
    :func:`fts_query`: each word quoted (so nothing typed is an operator), joined by AND,
    the last a prefix."""
    words = _WORD.findall(typed)
    if not words:
        return None
    quoted = ["'" + w.replace("'", "''") + "'" for w in words]
    quoted[-1] += ":*"
    return " & ".join(quoted)


def readable_title(kind: SearchKind, indexed: str) -> str:
    """The title as the rest of the app shows it: events say "15 Jan 2018", not the
    stored "2018-01-15"."""
    if kind is SearchKind.EVENT:
        split = FuzzyDate.split_leading(indexed)
        if split is not None:
            day, rest = split
            return f"{day.display()} {rest}".rstrip()
    return indexed


class SearchService:
    """Finds anything written in the workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        postgresql = workspace.engine.dialect.name == "postgresql"
        self._engine = _POSTGRESQL if postgresql else _FTS5
        self._query = ts_query if postgresql else fts_query

    def search(self, typed: str, limit: int = 200) -> list[SearchHit]:
        """Hits for ``typed``, grouped by case (best case first), then by kind and rank."""
        query = self._query(typed)
        if query is None:
            return []
        words = _WORD.findall(typed)
        statements = self._engine
        with self._workspace.reading() as session:
            matches = session.scalar(statements.count, {"query": query, "cap": RANK_AT_MOST + 1})
            chosen = statements.ranked if (matches or 0) <= RANK_AT_MOST else statements.newest
            ids = list(session.scalars(chosen, {"query": query, "limit": limit}))
            if not ids:
                return []
            found = session.execute(
                _rows_statement(len(ids)), {f"id{n}": i for n, i in enumerate(ids)}
            ).all()
            cases = _case_names(session, sorted({row[2] for row in found}))
            responses = [row[3] for row in found if row[1] == SearchKind.RESPONSE]
            stages = _stage_titles(session, responses) if responses else {}
        # (rowid, kind, case_id, code, pseudonym, item_id, title, body), as a join made
        # them: a row whose case is gone is left out.
        by_rowid = {
            row[0]: (*row[:3], *cases[row[2]], *row[3:]) for row in found if row[2] in cases
        }
        rows = [by_rowid[i] for i in ids if i in by_rowid]
        best: dict[int, int] = {}
        for position, row in enumerate(rows):
            best.setdefault(row[2], position)
        ordered = sorted(enumerate(rows), key=lambda item: (best[item[1][2]], item[1][1], item[0]))
        return [
            SearchHit(
                kind=SearchKind(row[1]),
                case_id=row[2],
                case_code=row[3],
                case_pseudonym=row[4],
                item_id=row[5],
                title=marked(title, mark_matches(title, words)),
                snippet=snippet(row[7], words),
            )
            for _position, row in ordered
            for title in (
                str(stages.get(row[5], row[6]))
                if row[1] == SearchKind.RESPONSE
                else readable_title(SearchKind(row[1]), row[6]),
            )
        ]


def _case_names(session: OrmSession, case_ids: list[int]) -> dict[int, tuple[str, str]]:
    """Each case's (code, pseudonym); none asked (the rows went meanwhile), none read."""
    if not case_ids:
        return {}
    marks = {f"id{n}": i for n, i in enumerate(case_ids)}
    found = session.execute(_cases_statement(len(case_ids)), marks)
    return {case_id: (code, pseudonym) for case_id, code, pseudonym in found}


def _stage_titles(session: OrmSession, response_ids: list[int]) -> dict[int, str]:
    """Each response's place as the runner names it: "Deep Dive · Walk the chronology"
    (the index holds the stage's id, which no one should have to read)."""
    from deepdive.services.sessions import snapshot_template

    rows = session.execute(
        select(StageResponse.id, StageResponse.stage_id, Session)
        .join(Session, Session.id == StageResponse.session_id)
        .where(StageResponse.id.in_(response_ids))
    ).all()
    titles: dict[int, str] = {}
    for response_id, stage_id, owner in rows:
        template = snapshot_template(owner.template_version)
        stage = template.stage(stage_id).title if stage_id in template.stage_ids else stage_id
        titles[response_id] = f"{owner.title} · {stage}"
    return titles
