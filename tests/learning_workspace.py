"""A workspace with known answers for the learning tests.

Import as ``from learning_workspace import build``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.services.sessions import Participant
from deepdive.templates import builtin_template

MEASURED = date(2022, 6, 30)


@dataclass(frozen=True)
class Known:
    """One case of the known workspace."""

    code: str
    status: str
    archived: bool
    tags: tuple[str, ...]
    edge: bool
    stayed: bool | None
    missing: tuple[str, str] | None
    home: tuple[str, str] | None
    wellbeing: tuple[str, str] | None


CASES = (
    Known(
        "C1",
        "final",
        False,
        ("hub",),
        True,
        True,
        ("10", "2"),
        ("independent residential", "family home"),
        ("3", "6"),
    ),
    Known(
        "C2",
        "final",
        False,
        ("hub",),
        True,
        True,
        ("4", "0"),
        ("independent residential", "hub residential"),
        ("5", "5"),
    ),
    Known(
        "C3",
        "final",
        False,
        (),
        True,
        False,
        ("6", "6"),
        ("foster care", "foster care"),
        ("7", "4"),
    ),
    Known(
        "C4",
        "final",
        False,
        ("Hub",),
        True,
        True,
        ("0", "1"),
        ("hub residential", "family home"),
        None,
    ),
    Known("C5", "draft", False, (), True, True, ("3", "1"), None, None),
    Known("C6", "draft", True, ("hub",), True, False, ("20", "0"), None, None),
    Known("C7", "final", False, (), False, None, None, None, None),
)
# Theme uses: (case code, event index) — event 0 is a key episode in March 2019,
# event 1 an ordinary event in June 2021.
CONSISTENT = (("C1", 0), ("C2", 0), ("C3", 0), ("C4", 0), ("C5", 1), ("C6", 0), ("C1", 1))
CAMHS_EVENTS = (("C3", 1),)


def build(services: Services) -> dict[str, int]:
    """Fill ``services``' workspace; returns case ids by code."""
    ids: dict[str, int] = {}
    events: dict[str, list[int]] = {}
    for known in CASES:
        case = services.cases.create(
            known.code, f"YP {known.code}", status=known.status, tags=list(known.tags)
        )
        ids[known.code] = case.id
        added = services.events.add_many(
            case.id,
            [
                EventInput(
                    "2019-03-10", "placement", f"{known.code} moved in a hurry.", key_episode=True
                ),
                EventInput("2021-06-01", "hub support", f"{known.code} met the hub team."),
            ],
        )
        events[known.code] = [e.id for e in added]
        if known.edge:
            services.outcomes.set_edge_of_care(case.id, True, known.stayed)
        for domain, values in (
            ("missing", known.missing),
            ("accommodation", known.home),
            ("wellbeing", known.wellbeing),
        ):
            if values is not None:
                measured = date(2020, 6, 30) if known.code == "C5" else MEASURED
                services.outcomes.set_outcome(
                    case.id,
                    domain,
                    start_value=values[0],
                    latest_value=values[1],
                    latest_measured_on=measured,
                )
        if known.archived:
            services.cases.set_archived(case.id, True)
    for code, index in CONSISTENT:
        services.themes.apply_to_event(events[code][index], "Consistent worker")
    for code, index in CAMHS_EVENTS:
        services.themes.apply_to_event(events[code][index], "CAMHS waiting times")
    session = services.sessions.start(
        ids["C7"],
        builtin_template("deep-dive-case-study"),
        title="Deep Dive",
        held_on=date(2022, 3, 17),
        facilitator_role="Innovation coach",
        participants=[Participant("social worker", "Children's Social Care")],
    )
    services.themes.apply_to_response(session.id, "what-helped", "CAMHS waiting times")
    return ids
