"""The Outcomes tab's part in "many writers, nothing lost": each row saved at the row
version it was read at.

The tab remembers, for each outcome domain and the story of each case, the version and
the values it showed (the *base*); every save gives that version back. When a save is
refused because a colleague saved the same row first, the row is read again and
:func:`~deepdive.ui.conflicts.resolving.resolve` works out what to keep: their change
to other boxes of the row is kept with what was typed; the same box changed by both
shows theirs beside what was typed in the shared dialog. The edge-of-care answer is a
column of the case, whose version every overview edit moves on: it is saved against
the answer as read instead, so only a colleague's different answer is a clash.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from deepdive.services.outcomes import EdgeOfCare, OutcomeDomain, ValueKind
from deepdive.ui.conflicts.dialog import Ask
from deepdive.ui.conflicts.resolving import Shown, resolve
from deepdive.ui.outcomes.fields import TypedOutcome, measured_day, typed_from
from deepdive.ui.outcomes.undo import EDGE, STORY

if TYPE_CHECKING:
    from deepdive.services import Services


def _tr(text: str) -> str:
    return QCoreApplication.translate("OutcomeVersions", text)


def _value(value: object) -> str:
    return str(value) if value else _tr("(not recorded)")


@dataclass(frozen=True)
class Refusal:
    """What became of a refused save: the row to save over theirs at ``version`` (None:
    theirs is kept as it is) and a sentence for the user."""

    save: TypedOutcome | str | tuple[bool, bool | None] | None
    version: int
    message: str


class OutcomeVersions:
    """The version and values each row was read at, and the answer to a refusal."""

    def __init__(self, services: Services, ask: Ask) -> None:
        self._services = services
        self.ask = ask
        self._read: dict[tuple[int, str], tuple[int, TypedOutcome | str | EdgeOfCare]] = {}

    def remember(
        self, case_id: int, key: str, version: int, shown: TypedOutcome | str | EdgeOfCare
    ) -> None:
        """The row ``key`` of ``case_id`` as read or saved now is what its next save
        builds on (``shown``: the row's values, or the story's text)."""
        self._read[(case_id, key)] = (version, shown)

    def expected(self, case_id: int, key: str) -> int | None:
        """The version the next save of the row expects to find (None: not read)."""
        read = self._read.get((case_id, key))
        return read[0] if read else None

    def shown(self, case_id: int, key: str) -> TypedOutcome:
        """The outcome row ``key`` as last read or saved (empty if never read)."""
        read = self._read.get((case_id, key))
        return read[1] if read and isinstance(read[1], TypedOutcome) else TypedOutcome()

    def save(self, case_id: int, key: str, value: object, note: str = "") -> None:
        """Save row ``key`` of ``case_id`` as typed (``value``: a TypedOutcome, the
        story's text, or the edge-of-care answer) at the version it was read at, and
        remember what was stored. Raises ValidationError for a value that cannot be
        saved and ChangedElsewhereError when a colleague saved the row since."""
        outcomes = self._services.outcomes
        version = self.expected(case_id, key)
        if key == STORY:
            story = self._services.stories.set(case_id, str(value), expected_version=version)
            self.remember(case_id, key, story.version, story.text)
            return
        if key == EDGE:
            assert isinstance(value, tuple)
            edge, stayed = value
            read = self._read.get((case_id, key))
            expected = read[1] if read and isinstance(read[1], EdgeOfCare) else None
            answer = outcomes.set_edge_of_care(case_id, bool(edge), stayed, expected=expected)
            self.remember(case_id, key, 0, answer)
            return
        assert isinstance(value, TypedOutcome)
        domain = OutcomeDomain(key)
        if value.empty:
            outcomes.clear_outcome(case_id, domain, expected_version=version)
            self.remember(case_id, key, 1, TypedOutcome())  # as never recorded
            return
        saved = outcomes.set_outcome(
            case_id,
            domain,
            start_value=value.start,
            latest_value=value.latest,
            start_measured_on=measured_day(
                domain, value.start_on, _tr("date measured at the start")
            ),
            latest_measured_on=measured_day(domain, value.latest_on, _tr("latest date measured")),
            note=note,
            expected_version=version,
        )
        self.remember(case_id, key, saved.version, typed_from(saved))

    def resolve(self, parent: QWidget, case_id: int, key: str, typed: object) -> Refusal:
        """A save of ``typed`` into row ``key`` was refused: read the row again and work
        out, or ask, what to save over the colleague's version."""
        read = self._read.get((case_id, key))
        if key == EDGE:
            return self._resolve_edge(parent, case_id, read, typed)
        if key == STORY:
            story = self._services.stories.get(case_id)
            self.remember(case_id, key, story.version, story.text)
            theirs: dict[str, object] = {"story": story.text}
            base = {"story": read[1]} if read else theirs
            shown = {"story": Shown(_tr("Story of a life changed"), multiline=True)}
            what = _tr("the story of a life changed")
            outcome = resolve(parent, self.ask, what, shown, base, {"story": typed}, theirs)
            text = outcome.save.get("story")
            return Refusal(None if text is None else str(text), story.version, outcome.message)
        domain = OutcomeDomain(key)
        stored = next(
            (o for o in self._services.outcomes.list_for_case(case_id) if o.domain is domain),
            None,
        )
        version = stored.version if stored is not None else 1
        their_row = typed_from(stored)
        self.remember(case_id, key, version, their_row)
        theirs = _fields(their_row)
        base = _fields(read[1]) if read and isinstance(read[1], TypedOutcome) else theirs
        assert isinstance(typed, TypedOutcome)
        mine = _fields(typed)
        outcome = resolve(
            parent,
            self.ask,
            _tr("the outcome for {domain}").format(domain=domain.label.lower()),
            _row_shown(domain),
            base,
            {name: value for name, value in mine.items() if value != base[name]},
            theirs,
        )
        if not outcome.save:
            return Refusal(None, version, outcome.message)
        row = {name: str(value) for name, value in {**theirs, **outcome.save}.items()}
        return Refusal(TypedOutcome(**row), version, outcome.message)

    def _resolve_edge(
        self,
        parent: QWidget,
        case_id: int,
        read: tuple[int, object] | None,
        typed: object,
    ) -> Refusal:
        stored = self._services.outcomes.edge_of_care(case_id)
        self.remember(case_id, EDGE, 0, stored)
        theirs = _edge_fields(stored)
        base = _edge_fields(read[1]) if read and isinstance(read[1], EdgeOfCare) else theirs
        assert isinstance(typed, tuple)
        mine = _edge_fields(EdgeOfCare(bool(typed[0]), typed[1] if typed[0] else None))
        outcome = resolve(
            parent,
            self.ask,
            _tr("the edge-of-care answer"),
            {
                "edge": Shown(_tr("On the edge of care"), editable=False, text=_yes_no),
                "stayed": Shown(_tr("Stayed at home or with family"), editable=False, text=_known),
            },
            base,
            {name: value for name, value in mine.items() if value != base[name]},
            theirs,
        )
        if not outcome.save:
            return Refusal(None, 0, outcome.message)
        chosen = {**theirs, **outcome.save}
        return Refusal((bool(chosen["edge"]), _answer(chosen["stayed"])), 0, outcome.message)


def _edge_fields(answer: EdgeOfCare) -> dict[str, object]:
    return {"edge": answer.edge_of_care, "stayed": answer.stayed_with_family}


def _answer(value: object) -> bool | None:
    return None if value is None else bool(value)


def _yes_no(value: object) -> str:
    return _tr("Yes") if value else _tr("No")


def _known(value: object) -> str:
    return _tr("Not known yet") if value is None else _yes_no(value)


def _fields(row: TypedOutcome) -> dict[str, object]:
    return {
        "start": row.start,
        "start_on": row.start_on,
        "latest": row.latest,
        "latest_on": row.latest_on,
    }


def _row_shown(domain: OutcomeDomain) -> dict[str, Shown]:
    typed = domain.kind in (ValueKind.COUNT, ValueKind.SCORE)  # a number, not a choice
    return {
        "start": Shown(_tr("Value at the start"), editable=typed, text=_value),
        "start_on": Shown(_tr("Date measured at the start")),
        "latest": Shown(_tr("Latest value"), editable=typed, text=_value),
        "latest_on": Shown(_tr("Date last measured")),
    }
